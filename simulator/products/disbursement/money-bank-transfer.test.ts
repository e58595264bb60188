import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../clock/clock.ts';
import { POSTINGS } from '../../ledger/database.ts';
import type { Posting } from '../../ledger/ledger.ts';
import {
  bankInquiryBody,
  createTestSimulator,
  idr,
  ledgerState,
  PATHS,
  transferBody,
  VALID_CUSTOMER,
  type TestSimulator,
} from '../../../test/helpers.ts';
import { merchantWithDeposit, moneyOf } from '../../../test/money-fixtures.ts';

// Transfer to Bank Account Inquiry (svc 42) and Transfer to Bank (svc 43) at the edge of the
// deposit, which pays amount + DANA's 2,500.00 fee; a failed transfer gives back exactly what it
// reserved; business rejections (403 and 404 alike) are recorded as failed (06) for status inquiry.

const FEE_MINOR = 250_000;
const DEPOSIT = '1000000.00';
/** The largest amount a 1,000,000.00 deposit can pay once the fee is added. */
const LARGEST_AMOUNT = '997500.00';

const statusOf = async (send: (path: string, body: unknown) => Promise<{ body: any }>, partnerReferenceNo: string) =>
  (await send(PATHS.transferStatus, { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '00' })).body;

describe('transfer to bank account inquiry at the deposit boundary', () => {
  it('succeeds when the deposit equals amount + the 2,500.00 fee exactly, and moves nothing', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, DEPOSIT);
    const before = ledgerState(t.sim);
    const reply = await merchant.snap(PATHS.bankInquiry, bankInquiryBody({ amount: idr(LARGEST_AMOUNT) }));
    expect(reply).toMatchObject({
      status: 200,
      body: { responseCode: '2004200', amount: idr(LARGEST_AMOUNT), additionalInfo: { feeAmount: idr('2500.00') } },
    });
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('answers 4034214 Insufficient Fund when amount + fee is one cent over the deposit, though the amount alone fits', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, DEPOSIT);
    const before = ledgerState(t.sim);
    const body = bankInquiryBody({ amount: idr('997500.01') });
    const reply = await merchant.snap(PATHS.bankInquiry, body);
    expect(reply).toMatchObject({ status: 403, body: { responseCode: '4034214', responseMessage: 'Insufficient Fund' } });
    expect(ledgerState(t.sim)).toEqual(before);
  });
});

describe('transfer to bank at the deposit boundary', () => {
  it('settles a transfer whose amount + fee equals the deposit exactly: deposit 0.00, amount paid out, fee to DANA', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, DEPOSIT);
    const before = moneyOf(t, merchant.merchantId, VALID_CUSTOMER);
    const reply = await merchant.snap(PATHS.transfer, transferBody({ amount: idr(LARGEST_AMOUNT) }));
    expect(reply).toMatchObject({ status: 200, body: { responseCode: '2004300', responseMessage: 'Success' } });
    const after = moneyOf(t, merchant.merchantId, VALID_CUSTOMER);
    expect(before.deposit).toBe(100_000_000);
    expect(after.deposit).toBe(0);
    expect(after.reserved).toBe(0);
    expect(after.payouts - before.payouts).toBe(99_750_000);
    expect(after.fees - before.fees).toBe(FEE_MINOR);
    expect(after.user).toBe(before.user);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('refuses amounts from one cent over deposit - fee up to the whole deposit with 4034314, posting nothing and recording each as failed (06)', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, DEPOSIT);
    for (const amount of ['997500.01', '998750.00', '999999.99', DEPOSIT]) {
      const before = ledgerState(t.sim);
      const body = transferBody({ amount: idr(amount) });
      const reply = await merchant.snap(PATHS.transfer, body);
      expect(reply).toMatchObject({
        status: 403,
        body: { responseCode: '4034314', responseMessage: 'Insufficient Fund', partnerReferenceNo: body.partnerReferenceNo },
      });
      const after = ledgerState(t.sim);
      expect(after.accounts).toEqual(before.accounts);
      expect(after.postings).toBe(before.postings);
      expect(after.transactions).toBe(before.transactions + 1);
      expect(await statusOf(merchant.snap, body.partnerReferenceNo)).toMatchObject({
        responseCode: '2000000',
        latestTransactionStatus: '06',
        transactionStatusDesc: 'Failed',
        amount: idr(amount),
      });
    }
  });
});

describe('a failed transfer gives the reservation back', () => {
  it('releases exactly amount + fee to the deposit when an accepted asynchronous transfer fails; fee income and payouts stay as they were', async () => {
    const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
    t.sim.rules.add({ endpoint: 'transferToBank', effect: { completion: 'failed', completionDelayMs: 1000 }, times: 1 });
    const before = moneyOf(t, t.merchantId, VALID_CUSTOMER);
    const body = transferBody({ amount: idr('12345.67') });
    expect((await t.snap(PATHS.transfer, body)).body.responseCode).toBe('2024300');
    const pending = moneyOf(t, t.merchantId, VALID_CUSTOMER);
    expect(before.deposit - pending.deposit).toBe(1_234_567 + FEE_MINOR);
    expect(pending.reserved - before.reserved).toBe(1_234_567 + FEE_MINOR);

    t.sim.clock.advance(1000);
    await t.sim.runDueWork();
    expect(await statusOf(t.snap, body.partnerReferenceNo)).toMatchObject({
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
    });
    expect(moneyOf(t, t.merchantId, VALID_CUSTOMER)).toEqual(before);
    const release = releasePostings(t);
    expect(release).toHaveLength(1);
    expect(release[0].entries).toEqual([
      { account: `merchant:${t.merchantId}:deposit-reserved`, amountMinor: -(1_234_567 + FEE_MINOR) },
      { account: `merchant:${t.merchantId}:deposit`, amountMinor: 1_234_567 + FEE_MINOR },
    ]);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });
});

describe('404 business rejections are recorded like 403s', () => {
  it('records a transfer to an unknown bank (4044311 Invalid Account) as failed: status inquiry answers 06, no money moves', async () => {
    const t = await createTestSimulator();
    const before = ledgerState(t.sim);
    const body = transferBody({ beneficiaryBankCode: '999' });
    const reply = await t.snap(PATHS.transfer, body);
    expect(reply).toMatchObject({
      status: 404,
      body: { responseCode: '4044311', responseMessage: 'Invalid Card/Account/Customer Number/Virtual Account' },
    });
    expect(ledgerState(t.sim).accounts).toEqual(before.accounts);
    expect(ledgerState(t.sim).postings).toBe(before.postings);
    const status = await statusOf(t.snap, body.partnerReferenceNo);
    expect(status).toMatchObject({
      responseCode: '2000000',
      originalPartnerReferenceNo: body.partnerReferenceNo,
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
      amount: idr('50000.00'),
    });
  });

  it('records a transfer a rule rejects with 4044308 Invalid Merchant as failed (06)', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToBank', effect: { result: 'INVALID_MERCHANT' }, times: 1 });
    const before = ledgerState(t.sim);
    const body = transferBody();
    expect(await t.snap(PATHS.transfer, body)).toMatchObject({
      status: 404,
      body: { responseCode: '4044308', responseMessage: 'Invalid Merchant' },
    });
    expect(ledgerState(t.sim).accounts).toEqual(before.accounts);
    expect(await statusOf(t.snap, body.partnerReferenceNo)).toMatchObject({
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
    });
  });
});

function releasePostings(t: TestSimulator): Posting[] {
  return [...t.sim.runtime.db.values<Posting>(POSTINGS)].filter((posting) => posting.id.endsWith(':release'));
}
