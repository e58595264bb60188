import type { InputOf } from '../../../contracts/common/endpoint.ts';
import { ORDER_STATUS, REFUND_WINDOW_MS } from '../../../contracts/payment-gateway/common.ts';
import { REFUND_COMPARED_FIELDS, type refundOrder as refundOrderContract } from '../../../contracts/payment-gateway/refund-order.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import { fail, ok, type Fail, type Result } from '../../core/result.ts';
import { merchantIdOf, type Handled, type HandlerContext, type Reply } from '../../core/route.ts';
import { merchantSettlement } from '../../ledger/accounts.ts';
import type { Transaction } from '../../ledger/database.ts';
import { getPath } from '../../../contracts/common/paths.ts';
import { detailsOf, updateOrder } from './orders.ts';
import { findOrder, inProgress, orderEcho } from './order-lookup.ts';

// Refund Order (svc 58): money back from the merchant's settlement account to the account the order
// was paid from, once per partnerRefundNo. Check order: sandbox rules (before the handler), merchant,
// order lookup (4045801), the refund key (same request: the first reply; changed: 4045818), order
// state (4045800), refund window (4035815), the paid amount left (4035802), the merchant's balance
// (4035814). The key is checked before the state so a retry of a refund still replays after the
// order was cancelled.

/** Refunds are kept with the transactions, under their own family and the merchant's partnerRefundNo. */
export const REFUND_FAMILY = 'pgRefund';

export function refundOrder(input: InputOf<typeof refundOrderContract>, context: HandlerContext): Result<Handled> {
  if (input.merchantId !== merchantIdOf(context)) return fail('INVALID_MERCHANT');
  const echo = { originalPartnerReferenceNo: input.originalPartnerReferenceNo, partnerRefundNo: input.partnerRefundNo };
  if (context.settle?.outcome === 'failed') return inProgress({ ...echo, refundAmount: input.refundAmount });
  const record = findOrder(context, input);
  if (!record) return fail('TRANSACTION_NOT_FOUND');
  const { tx } = context;
  const key = recordKey(REFUND_FAMILY, context.client.partnerId, input.partnerRefundNo);
  const print = JSON.stringify(REFUND_COMPARED_FIELDS.map((field) => getPath(input, field) ?? null));
  const earlier = tx.get<TransactionRecord>(TRANSACTIONS, key);
  if (earlier) {
    if (earlier.fingerprint !== print || !earlier.reply.ok) return fail('INCONSISTENT_REQUEST');
    return ok({ reply: earlier.reply.reply });
  }
  const refundNo = context.services.ids.referenceNo();
  const refunded = refundMoney(tx, record, input.refundAmountMinor, context.now, `refund:${refundNo}`);
  if (!refunded.ok) return refunded;
  const reply: Reply = {
    key: context.settle ? 'IN_PROGRESS' : 'SUCCESS',
    fields: {
      ...orderEcho(record),
      partnerRefundNo: input.partnerRefundNo,
      refundNo,
      refundAmount: input.refundAmount,
      refundTime: jakartaTimestamp(context.now),
    },
  };
  const refund: TransactionRecord = {
    family: REFUND_FAMILY,
    partnerId: context.client.partnerId,
    partnerReferenceNo: input.partnerRefundNo,
    referenceNo: refundNo,
    externalId: context.externalId,
    fingerprint: print,
    status: ORDER_STATUS.SUCCESS.code,
    amount: input.refundAmount,
    reply: { ok: true, reply },
    createdAt: context.now,
    updatedAt: context.now,
    details: { orderKey: recordKey(record.family, record.partnerId, record.partnerReferenceNo) },
  };
  tx.put(TRANSACTIONS, key, refund);
  return ok({ reply });
}

/**
 * Moves `amountMinor` of a paid order back to its payer and counts it as refunded (the updated order);
 * a Fail (and no change) when the order is not paid, the window has passed, more than the paid amount would go
 * back, or the merchant's settlement balance cannot cover it.
 */
export function refundMoney(
  tx: Transaction,
  record: TransactionRecord,
  amountMinor: number,
  now: number,
  postingSuffix: string,
  refusals: { readonly pastWindow: Fail } = { pastWindow: fail('TRANSACTION_NOT_PERMITTED') },
): Result<TransactionRecord> {
  const details = detailsOf(record);
  if (record.status !== ORDER_STATUS.SUCCESS.code || details.paidAt === undefined || !details.payerAccount)
    return fail('INVALID_TRANSACTION_STATUS');
  if (now - details.paidAt > REFUND_WINDOW_MS) return refusals.pastWindow;
  const refundedMinor = details.refundedMinor ?? 0;
  if (refundedMinor + amountMinor > details.amountMinor) return fail('EXCEEDS_AMOUNT_LIMIT');
  const settlement = merchantSettlement(details.merchantId);
  if (tx.balance(settlement) < amountMinor) return fail('INSUFFICIENT_FUNDS');
  tx.post({
    id: `order:${record.referenceNo}:${postingSuffix}`,
    at: now,
    ref: recordKey(record.family, record.partnerId, record.partnerReferenceNo),
    memo: `refund of order ${record.partnerReferenceNo}`,
    entries: [
      { account: settlement, amountMinor: -amountMinor },
      { account: details.payerAccount, amountMinor },
    ],
  });
  return ok(updateOrder(tx, record, now, { details: { refundedMinor: refundedMinor + amountMinor } }));
}
