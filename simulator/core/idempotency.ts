import type { Idempotency } from '../../contracts/common/endpoint.ts';
import { SNAP_CASES, isSnapKey, type ResultKey } from '../../contracts/response-codes.ts';
import type { Database, Transaction } from '../ledger/database.ts';
import type { Money } from '../ledger/money.ts';
import { getPath } from '../../contracts/common/paths.ts';
import type { Failure } from './result.ts';
import type { NewTransaction, Reply, RequestContext } from './route.ts';
import { defineIndex } from '../ledger/indexes.ts';

// Transactions keyed by (family, partner, partnerReferenceNo): the idempotency memory and the
// records that status APIs read. STYLE.md ledger rule 5: one transaction per key; an identical
// retry returns the first reply, a changed one gets INCONSISTENT_REQUEST.

export const TRANSACTIONS = 'transactions';

/** Transactions by family and DANA's referenceNo (status inquiries that only know DANA's reference, the cashier). */
export const BY_REFERENCE_NO = defineIndex<TransactionRecord>(TRANSACTIONS, (record) =>
  record.referenceNo === undefined ? undefined : `${record.family}\u0000${record.referenceNo}`,
);

export interface TransactionRecord {
  readonly family: string;
  readonly partnerId: string;
  /** The idempotency key's value: partnerReferenceNo, or paymentRequestId for VA payments. */
  readonly partnerReferenceNo: string;
  readonly referenceNo?: string;
  readonly externalId?: string;
  readonly fingerprint: string;
  /** latestTransactionStatus code (contracts/common/transaction-status.ts). */
  readonly status: string;
  readonly amount?: Money;
  /** The reply sent, replayed verbatim on an identical retry. */
  readonly reply: { readonly ok: true; readonly reply: Reply } | { readonly ok: false; readonly failure: Failure };
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Product-specific facts (customer, fee, beneficiary). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export function recordKey(family: string, partnerId: string, partnerReferenceNo: string): string {
  return `${family}:${partnerId}:${partnerReferenceNo}`;
}

export function fingerprint(body: unknown, idempotency: Idempotency): string {
  return JSON.stringify(idempotency.compare.map((path) => getPath(body, path) ?? null));
}

export type Lookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly record: TransactionRecord }
  | { readonly kind: 'conflict'; readonly record: TransactionRecord };

export function lookup(db: Database, key: string, print: string): Lookup {
  const record = db.get<TransactionRecord>(TRANSACTIONS, key);
  if (!record) return { kind: 'new' };
  return record.fingerprint === print ? { kind: 'replay', record } : { kind: 'conflict', record };
}

/**
 * Business rejections (HTTP 403/404) create a failed transaction, so status inquiry answers `06`
 * (disbursement.md section 6). Request-level rejections (400, 401, 409) and server errors (5xx)
 * leave no trace: the request never became a transaction, and a retry is processed afresh.
 */
export function isRecordedFailure(key: ResultKey): boolean {
  if (!isSnapKey(key) || key === 'INCONSISTENT_REQUEST') return false;
  const status = SNAP_CASES[key].httpStatus;
  return status === 403 || status === 404;
}

/** Keeps a handler's new transaction with its reply; the pipeline's job (core/process.ts), in the handler's transaction. */
export function saveTransaction(
  tx: Transaction,
  family: string,
  context: RequestContext,
  fields: NewTransaction & Pick<TransactionRecord, 'reply'>,
): TransactionRecord {
  if (!context.idempotency) throw new Error(`endpoint of family ${family} is not idempotent`);
  const record: TransactionRecord = {
    family,
    partnerId: context.client.partnerId,
    partnerReferenceNo: context.idempotency.keyValue,
    externalId: context.externalId,
    fingerprint: context.idempotency.fingerprint,
    createdAt: context.now,
    updatedAt: context.now,
    ...fields,
  };
  tx.put(TRANSACTIONS, context.idempotency.recordKey, record);
  return record;
}
