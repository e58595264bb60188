import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { accountUnbinding as accountUnbindingContract } from '../../../contracts/widget/account-unbinding.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { endOtts } from './ott.ts';
import { customerOf, endBinding } from './tokens.ts';

// Account Unbinding (svc 09): the user's binding with the calling merchant ends, and with it every
// access and refresh token it issued (a later call with one gets Invalid Customer Token), and every
// unused OTT (the payment page no longer logs the user in with one). DANA does not document
// unlinkResult's values; UNBINDING_SUCCESS says what happened (simulator choice).

export function accountUnbinding(input: InputOf<typeof accountUnbindingContract>, context: HandlerContext): Result<Handled> {
  const customer = customerOf(context, input.additionalInfo.accessToken);
  if (!customer.ok) return customer;
  endBinding(context.tx, context.client.partnerId, customer.value.customerNumber, context.now);
  endOtts(context.tx, context.client.partnerId, customer.value.customerNumber, context.now);
  return ok({
    reply: {
      key: 'SUCCESS',
      fields: {
        referenceNo: context.services.ids.referenceNo(),
        ...(input.partnerReferenceNo ? { partnerReferenceNo: input.partnerReferenceNo } : {}),
        merchantId: input.merchantId,
        ...(input.subMerchantId ? { subMerchantId: input.subMerchantId } : {}),
        ...(input.linkId ? { linkId: input.linkId } : {}),
        unlinkResult: 'UNBINDING_SUCCESS',
        additionalInfo: {},
      },
    },
  });
}
