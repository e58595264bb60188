import { describe, expect, it } from 'vitest';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { FEE_INCOME_ACCOUNT, FUNDING_ACCOUNT, merchantDeposit, merchantDepositReserved } from '../../ledger/accounts.ts';
import { Database, POSTINGS } from '../../ledger/database.ts';
import type { Posting } from '../../ledger/ledger.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { NOTIFICATIONS, type NotificationRecord } from '../../notifications/outbox.ts';
import { MERCHANTS } from '../../parties/merchants.ts';
import {
  BANK_PAYOUTS_ACCOUNT,
  PENDING_TRANSFERS,
  completeDueTransfers,
  completeTransfer,
  notifyUrl,
  reserve,
  schedule,
  type TransferDetails,
} from './bank-transfers.ts';

const MERCHANT = 'm1';
const KEY = 'transferToBank:p1:ref-1';

async function setup(details: Partial<TransferDetails> = {}, record: Partial<TransactionRecord> = {}, merchantNotifyUrl?: string) {
  const db = await Database.open(new MemoryStore());
  const full: TransferDetails = {
    merchantId: MERCHANT,
    customerNumber: '62811742234',
    beneficiaryAccountNumber: '2460888509',
    beneficiaryBankCode: '014',
    amountMinor: 10_000,
    feeMinor: 250_000,
    needNotify: true,
    completeAt: 5_000,
    plannedOutcome: 'success',
    ...details,
  };
  db.transact((tx) => {
    tx.post({
      id: 'fund',
      at: 0,
      ref: 'test',
      memo: 'test',
      entries: [
        { account: FUNDING_ACCOUNT, amountMinor: -1_000_000 },
        { account: merchantDeposit(MERCHANT), amountMinor: 1_000_000 },
      ],
    });
    tx.put(MERCHANTS, 'p1', { merchantId: MERCHANT, partnerId: 'p1', ...(merchantNotifyUrl ? { notifyUrl: merchantNotifyUrl } : {}) });
    reserve(tx, full, 'REF-1', KEY, 100);
    schedule(tx, KEY, full.completeAt!);
    tx.put(TRANSACTIONS, KEY, {
      family: 'transferToBank',
      partnerId: 'p1',
      partnerReferenceNo: 'ref-1',
      referenceNo: 'REF-1',
      fingerprint: 'f',
      status: '03',
      amount: { value: '100.00', currency: 'IDR' },
      reply: { ok: true, reply: { key: 'IN_PROGRESS', fields: {} } },
      createdAt: 100,
      updatedAt: 100,
      details: { ...full },
      ...record,
    } satisfies TransactionRecord);
  });
  const balance = (account: string) => db.ledger.balance(account);
  const notifies = () => [...db.values<NotificationRecord>(NOTIFICATIONS)];
  return { db, balance, notifies };
}

