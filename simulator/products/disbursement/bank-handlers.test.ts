import { describe, expect, it } from 'vitest';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { bankAccountInquiry, transferToBank, transferToBankStatus } from '../../../contracts/disbursement/index.ts';
import type { Settlement, RequestContext } from '../../core/route.ts';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, merchantDepositReserved } from '../../ledger/accounts.ts';
import { createTestSimulator, handle, handlerContext, idr, setBalance } from '../../../test/helpers.ts';
import { putBankAccount } from './bank-accounts.ts';
import * as bank from './bank-handlers.ts';
import { BANK_PAYOUTS_ACCOUNT, PENDING_TRANSFERS } from './bank-transfers.ts';
import { transferCompletionMs } from './settings.ts';

// Disbursement to bank accounts, called directly with the context the pipeline would give.
// DANA's bank transfer fee is 2500.00, charged on top of the amount.

const ACCOUNT = '2460888509';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = (ref = 'ref-1', settle?: Settlement): RequestContext =>
    handlerContext(t, {
      now: 1_000,
      idempotency: { recordKey: `transferToBank:${t.credentials.partnerId}:${ref}`, keyValue: ref, fingerprint: 'f' },
      settle,
    });
  const balance = (account: string) => t.sim.runtime.db.ledger.balance(account);
  const setDeposit = (minor: number) => setBalance(t.sim, merchantDeposit(t.merchantId), minor);
  const inquiry = (amount: string, extra: Record<string, unknown> = {}, bankCode = '014', accountNumber = ACCOUNT) =>
    handle(
      bankAccountInquiry,
      bank.bankAccountInquiry,
      {
        customerNumber: '62811742234',
        beneficiaryAccountNumber: accountNumber,
        amount: idr(amount),
        additionalInfo: { beneficiaryBankCode: bankCode },
        ...extra,
      },
      context(),
    );
  const transfer = (amount: string, ref = 'ref-1', needNotify?: boolean, settle?: Settlement, bankCode = '014', accountNumber = ACCOUNT) =>
    handle(
      transferToBank,
      bank.transferToBank,
      {
        partnerReferenceNo: ref,
        customerNumber: '62811742234',
        beneficiaryAccountNumber: accountNumber,
        beneficiaryBankCode: bankCode,
        amount: idr(amount),
        additionalInfo: needNotify === undefined ? {} : { needNotify },
      },
      context(ref, settle),
    );
  const record = (ref = 'ref-1') =>
    t.sim.runtime.db.get<TransactionRecord>(TRANSACTIONS, `transferToBank:${t.credentials.partnerId}:${ref}`);
  return { t, context, balance, setDeposit, inquiry, transfer, record };
}

describe('bank account inquiry', () => {
  it("answers the holder, the bank's names and DANA's fee, echoing the reference and account type", async () => {
    const { inquiry } = await setup();
    const reply = inquiry('50000.00', {
      partnerReferenceNo: 'binq-1',
      additionalInfo: { beneficiaryBankCode: '014', accountType: 'SAVINGS' },
    });
    expect(reply).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          referenceNo: expect.stringMatching(/^\d+$/),
          partnerReferenceNo: 'binq-1',
          accountType: 'SAVINGS',
          beneficiaryAccountNumber: ACCOUNT,
          beneficiaryAccountName: expect.stringMatching(/^[A-Z]/),
          beneficiaryBankCode: '014',
          beneficiaryBankShortName: 'BCA',
          beneficiaryBankName: 'Bank Central Asia',
          amount: idr('50000.00'),
          additionalInfo: { feeAmount: idr('2500.00') },
        },
      },
    });
    const bare = inquiry('1.00');
    expect(bare.ok && bare.value.fields).not.toHaveProperty('partnerReferenceNo');
    expect(bare.ok && bare.value.fields).not.toHaveProperty('accountType');
  });

  it('needs the deposit to cover amount plus fee exactly', async () => {
    const { setDeposit, inquiry } = await setup();
    setDeposit(350_000);
    expect(inquiry('1000.00').ok).toBe(true);
    expect(inquiry('1000.01')).toEqual({ ok: false, failure: { key: 'INSUFFICIENT_FUNDS' } });
  });

  it('refuses unknown accounts and accounts that are not active, each with its own code', async () => {
    const { t, inquiry, transfer } = await setup();
    expect(inquiry('1.00', {}, '999')).toEqual({ ok: false, failure: { key: 'INVALID_ACCOUNT' } });
    expect(inquiry('1.00', {}, '014', '12')).toEqual({ ok: false, failure: { key: 'INVALID_ACCOUNT' } });
    t.sim.runtime.db.transact((tx) =>
      putBankAccount(tx, { bankCode: '008', accountNumber: '777777', holderName: 'X', status: 'FRAUD', source: 'user' }),
    );
    expect(inquiry('1.00', {}, '008', '777777')).toEqual({ ok: false, failure: { key: 'SUSPECTED_FRAUD' } });
    expect(transfer('1.00', 'r', undefined, undefined, '008', '777777')).toEqual({ ok: false, failure: { key: 'SUSPECTED_FRAUD' } });
  });
});

