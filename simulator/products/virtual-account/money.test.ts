import { describe, expect, it } from 'vitest';
import { createVa } from './operations.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import {
  createTestSimulator,
  idr,
  ledgerState,
  orderBody,
  PATHS,
  topUpBody,
  vaInquiryBody,
  vaPaymentBody,
  type TestSimulator,
} from '../../../test/helpers.ts';

// VA payment (svc 25) at its edges: the inquiry's 5-minute window (a payment at 300 s is inside it,
// virtual-account.md section 3), the user's balance cap checked again at payment time, and bills or
// orders that expired unpaid. A refused VA call moves no money and leaves no transaction behind.

// The timer that asks the bank about a closed window runs only in due work; these tests do not run
// it, so they see the payment handler's own window check.
const simulator = () => createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
const CUSTOMER = '6281300000301';
const user = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(`user:${CUSTOMER}`);
const bankSettlement = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(`external:bank:${t.bank.credentials.partnerId}`);

async function inquire(t: TestSimulator, customerNo: string, amount: string) {
  const body = vaInquiryBody(t.bank.partnerServiceId, customerNo, { amount: idr(amount) });
  expect((await t.bank.snap(PATHS.vaInquiry, body)).body.responseCode).toBe('2002400');
  return body.inquiryRequestId;
}

const pay = (t: TestSimulator, customerNo: string, paymentRequestId: string, amount: string, overrides: Record<string, unknown> = {}) =>
  t.bank.snap(
    PATHS.vaPayment,
    vaPaymentBody(t.bank.partnerServiceId, customerNo, paymentRequestId, { paidAmount: idr(amount), ...overrides }),
  );

describe('the VA inquiry window', () => {
  it('accepts a payment exactly 300 s after the inquiry and credits the user to the cent', async () => {
    const t = await simulator();
    const id = await inquire(t, CUSTOMER, '50000.01');
    const [userBefore, bankBefore] = [user(t), bankSettlement(t)];
    t.sim.clock.advance(300_000);
    const paid = await pay(t, CUSTOMER, id, '50000.01');
    expect(paid).toMatchObject({
      status: 200,
      body: { responseCode: '2002500', virtualAccountData: { paymentFlagStatus: '00', paidAmount: idr('50000.01') } },
    });
    expect(user(t) - userBefore).toBe(5_000_001);
    expect(bankBefore - bankSettlement(t)).toBe(5_000_001);
  });

  it('refuses a payment 300.001 s after the inquiry with 4042519, moving nothing and storing no transaction', async () => {
    const t = await simulator();
    const id = await inquire(t, CUSTOMER, '50000.01');
    t.sim.clock.advance(300_001);
    const before = ledgerState(t.sim);
    const late = await pay(t, CUSTOMER, id, '50000.01');
    expect(late).toMatchObject({
      status: 404,
      body: { responseCode: '4042519', responseMessage: 'Invalid Bill/Virtual Account', paymentRequestId: id },
    });
    expect(ledgerState(t.sim)).toEqual(before);
  });
});

describe('the user balance cap at payment time', () => {
  it('refuses with 4032502 a payment that a top up since the inquiry would lift one cent over the cap, moving nothing', async () => {
    const t = await simulator();
    const id = await inquire(t, CUSTOMER, '1000000.01');
    expect(
      (await t.snap(PATHS.topUp, topUpBody({ customerNumber: CUSTOMER, amount: idr('20000000.00'), feeAmount: idr('0.00') }))).body
        .responseCode,
    ).toBe('2003800');
    expect(user(t)).toBe(2_000_000_000);
    const before = ledgerState(t.sim);
    const refused = await pay(t, CUSTOMER, id, '1000000.01');
    expect(refused).toMatchObject({ status: 403, body: { responseCode: '4032502', responseMessage: 'Exceeds Transaction Amount Limit' } });
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('accepts a payment that brings the user exactly to the 21,000,000.00 cap', async () => {
    const t = await simulator();
    const id = await inquire(t, CUSTOMER, '1000000.00');
    expect(
      (await t.snap(PATHS.topUp, topUpBody({ customerNumber: CUSTOMER, amount: idr('20000000.00'), feeAmount: idr('0.00') }))).body
        .responseCode,
    ).toBe('2003800');
    expect((await pay(t, CUSTOMER, id, '1000000.00')).body.responseCode).toBe('2002500');
    expect(user(t)).toBe(2_100_000_000);
  });
});

describe('expired bills and orders move nothing', () => {
  it('refuses payment of a dynamic VA after its expiry with 4042519 and leaves the ledger and transactions as they were', async () => {
    const t = await simulator();
    const bill = createVa(
      t.sim.runtime.db,
      t.sim.runtime.seed,
      t.sim.services.ids,
      { customerNumber: CUSTOMER, amount: '50000.00', expiresInMinutes: 10 },
      t.sim.runtime.clock.now(),
    );
    t.sim.clock.advance(10 * 60_000);
    const before = ledgerState(t.sim);
    const late = await pay(t, bill.customerNo, 'late-payment', '50000.00', { trxId: bill.trxId });
    expect(late).toMatchObject({ status: 404, body: { responseCode: '4042519' } });
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('closes an unpaid order at validUpTo without a posting; a VA payment for it afterwards is refused and moves nothing', async () => {
    const t = await simulator();
    const order = orderBody(t.merchantId, { amount: idr('22200.00') }, 60_000, t.sim.runtime.clock.now());
    const created = await t.snap(PATHS.createOrder, order);
    const paymentCode = created.body.additionalInfo.paymentCode as string;
    const customerNo = paymentCode.slice(t.bank.partnerServiceId.trim().length);
    const postings = ledgerState(t.sim).postings;
    const accounts = ledgerState(t.sim).accounts;
    t.sim.clock.advance(60_000);
    await t.sim.runDueWork();
    const status = await t.snap(PATHS.queryPayment, {
      originalPartnerReferenceNo: order.partnerReferenceNo,
      serviceCode: '54',
      merchantId: t.merchantId,
    });
    expect(status.body.latestTransactionStatus).toBe('05');
    expect(ledgerState(t.sim).postings).toBe(postings);
    expect(ledgerState(t.sim).accounts).toEqual(accounts);
    const before = ledgerState(t.sim);
    const late = await pay(t, customerNo, 'late-order-payment', '22200.00', { trxId: created.body.referenceNo });
    expect(late).toMatchObject({ status: 404, body: { responseCode: '4042519' } });
    expect(ledgerState(t.sim)).toEqual(before);
  });
});
