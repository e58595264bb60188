import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { TRANSFER_TO_BANK_NOTIFY } from '../../../contracts/disbursement/transfer-to-bank-notify.ts';
import { transferToBank } from '../../../contracts/disbursement/transfer-to-bank.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import type { Settlement } from '../../core/route.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, merchantDepositReserved } from '../../ledger/accounts.ts';
import type { Database, Transaction } from '../../ledger/database.ts';
import type { Posting } from '../../ledger/ledger.ts';
import { enqueueNotification, type NotificationFields } from '../../notifications/outbox.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';

// The life of a transfer to a bank account in the ledger: accepting it moves amount + fee from the
// deposit to the reserved account (pending); success pays the amount out of the simulated world and
// the fee to DANA; failure returns amount + fee to the deposit. Each step is a new posting.

export const BANK_PAYOUTS_ACCOUNT = 'external:bank-payouts';
export const PENDING_TRANSFERS = 'pendingTransfers';
/** The transfer records, which transfer status, completion and the control API read. */
export const FAMILY = transferToBank.idempotency.family;

export interface TransferDetails {
  readonly merchantId: string;
  readonly customerNumber: string;
  readonly beneficiaryAccountNumber: string;
  readonly beneficiaryBankCode: string;
  readonly amountMinor: number;
  readonly feeMinor: number;
  readonly needNotify: boolean;
  readonly completeAt?: number;
  readonly plannedOutcome?: Settlement['outcome'];
}

interface PendingTransfer {
  readonly recordKey: string;
  readonly completeAt: number;
}

function posting(id: string, at: number, ref: string, memo: string, entries: Posting['entries']): Posting {
  return { id, at, ref, memo, entries: entries.filter((entry) => entry.amountMinor !== 0) };
}

export function reserve(tx: Transaction, details: TransferDetails, referenceNo: string, ref: string, at: number): void {
  const total = details.amountMinor + details.feeMinor;
  tx.post(
    posting(`transfer:${referenceNo}:reserve`, at, ref, 'reserve transfer to bank', [
      { account: merchantDeposit(details.merchantId), amountMinor: -total },
      { account: merchantDepositReserved(details.merchantId), amountMinor: total },
    ]),
  );
}

export function settle(
  tx: Transaction,
  details: TransferDetails,
  referenceNo: string,
  ref: string,
  at: number,
  outcome: Settlement['outcome'],
): void {
  const total = details.amountMinor + details.feeMinor;
  const reserved = { account: merchantDepositReserved(details.merchantId), amountMinor: -total };
  const entries =
    outcome === 'success'
      ? [
          reserved,
          { account: BANK_PAYOUTS_ACCOUNT, amountMinor: details.amountMinor },
          { account: FEE_INCOME_ACCOUNT, amountMinor: details.feeMinor },
        ]
      : [reserved, { account: merchantDeposit(details.merchantId), amountMinor: total }];
  tx.post(
    posting(
      `transfer:${referenceNo}:${outcome === 'success' ? 'settle' : 'release'}`,
      at,
      ref,
      `transfer to bank ${outcome === 'success' ? 'settled' : 'failed, released'}`,
      entries,
    ),
  );
}

export function schedule(tx: Transaction, recordKey: string, completeAt: number): void {
  tx.put(PENDING_TRANSFERS, recordKey, { recordKey, completeAt } satisfies PendingTransfer);
}

/**
 * Completes a transfer that is still in progress, with its planned outcome unless one is given.
 * Returns the updated record, or undefined when there is nothing in progress under that key.
 */
export function completeTransfer(
  db: Database,
  recordKey: string,
  now: number,
  outcome?: Settlement['outcome'],
): TransactionRecord | undefined {
  return db.transact((tx) => {
    const record = tx.get<TransactionRecord>(TRANSACTIONS, recordKey);
    if (!record || record.status !== TRANSACTION_STATUS.PENDING.code) return undefined;
    const details = record.details as unknown as TransferDetails;
    const result = outcome ?? details.plannedOutcome ?? 'success';
    settle(tx, details, record.referenceNo!, recordKey, now, result);
    const status = result === 'success' ? TRANSACTION_STATUS.SUCCESS : TRANSACTION_STATUS.FAILED;
    const updated: TransactionRecord = { ...record, status: status.code, updatedAt: now };
    tx.put(TRANSACTIONS, recordKey, updated);
    tx.delete(PENDING_TRANSFERS, recordKey);
    if (details.needNotify) {
      const merchant = tx.get<MerchantRecord>(MERCHANTS, record.partnerId);
      enqueueNotification(tx, transferNotification(updated, recordKey, merchant?.notifyUrl, now), now);
    }
    return updated;
  });
}

/** Transfer to Bank Notify about a transfer in its current state (also what `dana-sim trigger transfer` sends). */
export function transferNotification(
  record: TransactionRecord,
  recordKey: string,
  merchantNotifyUrl: string | undefined,
  finishedAt: number,
): NotificationFields {
  const status = Object.values(TRANSACTION_STATUS).find((known) => known.code === record.status) ?? TRANSACTION_STATUS.PENDING;
  return {
    id: `notify-${record.referenceNo}`,
    kind: TRANSFER_TO_BANK_NOTIFY.kind,
    partnerId: record.partnerId,
    subject: recordKey,
    url: notifyUrl(merchantNotifyUrl),
    body: {
      originalPartnerReferenceNo: record.partnerReferenceNo,
      originalReferenceNo: record.referenceNo,
      ...(record.externalId ? { originalExternalId: record.externalId } : {}),
      latestTransactionStatus: status.code,
      transactionStatusDesc: status.description,
      amount: record.amount,
      createdTime: jakartaTimestamp(record.createdAt),
      finishedTime: jakartaTimestamp(finishedAt),
      additionalInfo: {},
    },
  };
}

/** A merchant URL without a path gets DANA's documented notify path. */
export function notifyUrl(configured: string | undefined): string | undefined {
  if (!configured) return undefined;
  const url = new URL(configured);
  if (url.pathname === '/' || url.pathname === '') url.pathname = TRANSFER_TO_BANK_NOTIFY.path;
  return url.toString();
}

export function completeDueTransfers(db: Database, now: number): number {
  let completed = 0;
  for (const pending of [...db.values<PendingTransfer>(PENDING_TRANSFERS)]) {
    if (pending.completeAt <= now && completeTransfer(db, pending.recordKey, now)) completed += 1;
  }
  return completed;
}
