import { describe, expect, it } from 'vitest';
import { createTestSimulator, idr, ledgerState, PATHS, topUpBody } from '../../../test/helpers.ts';
import { merchantWithDeposit, moneyOf } from '../../../test/money-fixtures.ts';

// Customer Top Up (svc 38) at the edge of the deposit: the deposit pays amount + feeAmount, so a
// deposit of exactly that much is enough and one cent less is not (disbursement.md section 5).

const CUSTOMER = '628130000101';

describe('customer top up at the deposit boundary', () => {
  it('succeeds when the deposit equals amount + fee exactly: deposit 0.00, user + amount, fee income + fee', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, '1000000.00');
    const before = moneyOf(t, merchant.merchantId, CUSTOMER);
    const postings = ledgerState(t.sim).postings;
    const reply = await merchant.snap(
      PATHS.topUp,
      topUpBody({ customerNumber: CUSTOMER, amount: idr('999998.99'), feeAmount: idr('1.01') }),
    );
    expect(reply).toMatchObject({
      status: 200,
      body: { responseCode: '2003800', responseMessage: 'Successful', amount: idr('999998.99') },
    });
    const after = moneyOf(t, merchant.merchantId, CUSTOMER);
    expect(before.deposit).toBe(100_000_000);
    expect(after.deposit).toBe(0);
    expect(after.user - before.user).toBe(99_999_899);
    expect(after.fees - before.fees).toBe(101);
    expect(ledgerState(t.sim).postings).toBe(postings + 1);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('answers 4033814 Insufficient Fund when amount + fee is one cent over the deposit, posts nothing and records the top up as failed (06)', async () => {
    const t = await createTestSimulator();
    const merchant = merchantWithDeposit(t, '1000000.00');
    const before = ledgerState(t.sim);
    const body = topUpBody({ customerNumber: CUSTOMER, amount: idr('999998.99'), feeAmount: idr('1.02') });
    const reply = await merchant.snap(PATHS.topUp, body);
    expect(reply).toMatchObject({
      status: 403,
      body: { responseCode: '4033814', responseMessage: 'Insufficient Fund', partnerReferenceNo: body.partnerReferenceNo },
    });
    const after = ledgerState(t.sim);
    expect(after.accounts).toEqual(before.accounts);
    expect(after.postings).toBe(before.postings);
    // DANA stores a business-rejected top up so status inquiry can report it (disbursement.md section 6).
    expect(after.transactions).toBe(before.transactions + 1);
    const status = await merchant.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
    expect(status.body).toMatchObject({
      responseCode: '2003900',
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
      amount: idr('999998.99'),
    });
  });
});
