import { BANKS, SANDBOX_POSITIVE_ACCOUNT, bankByCode, type Bank } from '../../../contracts/disbursement/banks.ts';
import type { SnapKey } from '../../../contracts/response-codes.ts';
import { hashString, seededRandom } from '../../core/random.ts';
import type { Database, Transaction } from '../../ledger/database.ts';
import { fakeFullName } from '../../parties/fake-names.ts';

// Bank accounts payouts can go to: bank code + account number -> holder and status. The registry
// holds seeded examples and accounts users add; any other well-formed account at a known bank
// resolves to an active account with a generated holder name (stable under the seed), because
// integrators test with made-up accounts. DANA's magic accounts are sandbox rules, not rows here.

export const BANK_ACCOUNTS = 'bankAccounts';

export const BANK_ACCOUNT_STATUSES = ['ACTIVE', 'INACTIVE', 'INVALID', 'FRAUD'] as const;
export type BankAccountStatus = (typeof BANK_ACCOUNT_STATUSES)[number];

export interface BankAccountRecord {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly holderName: string;
  readonly status: BankAccountStatus;
  readonly source: 'seed' | 'user' | 'generated';
}

export interface ResolvedAccount extends BankAccountRecord {
  readonly bank: Bank;
}

/** Why a payout to an account in this status is refused (the handler's answer, not a rule). */
export const STATUS_FAILURE: Record<Exclude<BankAccountStatus, 'ACTIVE'>, SnapKey> = {
  INACTIVE: 'INACTIVE_ACCOUNT',
  INVALID: 'INVALID_ACCOUNT',
  FRAUD: 'SUSPECTED_FRAUD',
};

const ACCOUNT_NUMBER = /^\d{5,20}$/;
const key = (bankCode: string, accountNumber: string) => `${bankCode}:${accountNumber}`;

function holderName(seed: string, bankCode: string, accountNumber: string): string {
  return fakeFullName(hashString(`${seed}:bank:${bankCode}:${accountNumber}`))
    .toUpperCase()
    .slice(0, 64);
}

/** Undefined when the bank is unknown or the number cannot be an account number. */
export function resolveBankAccount(db: Database, seed: string, bankCode: string, accountNumber: string): ResolvedAccount | undefined {
  const bank = bankByCode(bankCode);
  if (!bank || !ACCOUNT_NUMBER.test(accountNumber)) return undefined;
  const record = db.get<BankAccountRecord>(BANK_ACCOUNTS, key(bankCode, accountNumber));
  return {
    bank,
    ...(record ?? {
      bankCode,
      accountNumber,
      holderName: holderName(seed, bankCode, accountNumber),
      status: 'ACTIVE',
      source: 'generated',
    }),
  };
}

export function putBankAccount(tx: Transaction, record: BankAccountRecord): void {
  tx.put(BANK_ACCOUNTS, key(record.bankCode, record.accountNumber), record);
}

export function listBankAccounts(db: Database): BankAccountRecord[] {
  return [...db.values<BankAccountRecord>(BANK_ACCOUNTS)].sort((a, b) =>
    key(a.bankCode, a.accountNumber).localeCompare(key(b.bankCode, b.accountNumber)),
  );
}

/** The UAT's positive account plus two generated accounts at each of the first five banks. */
export function seedBankAccounts(tx: Transaction, seed: string): void {
  const random = seededRandom(`${seed}:bank-accounts`);
  const { bankCode, accountNumber } = SANDBOX_POSITIVE_ACCOUNT;
  putBankAccount(tx, { bankCode, accountNumber, holderName: holderName(seed, bankCode, accountNumber), status: 'ACTIVE', source: 'seed' });
  for (const bank of BANKS.slice(0, 5)) {
    for (let i = 0; i < 2; i++) {
      const number = String(Math.floor(1_000_000_000 + random() * 8_999_999_999));
      putBankAccount(tx, {
        bankCode: bank.code,
        accountNumber: number,
        holderName: holderName(seed, bank.code, number),
        status: 'ACTIVE',
        source: 'seed',
      });
    }
  }
}
