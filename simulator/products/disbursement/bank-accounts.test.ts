import { describe, expect, it } from 'vitest';
import { BANKS } from '../../../contracts/disbursement/banks.ts';
import { Database } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import {
  BANK_ACCOUNTS,
  STATUS_FAILURE,
  listBankAccounts,
  putBankAccount,
  resolveBankAccount,
  seedBankAccounts,
  type BankAccountRecord,
} from './bank-accounts.ts';

const emptyDb = () => Database.open(new MemoryStore());

describe('resolveBankAccount', () => {
  it('resolves any well-formed number at a known bank to an active account with a stable generated upper-case holder', async () => {
    const db = await emptyDb();
    const account = resolveBankAccount(db, 's1', '014', '12345');
    expect(account).toMatchObject({
      bank: { code: '014', shortName: 'BCA' },
      bankCode: '014',
      accountNumber: '12345',
      status: 'ACTIVE',
      source: 'generated',
    });
    expect(account!.holderName).toBe(account!.holderName.toUpperCase());
    expect(account!.holderName).toMatch(/^[A-Z]/);
    expect(account!.holderName.length).toBeLessThanOrEqual(64);
    expect(resolveBankAccount(db, 's1', '014', '12345')!.holderName).toBe(account!.holderName);
    expect(resolveBankAccount(db, 's2', '014', '12345')!.holderName).not.toBe(account!.holderName);
    expect(resolveBankAccount(db, 's1', '008', '12345')!.holderName).not.toBe(account!.holderName);
    expect(resolveBankAccount(db, 's1', '014', '123456')!.holderName).not.toBe(account!.holderName);
  });

  it('accepts 5 to 20 digits and nothing else', async () => {
    const db = await emptyDb();
    expect(resolveBankAccount(db, 's', '014', '1234')).toBeUndefined();
    expect(resolveBankAccount(db, 's', '014', '1'.repeat(20))).toBeDefined();
    expect(resolveBankAccount(db, 's', '014', '1'.repeat(21))).toBeUndefined();
    expect(resolveBankAccount(db, 's', '014', 'x12345')).toBeUndefined();
    expect(resolveBankAccount(db, 's', '014', '12345x')).toBeUndefined();
    expect(resolveBankAccount(db, 's', '014', '123a45')).toBeUndefined();
  });

  it('knows nothing of an unknown bank', async () => {
    const db = await emptyDb();
    expect(resolveBankAccount(db, 's', '999', '12345')).toBeUndefined();
  });

  it('answers a stored account as stored, keyed by bank and number', async () => {
    const db = await emptyDb();
    const stored: BankAccountRecord = { bankCode: '008', accountNumber: '555555', holderName: 'BUDI', status: 'FRAUD', source: 'user' };
    db.transact((tx) => putBankAccount(tx, stored));
    expect(db.get(BANK_ACCOUNTS, '008:555555')).toEqual(stored);
    expect(resolveBankAccount(db, 's', '008', '555555')).toEqual({ ...stored, bank: BANKS.find((bank) => bank.code === '008') });
    expect(resolveBankAccount(db, 's', '014', '555555')!.source).toBe('generated');
  });
});

describe('bank account registry', () => {
  it('refuses payouts by status with the matching catalogue key', () => {
    expect(STATUS_FAILURE).toEqual({ INACTIVE: 'INACTIVE_ACCOUNT', INVALID: 'INVALID_ACCOUNT', FRAUD: 'SUSPECTED_FRAUD' });
  });

  it('seeds the positive UAT account and two ten-digit accounts at each of the first five banks, the same under the same seed', async () => {
    const db = await emptyDb();
    db.transact((tx) => seedBankAccounts(tx, 'seed'));
    const accounts = listBankAccounts(db);
    expect(accounts).toHaveLength(11);
    expect(accounts.every((account) => account.status === 'ACTIVE' && account.source === 'seed')).toBe(true);
    expect(accounts.find((account) => account.bankCode === '014' && account.accountNumber === '2460888509')).toBeDefined();
    for (const bank of BANKS.slice(0, 5)) {
      const generated = accounts.filter((account) => account.bankCode === bank.code && account.accountNumber !== '2460888509');
      expect(generated).toHaveLength(2);
      for (const account of generated) expect(account.accountNumber).toMatch(/^[1-9]\d{9}$/);
      expect(generated[0].accountNumber).not.toBe(generated[1].accountNumber);
    }
    // Generated holders are the same names resolve would generate for those numbers.
    const other = await emptyDb();
    for (const account of accounts)
      expect(resolveBankAccount(other, 'seed', account.bankCode, account.accountNumber)!.holderName).toBe(account.holderName);
    const again = await emptyDb();
    again.transact((tx) => seedBankAccounts(tx, 'seed'));
    expect(listBankAccounts(again)).toEqual(accounts);
  });

  it('lists accounts sorted by bank code then number', async () => {
    const db = await emptyDb();
    db.transact((tx) => {
      putBankAccount(tx, { bankCode: '014', accountNumber: '22222', holderName: 'B', status: 'ACTIVE', source: 'user' });
      putBankAccount(tx, { bankCode: '002', accountNumber: '99999', holderName: 'C', status: 'ACTIVE', source: 'user' });
      putBankAccount(tx, { bankCode: '014', accountNumber: '11111', holderName: 'A', status: 'ACTIVE', source: 'user' });
    });
    expect(listBankAccounts(db).map((account) => `${account.bankCode}:${account.accountNumber}`)).toEqual([
      '002:99999',
      '014:11111',
      '014:22222',
    ]);
  });
});
