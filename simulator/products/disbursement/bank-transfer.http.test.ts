import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../clock/clock.ts';
import { addBankAccount } from './operations.ts';
import { BANK_PAYOUTS_ACCOUNT } from './bank-transfers.ts';
import { toValue } from '../../ledger/money.ts';
import {
  controlCall,
  bankInquiryBody,
  createTestSimulator,
  idr,
  ledgerState,
  PATHS,
  transferBody,
  type TestSimulator,
} from '../../../test/helpers.ts';

// Disbursement to bank: inquiry, transfer (sync and async), the reserve / settle / release postings,
// status, idempotency. The bank transfer fee is 2500.00 (contracts DISBURSEMENT_LIMITS).

const FEE = 250000;
const minor = (value: string) => Math.round(Number(value) * 100);
const ledger = (t: TestSimulator) => {
  const b = (account: string) => t.sim.runtime.db.ledger.balance(account);
  return {
    deposit: b(`merchant:${t.merchantId}:deposit`),
    reserved: b(`merchant:${t.merchantId}:deposit-reserved`),
    payouts: b(BANK_PAYOUTS_ACCOUNT),
    fees: b('dana:fee-income'),
  };
};
const statusOf = async (t: TestSimulator, partnerReferenceNo: string) =>
  (await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '00' })).body;
const balances = async (t: TestSimulator) => {
  const reply = await t.balanceCheck({
    requestMerchantId: t.merchantId,
    merchantResourceInfoList: ['MERCHANT_AVAILABLE_BALANCE', 'MERCHANT_TOTAL_BALANCE', 'MERCHANT_DEPOSIT_BALANCE'],
  });
  return Object.fromEntries(
    reply.body.response.body.merchantResourceInformations.map((i: { resourceType: string; value: string }) => [
      i.resourceType,
      JSON.parse(i.value).amount,
    ]),
  );
};

