import { wibIso } from '../../clock/clock.ts';
import { vaPayment } from '../../../contracts/virtual-account/payment.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import type { Runtime } from '../../core/product.ts';
import {
  createdAtOf,
  postingsOf,
  recordsOf,
  type TransactionAction,
  type TransactionRow,
  transactionRow,
} from '../../core/transactions.ts';
import type { Posting } from '../../ledger/ledger.ts';
import { money } from '../../ledger/money.ts';
import { listVaBills, type VaBill } from './bills.ts';

// Virtual Account's part of the dashboard's transaction list: the dynamic VA bills, each with the
// payment that paid it. A top-up VA belongs to its bank and credits a DANA user (no merchant); an
// order VA pays a Payment Gateway order, whose merchant it shows.

/** What the bill's status means now: a bill past its expiry that nothing has closed yet is expired all the same. */
function billStatus(bill: VaBill, now: number): VaBill['status'] {
  return bill.status === 'ACTIVE' && bill.expiresAt !== undefined && bill.expiresAt <= now ? 'EXPIRED' : bill.status;
}

function billActions(status: VaBill['status']): TransactionAction[] {
  return status === 'ACTIVE' ? ['pay', 'expire'] : [];
}

/** The order VA's money moved under its order (the payment posting); a top-up VA's under its payment. */
function billPostings(runtime: Runtime, bill: VaBill, payment: TransactionRecord | undefined) {
  if (bill.orderKey) return postingsOf(runtime.db, bill.orderKey, (posting: Posting) => posting.id.endsWith(':paid'));
  return payment ? postingsOf(runtime.db, recordKey(payment.family, payment.partnerId, payment.partnerReferenceNo)) : [];
}

function bills(runtime: Runtime): TransactionRow[] {
  const payments = new Map<string, TransactionRecord>();
  for (const record of recordsOf(runtime.db, vaPayment.idempotency.family)) {
    const number = record.details?.virtualAccountNo;
    if (typeof number === 'string') payments.set(number, record);
  }
  const now = runtime.clock.now();
  return listVaBills(runtime.db).map((bill) => {
    const payment = payments.get(bill.virtualAccountNo);
    const order = bill.orderKey ? runtime.db.get<TransactionRecord>(TRANSACTIONS, bill.orderKey) : undefined;
    const status = billStatus(bill, now);
    return transactionRow(bill.createdAt, bill.partnerId, order ? String(order.details?.merchantId) : null, () => ({
      kind: 'va',
      id: `va:${bill.virtualAccountNo}`,
      merchantId: order ? String(order.details?.merchantId) : null,
      partnerId: bill.partnerId,
      // An order VA answers to its order's reference; a top-up VA to the paying bank's paymentRequestId, or its trxId until paid.
      partnerReferenceNo: order?.partnerReferenceNo ?? payment?.partnerReferenceNo ?? bill.trxId,
      ...(payment?.referenceNo ? { referenceNo: payment.referenceNo } : {}),
      status,
      // An open-amount VA has an amount once paid.
      amount: bill.amountMinor !== undefined ? money(bill.amountMinor) : (payment?.amount ?? null),
      counterparty: bill.virtualAccountNo,
      ...createdAtOf(bill.createdAt),
      postings: billPostings(runtime, bill, payment),
      actions: billActions(status),
      virtualAccountNo: bill.virtualAccountNo,
      trxId: bill.trxId,
      ...(bill.customerNumber ? { customerNumber: bill.customerNumber } : {}),
      ...(bill.expiresAt !== undefined ? { expiresAt: wibIso(bill.expiresAt) } : {}),
    }));
  });
}

export const VA_TRANSACTIONS = { va: bills };