describe('a transfer in progress', () => {
  it('holds amount plus fee in the reserved account', async () => {
    const { db, balance } = await setup();
    expect(balance(merchantDeposit(MERCHANT))).toBe(740_000);
    expect(balance(merchantDepositReserved(MERCHANT))).toBe(260_000);
    expect(db.get<Posting>(POSTINGS, 'transfer:REF-1:reserve')).toMatchObject({ at: 100, ref: KEY, memo: 'reserve transfer to bank' });
  });

  it('succeeds: the amount leaves for the bank, the fee goes to DANA, status 00 and a Transfer to Bank Notify', async () => {
    const { db, balance, notifies } = await setup({}, { externalId: 'ext-1' }, 'http://merchant.example');
    const updated = completeTransfer(db, KEY, 6_000);
    expect(updated).toMatchObject({ status: '00', updatedAt: 6_000 });
    expect(db.get<TransactionRecord>(TRANSACTIONS, KEY)).toEqual(updated);
    expect(balance(merchantDepositReserved(MERCHANT))).toBe(0);
    expect(balance(BANK_PAYOUTS_ACCOUNT)).toBe(10_000);
    expect(balance(FEE_INCOME_ACCOUNT)).toBe(250_000);
    expect(balance(merchantDeposit(MERCHANT))).toBe(740_000);
    expect(db.get<Posting>(POSTINGS, 'transfer:REF-1:settle')).toMatchObject({ at: 6_000, ref: KEY, memo: 'transfer to bank settled' });
    expect(db.size(PENDING_TRANSFERS)).toBe(0);
    expect(notifies()).toEqual([
      expect.objectContaining({
        id: 'notify-REF-1',
        kind: 'transferToBankNotify',
        partnerId: 'p1',
        subject: KEY,
        url: 'http://merchant.example/v1.0/debit/emoney/transfer-bank/notify.htm',
        body: {
          originalPartnerReferenceNo: 'ref-1',
          originalReferenceNo: 'REF-1',
          originalExternalId: 'ext-1',
          latestTransactionStatus: '00',
          transactionStatusDesc: 'Success',
          amount: { value: '100.00', currency: 'IDR' },
          createdTime: jakartaTimestamp(100),
          finishedTime: jakartaTimestamp(6_000),
          additionalInfo: {},
        },
      }),
    ]);
  });

  it('fails as planned: amount plus fee return to the deposit, status 06, notify 06 without an external id', async () => {
    const { db, balance, notifies } = await setup({ plannedOutcome: 'failed' });
    expect(completeTransfer(db, KEY, 6_000)).toMatchObject({ status: '06' });
    expect(balance(merchantDeposit(MERCHANT))).toBe(1_000_000);
    expect(balance(merchantDepositReserved(MERCHANT))).toBe(0);
    expect(balance(BANK_PAYOUTS_ACCOUNT)).toBe(0);
    expect(db.get<Posting>(POSTINGS, 'transfer:REF-1:release')).toMatchObject({ memo: 'transfer to bank failed, released' });
    expect(notifies()[0].body).toMatchObject({ latestTransactionStatus: '06', transactionStatusDesc: 'Failed' });
    expect(notifies()[0].body).not.toHaveProperty('originalExternalId');
    expect(notifies()[0].url).toBeUndefined();
  });

  it('takes a given outcome over the planned one, and succeeds when nothing was planned', async () => {
    const forced = await setup({ plannedOutcome: 'success' });
    expect(completeTransfer(forced.db, KEY, 6_000, 'failed')).toMatchObject({ status: '06' });
    const unplanned = await setup({ plannedOutcome: undefined });
    expect(completeTransfer(unplanned.db, KEY, 6_000)).toMatchObject({ status: '00' });
  });

  it('books no zero line when there is no fee', async () => {
    const { db } = await setup({ feeMinor: 0 });
    completeTransfer(db, KEY, 6_000);
    expect(db.get<Posting>(POSTINGS, 'transfer:REF-1:settle')!.entries).toEqual([
      { account: merchantDepositReserved(MERCHANT), amountMinor: -10_000 },
      { account: BANK_PAYOUTS_ACCOUNT, amountMinor: 10_000 },
    ]);
  });

  it('sends no notify when the merchant did not ask for one', async () => {
    const { db, notifies } = await setup({ needNotify: false });
    completeTransfer(db, KEY, 6_000);
    expect(notifies()).toEqual([]);
  });

  it('is completed only once; unknown keys complete nothing', async () => {
    const { db, balance } = await setup();
    expect(completeTransfer(db, KEY, 6_000)).toBeDefined();
    expect(completeTransfer(db, KEY, 7_000)).toBeUndefined();
    expect(completeTransfer(db, 'transferToBank:p1:none', 7_000)).toBeUndefined();
    expect(balance(BANK_PAYOUTS_ACCOUNT)).toBe(10_000);
  });

  it('completes when its time has come, not a millisecond before, and counts what completed', async () => {
    const { db } = await setup();
    expect(completeDueTransfers(db, 4_999)).toBe(0);
    expect(db.get<TransactionRecord>(TRANSACTIONS, KEY)!.status).toBe('03');
    expect(completeDueTransfers(db, 5_000)).toBe(1);
    expect(db.get<TransactionRecord>(TRANSACTIONS, KEY)!.status).toBe('00');
    expect(completeDueTransfers(db, 9_000)).toBe(0);
  });

  it('a due entry whose transfer already completed is not counted', async () => {
    const { db } = await setup({}, { status: '00' });
    expect(completeDueTransfers(db, 5_000)).toBe(0);
  });
});

describe('notifyUrl', () => {
  it("gives a bare base URL DANA's notify path and keeps a URL with a path", () => {
    expect(notifyUrl(undefined)).toBeUndefined();
    expect(notifyUrl('')).toBeUndefined();
    expect(notifyUrl('http://m.example')).toBe('http://m.example/v1.0/debit/emoney/transfer-bank/notify.htm');
    expect(notifyUrl('http://m.example/')).toBe('http://m.example/v1.0/debit/emoney/transfer-bank/notify.htm');
    expect(notifyUrl('http://m.example/hooks/dana')).toBe('http://m.example/hooks/dana');
  });
});