describe('transfer to bank', () => {
  it('settles at once without needNotify: the deposit pays amount plus fee, the bank gets the amount, DANA the fee', async () => {
    const { t, balance, transfer, record } = await setup();
    const deposit = balance(merchantDeposit(t.merchantId));
    const fees = balance(FEE_INCOME_ACCOUNT);
    const payouts = balance(BANK_PAYOUTS_ACCOUNT);
    const reply = transfer('100.01');
    const referenceNo = reply.ok ? (reply.value.fields.referenceNo as string) : '';
    expect(reply).toEqual({
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          referenceNo,
          partnerReferenceNo: 'ref-1',
          transactionDate: jakartaTimestamp(1_000),
          referenceNumber: referenceNo,
          additionalInfo: {},
        },
      },
    });
    expect(deposit - balance(merchantDeposit(t.merchantId))).toBe(260_001);
    expect(balance(BANK_PAYOUTS_ACCOUNT) - payouts).toBe(10_001);
    expect(balance(FEE_INCOME_ACCOUNT) - fees).toBe(250_000);
    expect(balance(merchantDepositReserved(t.merchantId))).toBe(0);
    expect(record()).toMatchObject({
      status: '00',
      referenceNo,
      amount: idr('100.01'),
      details: { merchantId: t.merchantId, beneficiaryBankCode: '014', amountMinor: 10_001, feeMinor: 250_000, needNotify: false },
    });
    expect(record()!.details).not.toHaveProperty('completeAt');
    expect(t.sim.runtime.db.size(PENDING_TRANSFERS)).toBe(0);
  });

  it('with needNotify true answers in progress and holds amount plus fee until the completion time', async () => {
    const { t, balance, transfer, record } = await setup();
    const deposit = balance(merchantDeposit(t.merchantId));
    const reply = transfer('100.00', 'ref-1', true);
    expect(reply.ok && reply.value.key).toBe('IN_PROGRESS');
    expect(deposit - balance(merchantDeposit(t.merchantId))).toBe(260_000);
    expect(balance(merchantDepositReserved(t.merchantId))).toBe(260_000);
    expect(record()).toMatchObject({
      status: '03',
      details: { needNotify: true, completeAt: 1_000 + transferCompletionMs(t.sim.services.settings), plannedOutcome: 'success' },
    });
    expect(t.sim.runtime.db.size(PENDING_TRANSFERS)).toBe(1);
  });

  it('needNotify false settles at once', async () => {
    const { transfer } = await setup();
    expect(transfer('1.00', 'ref-1', false)).toMatchObject({ ok: true, value: { key: 'SUCCESS' } });
  });

  it('a requested settlement makes it asynchronous with its delay and outcome', async () => {
    const { transfer, record } = await setup();
    expect(transfer('1.00', 'ref-1', undefined, { outcome: 'failed', delayMs: 42 })).toMatchObject({
      ok: true,
      value: { key: 'IN_PROGRESS' },
    });
    expect(record()).toMatchObject({ status: '03', details: { needNotify: false, completeAt: 1_042, plannedOutcome: 'failed' } });
  });

  it('needs the deposit to cover amount plus fee exactly, and moves nothing otherwise', async () => {
    const { t, balance, setDeposit, transfer, record } = await setup();
    setDeposit(350_000);
    expect(transfer('1000.01', 'short')).toEqual({ ok: false, failure: { key: 'INSUFFICIENT_FUNDS' } });
    expect(record('short')).toBeUndefined();
    expect(balance(merchantDeposit(t.merchantId))).toBe(350_000);
    expect(transfer('1000.00', 'exact').ok).toBe(true);
    expect(balance(merchantDeposit(t.merchantId))).toBe(0);
  });

  it('reports its status under service code 00', async () => {
    const { context, transfer } = await setup();
    transfer('1.00', 'ref-1', true);
    expect(
      handle(transferToBankStatus, bank.transferToBankInquiryStatus, { originalPartnerReferenceNo: 'ref-1' }, context()),
    ).toMatchObject({
      ok: true,
      value: { fields: { serviceCode: '00', latestTransactionStatus: '03', transactionStatusDesc: 'Pending' } },
    });
  });
});
