import { BANKS, bankByCode } from '../../../contracts/disbursement/banks.ts';
import { namesOf } from '../../core/control-input.ts';
import { TRANSACTION_STATUS } from '../../../contracts/common/transaction-status.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from '../../core/idempotency.ts';
import type { Database } from '../../ledger/database.ts';
import {
  BANK_ACCOUNT_STATUSES,
  putBankAccount,
  resolveBankAccount,
  type BankAccountRecord,
  type BankAccountStatus,
} from './bank-accounts.ts';
import { FAMILY, completeTransfer, notifyUrl } from './bank-transfers.ts';
import { ControlError } from '../../core/product.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { findMerchant } from '../../parties/find.ts';

// What the control API does for disbursement to banks.

/**
 * Sets where the merchant's notifications go; `null` unsets it (notifications go to the default
 * again), which is how a UAT run puts back a merchant that had none.
 */
export function setNotifyUrl(db: Database, url: string | null, merchantOrPartnerId?: string): MerchantRecord {
  if (url === null) {
    const merchant = findMerchant(db, merchantOrPartnerId);
    const { notifyUrl: _unset, ...rest } = merchant;
    db.transact((tx) => tx.put(MERCHANTS, merchant.partnerId, rest));
    return { ...rest, notifyUrl: notifyUrl(undefined) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ControlError(`the notification URL must be an http or https URL such as http://localhost:3000, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ControlError(`the notification URL must be an http or https URL such as http://localhost:3000, got "${url}"`);
  const merchant = findMerchant(db, merchantOrPartnerId);
  const updated: MerchantRecord = { ...merchant, notifyUrl: url };
  db.transact((tx) => tx.put(MERCHANTS, merchant.partnerId, updated));
  return { ...updated, notifyUrl: notifyUrl(url) };
}

export interface BankAccountInput {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly holderName?: string;
  readonly status?: string;
}

export function addBankAccount(db: Database, seed: string, input: BankAccountInput): BankAccountRecord {
  if (!bankByCode(input.bankCode))
    throw new ControlError(
      `unknown bank code "${input.bankCode}"; one of ${BANKS.map((bank) => `${bank.code} (${bank.shortName})`).join(', ')}`,
    );
  if (!/^\d{5,20}$/.test(input.accountNumber)) throw new ControlError(`account number must be 5-20 digits, got "${input.accountNumber}"`);
  const status = (input.status ?? 'ACTIVE').toUpperCase();
  if (!(BANK_ACCOUNT_STATUSES as readonly string[]).includes(status))
    throw new ControlError(`status must be one of ${BANK_ACCOUNT_STATUSES.join(', ')}, got "${input.status}"`);
  const generated = resolveBankAccount(db, seed, input.bankCode, input.accountNumber)!;
  const record: BankAccountRecord = {
    bankCode: input.bankCode,
    accountNumber: input.accountNumber,
    holderName: input.holderName?.slice(0, 64) || generated.holderName,
    status: status as BankAccountStatus,
    source: 'user',
  };
  db.transact((tx) => putBankAccount(tx, record));
  return record;
}

/** Finishes an in-progress transfer now, with the given outcome (default: the planned one). */
export function completeTransferNow(
  db: Database,
  partnerId: string,
  partnerReferenceNo: string,
  now: number,
  outcome?: 'success' | 'failed',
) {
  const record = completeTransfer(db, recordKey(FAMILY, partnerId, partnerReferenceNo), now, outcome);
  if (!record) {
    const inProgress = [...db.values<TransactionRecord>(TRANSACTIONS)]
      .filter((r) => r.family === FAMILY && r.partnerId === partnerId && r.status === TRANSACTION_STATUS.PENDING.code)
      .map((r) => r.partnerReferenceNo);
    throw new ControlError(`no transfer in progress with partnerReferenceNo "${partnerReferenceNo}"; in progress: ${namesOf(inProgress)}`);
  }
  return record;
}
