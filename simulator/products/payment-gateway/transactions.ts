import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import type { Runtime } from '../../core/product.ts';
import {
  createdAtOf,
  postingsOf,
  recordsOf,
  statusName,
  type TransactionAction,
  type TransactionRow,
  transactionRow,
} from '../../core/transactions.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { money } from '../../ledger/money.ts';
import { ORDER_FAMILY, detailsOf, orderKey } from './orders.ts';
import { REFUND_FAMILY } from './refunds.ts';

// Payment Gateway's part of the dashboard's transaction list: orders (Widget payments are orders too)
// and their refunds. An open order can be paid (POST /__sim/orders/pay) or expired by hand.

const USER_PREFIX = userBalance('');

/** Who paid: the customer number of a balance payment, else the order's VA number. */
function payerOf(record: TransactionRecord): string | undefined {
  const details = detailsOf(record);
  if (details.payerAccount?.startsWith(USER_PREFIX)) return details.payerAccount.slice(USER_PREFIX.length);
  return details.paymentCode;
}

/** Closed by its validUpTo passing is what DANA's Finish Notify calls ORDER_EXPIRED; the code stays 05. */
function orderStatus(record: TransactionRecord): string {
  const details = detailsOf(record);
  if (record.status === ORDER_STATUS.CANCELLED.code && details.closedAt !== undefined && details.cancelledAt === undefined)
    return 'EXPIRED';
  return statusName(ORDER_STATUS, record.status);
}

function orderActions(runtime: Runtime, record: TransactionRecord): TransactionAction[] {
  if (record.status !== ORDER_STATUS.INIT.code) return [];
  return runtime.clock.now() < detailsOf(record).validUntil ? ['pay', 'expire'] : ['expire'];
}

function orders(runtime: Runtime): TransactionRow[] {
  return recordsOf(runtime.db, ORDER_FAMILY).map((record) => {
    const details = detailsOf(record);
    const payer = payerOf(record);
    return transactionRow(record.createdAt, record.partnerId, details.merchantId, () => ({
      kind: 'order',
      id: `order:${record.partnerId}:${record.partnerReferenceNo}`,
      merchantId: details.merchantId,
      partnerId: record.partnerId,
      partnerReferenceNo: record.partnerReferenceNo,
      ...(record.referenceNo ? { referenceNo: record.referenceNo } : {}),
      status: orderStatus(record),
      statusCode: record.status,
      amount: money(details.amountMinor),
      ...(payer ? { counterparty: payer } : {}),
      ...createdAtOf(record.createdAt),
      // The order's own postings: its payment and every refund of it (Refund Order, a paid order's cancel).
      postings: postingsOf(runtime.db, orderKey(record.partnerId, record.partnerReferenceNo)),
      actions: orderActions(runtime, record),
      refunded: money(details.refundedMinor ?? 0),
      payMethod: details.payMethod,
      ...(details.paymentCode ? { paymentCode: details.paymentCode } : {}),
    }));
  });
}

function refunds(runtime: Runtime): TransactionRow[] {
  return recordsOf(runtime.db, REFUND_FAMILY).map((record) => {
    const key = String(record.details?.orderKey ?? '');
    const order = runtime.db.get<TransactionRecord>(TRANSACTIONS, key);
    const payer = order && payerOf(order);
    return transactionRow(record.createdAt, record.partnerId, order ? detailsOf(order).merchantId : null, () => ({
      kind: 'refund',
      id: `refund:${record.partnerId}:${record.partnerReferenceNo}`,
      merchantId: order ? detailsOf(order).merchantId : null,
      partnerId: record.partnerId,
      partnerReferenceNo: record.partnerReferenceNo,
      ...(record.referenceNo ? { referenceNo: record.referenceNo } : {}),
      status: statusName(ORDER_STATUS, record.status),
      statusCode: record.status,
      amount: record.amount ?? null,
      ...(payer ? { counterparty: payer } : {}),
      ...createdAtOf(record.createdAt),
      // A refund's posting carries its order's reference; the refund number tells it apart.
      postings: postingsOf(runtime.db, key, (posting) => posting.id.endsWith(`:refund:${record.referenceNo}`)),
      actions: [],
      ...(order ? { originalPartnerReferenceNo: order.partnerReferenceNo } : {}),
    }));
  });
}

export const PAYMENT_GATEWAY_TRANSACTIONS = { order: orders, refund: refunds };
