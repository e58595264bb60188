import { wibIso } from '../clock/clock.ts';
import { POSTINGS, type Database } from '../ledger/database.ts';
import { defineIndex } from '../ledger/indexes.ts';
import type { Posting } from '../ledger/ledger.ts';
import type { Money } from '../ledger/money.ts';
import { TRANSACTIONS, type TransactionRecord } from './idempotency.ts';
import type { LoggedPosting } from './request-log.ts';

// What the dashboard's transaction list shows of every product's money movements (GET
// /__sim/transactions). Each product lists its own kinds (`Product.transactions`), so the control
// route names no product; the pieces every lister needs (postings by reference, the time in WIB)
// live here.

/** What the control API can do to a transaction now (transfers complete or fail; orders and VAs are paid or expire). */
export type TransactionAction = 'complete' | 'fail' | 'pay' | 'expire';

export interface TransactionFacts {
  readonly kind: string;
  /** Stable and unique across kinds. */
  readonly id: string;
  /** Null when no merchant owns it (a VA that tops up a DANA user belongs to a bank). */
  readonly merchantId: string | null;
  readonly partnerId: string;
  readonly partnerReferenceNo: string;
  readonly referenceNo?: string;
  /** In words, as the product keeps it: SUCCESS, PENDING, FAILED, INIT, CANCELLED, EXPIRED, ACTIVE, PAID… */
  readonly status: string;
  /** DANA's latestTransactionStatus ("00".."07") where the product has one. */
  readonly statusCode?: string;
  /** Null for an open-amount VA nobody has paid yet. */
  readonly amount: Money | null;
  /** Who is on the other side: a customer number, "bankCode accountNumber", a VA number. */
  readonly counterparty?: string;
  /** The simulator clock's time in WIB. */
  readonly createdAt: string;
  readonly createdAtMs: number;
  readonly postings: readonly LoggedPosting[];
  readonly actions: readonly TransactionAction[];
}

/** The facts every kind has, and anything else worth showing (fee, refunded so far, trxId). */
export type TransactionItem = TransactionFacts & Readonly<Record<string, unknown>>;

/**
 * One transaction before it is built: the list filters, sorts and cuts on these few facts, then builds
 * only the rows it shows (building every row, postings and WIB times included, cost ~60 ms per 5,000).
 */
export interface TransactionRow {
  readonly createdAtMs: number;
  readonly partnerId: string;
  readonly merchantId: string | null;
  build(): TransactionItem;
}

export function transactionRow(
  createdAtMs: number,
  partnerId: string,
  merchantId: string | null,
  build: TransactionRow['build'],
): TransactionRow {
  return { createdAtMs, partnerId, merchantId, build };
}

/** Postings by what caused them: a transaction's postings cost one lookup, not a pass over the ledger. */
const BY_REF = defineIndex<Posting>(POSTINGS, (posting) => posting.ref);

/** The ledger entries of the postings made under `ref` (optionally only some), oldest first, one line per account touched. */
export function postingsOf(db: Database, ref: string, keep: (posting: Posting) => boolean = () => true): LoggedPosting[] {
  return db
    .find(BY_REF, ref)
    .filter(keep)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    .flatMap((posting) => posting.entries.map(({ account, amountMinor }) => ({ account, amountMinor })));
}

/** The transactions of one idempotency family, oldest first as they were written. */
export function recordsOf(db: Database, family: string): TransactionRecord[] {
  return [...db.values<TransactionRecord>(TRANSACTIONS)].filter((record) => record.family === family);
}

/** The word for a status code in a table of `{ NAME: { code } }` (latestTransactionStatus, order statuses). */
export function statusName(table: Readonly<Record<string, { readonly code: string }>>, code: string): string {
  return Object.entries(table).find(([, status]) => status.code === code)?.[0] ?? code;
}

export function createdAtOf(epochMs: number): { createdAt: string; createdAtMs: number } {
  return { createdAt: wibIso(epochMs), createdAtMs: epochMs };
}
