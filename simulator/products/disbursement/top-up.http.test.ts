import { describe, expect, it } from 'vitest';
import { createTestSimulator, idr, ledgerState, PATHS, secondMerchant, topUpBody } from '../../../test/helpers.ts';

// Customer Top Up (svc 38) and its status (svc 39): money movement, the fee model, checks in
// DANA's order, idempotency and the records status inquiry reads.

describe('customer top up', () => {
  it('moves amount + fee from the deposit, amount to the user, fee to DANA, and status says 00', async () => {
    const t = await createTestSimulator();
    const [deposit, user] = [t.deposit(), t.userBalance()];
    const body = topUpBody();
    const reply = await t.snap(PATHS.topUp, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2003800',
      responseMessage: 'Successful',
      partnerReferenceNo: body.partnerReferenceNo,
      amount: idr('1.00'),
    });
    expect(reply.body.referenceNo).toMatch(/^\d{20,64}$/);
    expect(Number(deposit) - Number(t.deposit())).toBeCloseTo(2, 2);
    expect(Number(t.userBalance()) - Number(user)).toBeCloseTo(1, 2);
    expect(t.sim.runtime.db.ledger.balance('dana:fee-income')).toBe(100);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
    const status = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      responseCode: '2003900',
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: reply.body.referenceNo,
      serviceCode: '38',
      amount: idr('1.00'),
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      additionalInfo: {},
    });
  });

  it('replays an identical retry with the same referenceNo and no second posting', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    const first = await t.snap(PATHS.topUp, body);
    const postings = ledgerState(t.sim).postings;
    const second = await t.snap(PATHS.topUp, body);
    expect(second).toEqual(first);
    expect(ledgerState(t.sim).postings).toBe(postings);
  });

  it('answers 10 concurrent identical requests with one posting and ten identical replies', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    const before = ledgerState(t.sim).postings;
    const replies = await Promise.all(Array.from({ length: 10 }, () => t.snap(PATHS.topUp, body)));
    expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(replies[0].body.responseCode).toBe('2003800');
    expect(ledgerState(t.sim).postings).toBe(before + 1);
  });

  it('rejects a changed retry with 4043818 and leaves the ledger alone', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    await t.snap(PATHS.topUp, body);
    const before = ledgerState(t.sim);
    const changed = await t.snap(PATHS.topUp, { ...body, amount: idr('4.00') });
    expect(changed.status).toBe(404);
    expect(changed.body).toMatchObject({ responseCode: '4043818', responseMessage: 'Inconsistent Request' });
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('checks the deposit before the balance cap: 4033814 and nothing stored', async () => {
    const t = await createTestSimulator();
    const before = ledgerState(t.sim);
    const reply = await t.snap(PATHS.topUp, topUpBody({ amount: idr('1000000000000.00') }));
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ responseCode: '4033814', responseMessage: 'Insufficient Fund' });
    expect(ledgerState(t.sim).accounts).toEqual(before.accounts);
  });

  it('counts the fee in the deposit check', async () => {
    const t = await createTestSimulator();
    const deposit = t.deposit();
    const exact = await t.snap(PATHS.topUp, topUpBody({ customerNumber: '628100000001', amount: idr(deposit), feeAmount: idr('0.01') }));
    expect(exact.body.responseCode).toBe('4033814');
  });

  it('rejects a top up that would lift the user over 21000000.00 (4033802) and records it as failed (06)', async () => {
    const t = await createTestSimulator();
    const body = topUpBody({ amount: idr('21000000.00') });
    const before = ledgerState(t.sim).accounts;
    const reply = await t.snap(PATHS.topUp, body);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ responseCode: '4033802', responseMessage: 'Exceed maximum limit amount' });
    expect(ledgerState(t.sim).accounts).toEqual(before);
    const status = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
    expect(status.body).toMatchObject({
      responseCode: '2003900',
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
      amount: idr('21000000.00'),
    });
  });

  it('lets a user reach exactly the cap', async () => {
    const t = await createTestSimulator();
    const reply = await t.snap(
      PATHS.topUp,
      topUpBody({ customerNumber: '628100000002', amount: idr('21000000.00'), feeAmount: idr('0.00') }),
    );
    expect(reply.body.responseCode).toBe('2003800');
    expect(t.userBalance('628100000002')).toBe('21000000.00');
  });

  it('answers a retry of a failed top up with General Error, DANA\'s "idempotent failed" reply', async () => {
    const t = await createTestSimulator();
    const body = topUpBody({ amount: idr('21000000.00') });
    await t.snap(PATHS.topUp, body);
    const retry = await t.snap(PATHS.topUp, body);
    expect(retry.status).toBe(500);
    expect(retry.body.responseCode).toBe('5003800');
  });

  it('reports missing customerNumber as 4003802 and USD as 4003801', async () => {
    const t = await createTestSimulator();
    const { customerNumber: _omitted, ...withoutCustomer } = topUpBody();
    const missing = await t.snap(PATHS.topUp, withoutCustomer);
    expect(missing).toMatchObject({
      status: 400,
      body: { responseCode: '4003802', responseMessage: 'Invalid Mandatory Field customerNumber' },
    });
    const usd = await t.snap(
      PATHS.topUp,
      topUpBody({ amount: { value: '1.00', currency: 'USD' }, feeAmount: { value: '1.00', currency: 'USD' } }),
    );
    expect(usd).toMatchObject({ status: 400, body: { responseCode: '4003801', responseMessage: 'Invalid Field Format' } });
  });

  it('treats null optional fields as absent, as the UAT fixtures send them', async () => {
    const t = await createTestSimulator();
    const reply = await t.snap(PATHS.topUp, topUpBody({ sessionId: null, notes: null, categoryId: null, transactionDate: null }));
    expect(reply.body.responseCode).toBe('2003800');
  });

  it('serves both path spellings from one state', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    const viaRest = await t.snap('/rest/v1.0/emoney/topup', body);
    const viaHtm = await t.snap('/v1.0/emoney/topup.htm', body);
    expect(viaHtm).toEqual(viaRest);
    const status = await t.snap('/v1.0/emoney/topup-status.htm', {
      originalPartnerReferenceNo: body.partnerReferenceNo,
      serviceCode: '38',
    });
    expect(status.body.latestTransactionStatus).toBe('00');
  });

  it('scopes idempotency per partner: another merchant may reuse a partnerReferenceNo', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    await t.snap(PATHS.topUp, body);
    const other = await secondMerchant(t);
    const reply = await other.snap(PATHS.topUp, { ...body, amount: idr('2.00') });
    expect(reply.body.responseCode).toBe('2003800');
    expect(t.sim.runtime.db.size('transactions')).toBe(2);
  });
});

describe('top up inquiry status', () => {
  it('answers 4043901 for an unknown reference and 4003901 (with the echo) for a wrong serviceCode', async () => {
    const t = await createTestSimulator();
    const unknown = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: 'test123123', serviceCode: '38' });
    expect(unknown).toMatchObject({ status: 404, body: { responseCode: '4043901', responseMessage: 'Transaction Not Found' } });
    const wrong = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: 'x', serviceCode: 'ab' });
    expect(wrong).toMatchObject({
      status: 400,
      body: { responseCode: '4003901', responseMessage: 'Invalid Field Format serviceCode', serviceCode: 'ab' },
    });
  });

  it('does not find a transaction when originalReferenceNo names another one', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    await t.snap(PATHS.topUp, body);
    const reply = await t.snap(PATHS.topUpStatus, {
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: '999',
      serviceCode: '38',
    });
    expect(reply.body.responseCode).toBe('4043901');
  });

  it("never shows one partner another partner's top up", async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    expect((await t.snap(PATHS.topUp, body)).body.responseCode).toBe('2003800');
    const other = await secondMerchant(t);
    const reply = await other.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '38' });
    expect(reply.body.responseCode).toBe('4043901');
  });
});