describe('bank account inquiry', () => {
  it('names the holder and the bank, reports the fee and changes nothing', async () => {
    const t = await createTestSimulator();
    const before = ledgerState(t.sim);
    const body = bankInquiryBody();
    const reply = await t.snap(PATHS.bankInquiry, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2004200',
      responseMessage: 'Success',
      partnerReferenceNo: body.partnerReferenceNo,
      beneficiaryAccountNumber: '2460888509',
      beneficiaryBankCode: '014',
      beneficiaryBankShortName: 'BCA',
      beneficiaryBankName: 'Bank Central Asia',
      amount: idr('50000.00'),
      additionalInfo: { feeAmount: idr('2500.00') },
    });
    expect(reply.body.beneficiaryAccountName).toMatch(/\S/);
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('answers Insufficient Fund when amount + fee exceed the deposit, and Invalid Account for an unknown bank', async () => {
    const t = await createTestSimulator();
    const oneCentOver = toValue(minor(t.deposit()) - FEE + 1);
    expect((await t.snap(PATHS.bankInquiry, bankInquiryBody({ amount: idr(oneCentOver) }))).body).toMatchObject({
      responseCode: '4034214',
      responseMessage: 'Insufficient Fund',
    });
    const unknownBank = await t.snap(
      PATHS.bankInquiry,
      bankInquiryBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', beneficiaryBankCode: '999' } }),
    );
    expect(unknownBank).toMatchObject({ status: 404, body: { responseCode: '4044211' } });
  });

  it('honours the status of accounts added to the registry', async () => {
    const t = await createTestSimulator();
    addBankAccount(t.sim.runtime.db, t.sim.runtime.seed, {
      bankCode: '008',
      accountNumber: '1234500001',
      status: 'INACTIVE',
      holderName: 'CLOSED ACCOUNT',
    });
    addBankAccount(t.sim.runtime.db, t.sim.runtime.seed, { bankCode: '008', accountNumber: '1234500002', status: 'FRAUD' });
    const inactive = await t.snap(
      PATHS.bankInquiry,
      bankInquiryBody({
        beneficiaryAccountNumber: '1234500001',
        additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', beneficiaryBankCode: '008' },
      }),
    );
    expect(inactive.body.responseCode).toBe('4034218');
    const fraud = await t.snap(PATHS.transfer, transferBody({ beneficiaryAccountNumber: '1234500002', beneficiaryBankCode: '008' }));
    expect(fraud.body.responseCode).toBe('4034303');
  });
});

describe('transfer to bank', () => {
  it('settles a synchronous transfer at once: 2004300, amount paid out, fee to DANA', async () => {
    const t = await createTestSimulator();
    const before = ledger(t);
    const body = transferBody();
    const reply = await t.snap(PATHS.transfer, body);
    expect(reply).toMatchObject({
      status: 200,
      body: { responseCode: '2004300', responseMessage: 'Success', partnerReferenceNo: body.partnerReferenceNo },
    });
    expect(reply.body.transactionDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    const after = ledger(t);
    expect(before.deposit - after.deposit).toBe(minor('50000.00') + FEE);
    expect(after.reserved).toBe(0);
    expect(after.payouts - before.payouts).toBe(minor('50000.00'));
    expect(after.fees - before.fees).toBe(FEE);
    expect(await statusOf(t, body.partnerReferenceNo)).toMatchObject({
      responseCode: '2000000',
      responseMessage: 'Successful',
      serviceCode: '00',
      latestTransactionStatus: '00',
      originalReferenceNo: reply.body.referenceNo,
      amount: idr('50000.00'),
    });
  });

  it('holds an asynchronous transfer as pending, shows it in total but not available, then settles it on the clock', async () => {
    const t = await createTestSimulator({ transferCompletionMs: 3000, background: false, clock: SimulatorClock.frozen() });
    const before = ledger(t);
    const body = transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } });
    const reply = await t.snap(PATHS.transfer, body);
    expect(reply).toMatchObject({ status: 202, body: { responseCode: '2024300', responseMessage: 'Request In Progress' } });
    expect(ledger(t).reserved).toBe(minor('50000.00') + FEE);
    const pending = await balances(t);
    expect(minor(pending.MERCHANT_TOTAL_BALANCE) - minor(pending.MERCHANT_AVAILABLE_BALANCE)).toBe(minor('50000.00') + FEE);
    expect(pending.MERCHANT_DEPOSIT_BALANCE).toBe(pending.MERCHANT_AVAILABLE_BALANCE);
    expect(await statusOf(t, body.partnerReferenceNo)).toMatchObject({ latestTransactionStatus: '03', transactionStatusDesc: 'Pending' });

    t.sim.clock.advance(2999);
    await t.sim.runDueWork();
    expect((await statusOf(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('03');
    t.sim.clock.advance(1);
    await t.sim.runDueWork();
    expect((await statusOf(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('00');
    const after = ledger(t);
    expect(after.reserved).toBe(0);
    expect(after.payouts - before.payouts).toBe(minor('50000.00'));
    expect(before.deposit - after.deposit).toBe(minor('50000.00') + FEE);
    const settled = await balances(t);
    expect(settled.MERCHANT_TOTAL_BALANCE).toBe(settled.MERCHANT_AVAILABLE_BALANCE);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('returns the deposit exactly when an accepted transfer fails (rule), with a new posting', async () => {
    const t = await createTestSimulator({ background: false });
    t.sim.rules.add({ endpoint: 'transferToBank', effect: { completion: 'failed', completionDelayMs: 1000 }, times: 1 });
    const before = ledger(t);
    const postings = ledgerState(t.sim).postings;
    const body = transferBody();
    expect((await t.snap(PATHS.transfer, body)).body.responseCode).toBe('2024300');
    t.sim.clock.advance(1000);
    await t.sim.runDueWork();
    expect((await statusOf(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('06');
    expect(ledger(t)).toEqual(before);
    expect(ledgerState(t.sim).postings).toBe(postings + 2);
  });

  it('lets the control API (and so the CLI) finish a pending transfer now, with a chosen outcome', async () => {
    const t = await createTestSimulator({ background: false, transferCompletionMs: 60_000 });
    const before = ledger(t);
    const body = transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } });
    await t.snap(PATHS.transfer, body);
    const done = await controlCall(
      t.sim,
      'POST',
      '/__sim/transfers/complete',
      JSON.stringify({ partnerReferenceNo: body.partnerReferenceNo, outcome: 'failed' }),
    );
    expect(JSON.parse(done.body)).toMatchObject({ latestTransactionStatus: '06' });
    expect(ledger(t).deposit).toBe(before.deposit);
    const again = await controlCall(
      t.sim,
      'POST',
      '/__sim/transfers/complete',
      JSON.stringify({ partnerReferenceNo: body.partnerReferenceNo }),
    );
    expect(again.status).toBe(400);
  });

  it('replays identical retries, rejects a changed amount with 4044318, and posts once under concurrency', async () => {
    const t = await createTestSimulator();
    const body = transferBody();
    const postings = ledgerState(t.sim).postings;
    const replies = await Promise.all(Array.from({ length: 10 }, () => t.snap(PATHS.transfer, body)));
    expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(ledgerState(t.sim).postings).toBe(postings + 2);
    const changed = await t.snap(PATHS.transfer, { ...body, amount: idr('2.00') });
    expect(changed).toMatchObject({
      status: 404,
      body: { responseCode: '4044318', responseMessage: 'Inconsistent Request', partnerReferenceNo: body.partnerReferenceNo },
    });
  });

  it('refuses an amount beyond the deposit with 4034314 and moves nothing', async () => {
    const t = await createTestSimulator();
    const before = ledgerState(t.sim).accounts;
    const reply = await t.snap(PATHS.transfer, transferBody({ amount: idr('1000000000000.00') }));
    expect(reply).toMatchObject({ status: 403, body: { responseCode: '4034314', responseMessage: 'Insufficient Fund' } });
    expect(ledgerState(t.sim).accounts).toEqual(before);
  });
});

describe('transfer to bank inquiry status', () => {
  it('answers 4040001 (HTTP 404) for an unknown reference and finds a transfer by DANA reference alone', async () => {
    const t = await createTestSimulator();
    const unknown = await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: crypto.randomUUID(), serviceCode: '00' });
    expect(unknown).toMatchObject({ status: 404, body: { responseCode: '4040001', responseMessage: 'Transaction Not Found' } });
    const body = transferBody();
    const reply = await t.snap(PATHS.transfer, body);
    const byReference = await t.snap(PATHS.transferStatus, { originalReferenceNo: reply.body.referenceNo, serviceCode: '00' });
    expect(byReference.body).toMatchObject({ responseCode: '2000000', originalPartnerReferenceNo: body.partnerReferenceNo });
    const neither = await t.snap(PATHS.transferStatus, { serviceCode: '00' });
    expect(neither.body).toMatchObject({ responseCode: '4000002', responseMessage: 'Invalid Mandatory Field originalPartnerReferenceNo' });
  });
});
