import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import type { cancelOrder as cancelOrderContract } from '../../../contracts/payment-gateway/cancel-order.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import type { TransactionRecord } from '../../core/idempotency.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext } from '../../core/route.ts';
import { expireBill } from '../virtual-account/bills.ts';
import { findOrder, inProgress, orderEcho } from './order-lookup.ts';
import { cancelOpenOrder, detailsOf, orderKey, updateOrder } from './orders.ts';
import { refundMoney } from './refunds.ts';

// Cancel Order (svc 57). An unpaid order closes, and so does its VA; a paid order gets what is left of
// its payment back (one posting to the payer) and closes; a cancelled order answers as it did the
// first time. No Finish Notify: the merchant asked and has its answer (DANA documents none for cancel).

export function cancelOrder(input: InputOf<typeof cancelOrderContract>, context: HandlerContext): Result<Handled> {
  if (input.merchantId !== merchantIdOf(context)) return fail('INVALID_MERCHANT');
  if (context.settle?.outcome === 'failed') return inProgress({ originalPartnerReferenceNo: input.originalPartnerReferenceNo });
  const record = findOrder(context, input);
  if (!record) return fail('TRANSACTION_NOT_FOUND');
  const cancelled = cancel(context, record);
  if (!cancelled.ok) return cancelled;
  const details = detailsOf(cancelled.value);
  return ok({
    reply: {
      key: context.settle ? 'IN_PROGRESS' : 'SUCCESS',
      fields: {
        ...orderEcho(record),
        cancelTime: jakartaTimestamp(details.cancelledAt!),
        transactionDate: jakartaTimestamp(record.createdAt),
      },
    },
  });
}

function cancel(context: HandlerContext, record: TransactionRecord): Result<TransactionRecord> {
  const { tx, now } = context;
  const details = detailsOf(record);
  switch (record.status) {
    case ORDER_STATUS.CANCELLED.code:
      // Closed by expiry is not a cancel the merchant made.
      return details.cancelledAt === undefined ? fail('INVALID_TRANSACTION_STATUS') : ok(record);
    case ORDER_STATUS.INIT.code: {
      const cancelled = cancelOpenOrder(tx, orderKey(record.partnerId, record.partnerReferenceNo), now);
      if (!cancelled) return fail('INVALID_TRANSACTION_STATUS');
      if (details.paymentCode) expireBill(tx, context.services.db, details.paymentCode, now);
      return ok(cancelled);
    }
    case ORDER_STATUS.SUCCESS.code: {
      const leftMinor = details.amountMinor - (details.refundedMinor ?? 0);
      if (leftMinor <= 0) return fail('INVALID_TRANSACTION_STATUS');
      const refunded = refundMoney(tx, record, leftMinor, now, 'cancel', { pastWindow: fail('TRANSACTION_EXPIRED') });
      if (!refunded.ok) return refunded;
      return ok(updateOrder(tx, refunded.value, now, { status: ORDER_STATUS.CANCELLED.code, details: { cancelledAt: now } }));
    }
    default:
      return fail('INVALID_TRANSACTION_STATUS');
  }
}
