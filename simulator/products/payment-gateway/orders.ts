import { FINISH_NOTIFY, ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { createOrder } from '../../../contracts/payment-gateway/create-order.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import { merchantSettlement } from '../../ledger/accounts.ts';
import type { Database, Transaction } from '../../ledger/database.ts';
import { money } from '../../ledger/money.ts';
import { enqueueNotification, type NotificationFields } from '../../notifications/outbox.ts';
import { tellOwner, type OrderOutcome } from './owners.ts';

// Payment Gateway orders: created INIT (01), paid (00) when the payer's money reaches the merchant's
// settlement account, or closed (05) when validUpTo passes unpaid. Either end sends Finish Notify to
// the order's NOTIFICATION url through the one outbox. Expired orders move no money.

/** The order records (the Create Order contract's idempotency family). */
export const ORDER_FAMILY = createOrder.idempotency.family;
export const ORDER_TIMERS = 'pgOrderTimers';

export interface OrderDetails {
  readonly merchantId: string;
  readonly amountMinor: number;
  readonly title: string;
  readonly validUntil: number;
  readonly notificationUrl?: string;
  readonly payReturnUrl?: string;
  readonly payMethod: string;
  readonly payOption?: string;
  readonly paymentCode?: string;
  readonly paidAt?: number;
  /** Where the payment came from, so refunds go back there (a user's balance, a bank's settlement). */
  readonly payerAccount?: string;
  /** Refunded so far, by Refund Order or by cancelling the paid order. */
  readonly refundedMinor?: number;
  /** Closed unpaid when validUpTo passed. */
  readonly closedAt?: number;
  /** Cancelled by the merchant (Cancel Order). */
  readonly cancelledAt?: number;
  /** The product that opened it for itself (owners.ts): it is told the outcome instead of a Finish Notify. */
  readonly owner?: string;
}

export interface OrderPayment {
  /** The account the money comes from: a bank's settlement account (VA) or a user's balance. */
  readonly source: string;
  readonly payMethod: string;
  readonly payOption?: string;
}

export const detailsOf = (record: TransactionRecord) => record.details as unknown as OrderDetails;

export function orderKey(partnerId: string, partnerReferenceNo: string): string {
  return recordKey(ORDER_FAMILY, partnerId, partnerReferenceNo);
}

/** Writes an order's new state; the record's other facts stay. */
export function updateOrder(
  tx: Transaction,
  record: TransactionRecord,
  now: number,
  change: { readonly status?: string; readonly details: Partial<OrderDetails> },
): TransactionRecord {
  const updated: TransactionRecord = {
    ...record,
    status: change.status ?? record.status,
    updatedAt: now,
    details: { ...detailsOf(record), ...change.details },
  };
  tx.put(TRANSACTIONS, recordKey(record.family, record.partnerId, record.partnerReferenceNo), updated);
  return updated;
}

/** Pays an INIT order; returns undefined when it is not payable (paid, closed, unknown). */
export function payOrder(tx: Transaction, key: string, now: number, payment: OrderPayment): TransactionRecord | undefined {
  const record = tx.get<TransactionRecord>(TRANSACTIONS, key);
  if (!record || record.status !== ORDER_STATUS.INIT.code) return undefined;
  const details = detailsOf(record);
  tx.post({
    id: `order:${record.referenceNo}:paid`,
    at: now,
    ref: key,
    memo: `payment of order ${record.partnerReferenceNo}`,
    entries: [
      { account: payment.source, amountMinor: -details.amountMinor },
      { account: merchantSettlement(details.merchantId), amountMinor: details.amountMinor },
    ],
  });
  const updated: TransactionRecord = {
    ...record,
    status: ORDER_STATUS.SUCCESS.code,
    updatedAt: now,
    details: {
      ...details,
      paidAt: now,
      payerAccount: payment.source,
      payMethod: payment.payMethod,
      payOption: payment.payOption ?? details.payOption,
    },
  };
  tx.put(TRANSACTIONS, key, updated);
  tx.delete(ORDER_TIMERS, key);
  notifyFinish(tx, updated, now, 'paid');
  return updated;
}

export function closeOrder(tx: Transaction, key: string, now: number): TransactionRecord | undefined {
  const record = tx.get<TransactionRecord>(TRANSACTIONS, key);
  tx.delete(ORDER_TIMERS, key);
  if (!record || (record.status !== ORDER_STATUS.INIT.code && record.status !== ORDER_STATUS.PAYING.code)) return undefined;
  const updated: TransactionRecord = {
    ...record,
    status: ORDER_STATUS.CANCELLED.code,
    updatedAt: now,
    details: { ...detailsOf(record), closedAt: now },
  };
  tx.put(TRANSACTIONS, key, updated);
  notifyFinish(tx, updated, now, 'closed');
  return updated;
}

/**
 * Cancels an unpaid order as Cancel Order would (its VA bill aside, which the caller expires); undefined
 * when it is not INIT or its validUpTo has passed. Its owner, if any, is told.
 */
export function cancelOpenOrder(tx: Transaction, key: string, now: number): TransactionRecord | undefined {
  const record = tx.get<TransactionRecord>(TRANSACTIONS, key);
  if (!record || record.status !== ORDER_STATUS.INIT.code || now >= detailsOf(record).validUntil) return undefined;
  tx.delete(ORDER_TIMERS, key);
  const updated = updateOrder(tx, record, now, { status: ORDER_STATUS.CANCELLED.code, details: { cancelledAt: now } });
  tellOwner(tx, updated, 'cancelled');
  return updated;
}

function notifyFinish(tx: Transaction, record: TransactionRecord, now: number, outcome: OrderOutcome): void {
  if (!tellOwner(tx, record, outcome)) enqueueNotification(tx, finishNotification(record, now), now);
}

/** Finish Notify about an order: paid, or closed otherwise (also what `dana-sim trigger order` sends). */
export function finishNotification(record: TransactionRecord, now: number): NotificationFields {
  const details = detailsOf(record);
  const paid = record.status === ORDER_STATUS.SUCCESS.code;
  const amount = money(details.amountMinor);
  return {
    id: `finish-notify-${record.referenceNo}`,
    kind: FINISH_NOTIFY.kind,
    partnerId: record.partnerId,
    subject: orderKey(record.partnerId, record.partnerReferenceNo),
    url: details.notificationUrl,
    body: {
      originalPartnerReferenceNo: record.partnerReferenceNo,
      originalReferenceNo: record.referenceNo,
      ...(record.externalId ? { originalExternalId: record.externalId } : {}),
      merchantId: details.merchantId,
      amount,
      latestTransactionStatus: paid ? ORDER_STATUS.SUCCESS.code : ORDER_STATUS.CANCELLED.code,
      transactionStatusDesc: paid ? ORDER_STATUS.SUCCESS.description : ORDER_STATUS.CANCELLED.description,
      createdTime: jakartaTimestamp(record.createdAt),
      finishedTime: jakartaTimestamp(now),
      additionalInfo: paid
        ? {
            paymentInfo: {
              paidTime: jakartaTimestamp(now),
              payOptionInfos: [
                {
                  payMethod: details.payMethod,
                  ...(details.payOption ? { payOption: details.payOption } : {}),
                  payAmount: amount,
                  transAmount: amount,
                  chargeAmount: money(0),
                  ...(details.paymentCode ? { paymentCode: details.paymentCode } : {}),
                },
              ],
            },
          }
        : { extendInfo: JSON.stringify({ closedReason: 'ORDER_EXPIRED' }), extendInfoClosedReason: 'ORDER_EXPIRED' },
    },
  };
}

/** Orders whose validUpTo has passed unpaid close, and their merchants hear of it. */
export function closeExpiredOrders(db: Database, now: number): number {
  let closed = 0;
  for (const timer of [...db.values<{ key: string; expiresAt: number }>(ORDER_TIMERS)]) {
    if (timer.expiresAt > now) continue;
    if (db.transact((tx) => closeOrder(tx, timer.key, now))) closed += 1;
  }
  return closed;
}
