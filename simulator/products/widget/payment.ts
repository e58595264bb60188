import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import type { widgetPayment as widgetPaymentContract } from '../../../contracts/widget/index.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import { ORDER_TIMERS, type OrderDetails } from '../payment-gateway/orders.ts';
import { storesKnown } from '../payment-gateway/stores.ts';

// Widget Payment (svc 54): opens a Payment Gateway order record (INIT, or PAYING under the sandbox's
// 205502.00 completion rule) that the user pays from their DANA balance on the cashier page. Paying,
// expiry, Finish Notify, query, cancel and refund are Payment Gateway's order machinery.

/**
 * How far ahead validUpTo may lie. DANA is silent for Widget; its UAT query tests send now + 30 days,
 * so Widget accepts up to 30 days (Payment Gateway: 30 minutes).
 */
const WIDGET_MAX_VALIDITY_MS = 30 * 24 * 60 * 60 * 1000;

export function widgetPayment(input: InputOf<typeof widgetPaymentContract>, context: HandlerContext): Result<Handled> {
  if (input.merchantId !== merchantIdOf(context)) return fail('INVALID_MERCHANT');
  if (!storesKnown(context.tx, input.merchantId, input)) return fail('INVALID_MERCHANT');
  const validUntil = Date.parse(input.validUpTo);
  if (validUntil <= context.now || validUntil > context.now + WIDGET_MAX_VALIDITY_MS)
    return fail('INVALID_FIELD_FORMAT', { detail: 'validUpTo' });
  const referenceNo = context.services.ids.referenceNo();
  const key = context.idempotency!.recordKey;
  const option = input.payOptionDetails?.[0];
  const details: OrderDetails = {
    merchantId: input.merchantId,
    amountMinor: input.amountMinor,
    title: input.additionalInfo.order.orderTitle,
    validUntil,
    notificationUrl: input.urlParams?.find((param) => param.type === 'NOTIFICATION')?.url,
    payReturnUrl: input.urlParams?.find((param) => param.type === 'PAY_RETURN')?.url,
    payMethod: option?.payMethod ?? 'BALANCE',
    ...(option?.payOption ? { payOption: option.payOption } : {}),
  };
  context.tx.put(ORDER_TIMERS, key, { key, expiresAt: validUntil });
  // The URL carries a query already: dana-node 1.5.11 appends `&ott=...` to it as it is.
  const webRedirectUrl = `${context.services.pagesUrl()}/m/portal/cashier/checkout?bizNo=${referenceNo}`;
  const status = context.settle ? ORDER_STATUS.PAYING.code : ORDER_STATUS.INIT.code;
  return ok({
    reply: { key: 'SUCCESS', fields: { referenceNo, partnerReferenceNo: input.partnerReferenceNo, webRedirectUrl } },
    record: { status, referenceNo, amount: input.amount, details: { ...details } },
  });
}
