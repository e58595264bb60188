import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { CONSULT_PAY_VA_OPTIONS, type consultPay as consultPayContract } from '../../../contracts/payment-gateway/consult-pay.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import { isKnownStore } from './stores.ts';

// Consult Pay: what the merchant can offer for this amount. Every order pays from a DANA balance or
// through a VA at dana-sim's bank; QRIS needs a store the merchant registered.

export function consultPay(input: InputOf<typeof consultPayContract>, context: HandlerContext): Result<Handled> {
  if (!input.merchantId) return fail('INVALID_FIELD_FORMAT');
  const merchantId = merchantIdOf(context);
  if (input.merchantId !== merchantId) return fail('INVALID_MERCHANT');
  const qris = input.externalStoreId !== undefined && isKnownStore(context.tx, merchantId, input.externalStoreId);
  const paymentInfos = [
    { payMethod: 'BALANCE' },
    ...CONSULT_PAY_VA_OPTIONS.map((payOption) => ({ payMethod: 'VIRTUAL_ACCOUNT', payOption })),
    ...(qris ? [{ payMethod: 'NETWORK_PAY', payOption: 'NETWORK_PAY_PG_QRIS' }] : []),
  ];
  return ok({
    reply: { key: 'SUCCESS', fields: { paymentInfos } },
  });
}
