import { describe, expect, it } from 'vitest';
import { createVa } from './operations.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import {
  createTestSimulator,
  idr,
  ledgerState,
  PATHS,
  VALID_CUSTOMER,
  vaInquiryBody,
  vaPaymentBody,
  type TestSimulator,
} from '../../../test/helpers.ts';

// The bank's side of DANA VA: inquiry opens a 5-minute window, payment within it credits the user
// from the bank's settlement account; every other case has its own code and leaves no money moved.

const simulator = () => createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
const balanceOf = (t: TestSimulator, customer = VALID_CUSTOMER) => t.sim.runtime.db.ledger.balance(`user:${customer}`);
const bankAccount = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(`external:bank:${t.bank.credentials.partnerId}`);

async function inquire(t: TestSimulator, customerNo: string, overrides: Record<string, unknown> = {}) {
  const body = vaInquiryBody(t.bank.partnerServiceId, customerNo, overrides);
  return { body, reply: await t.bank.snap(PATHS.vaInquiry, body) };
}

const pay = (t: TestSimulator, customerNo: string, paymentRequestId: string, overrides: Record<string, unknown> = {}) =>
  t.bank.snap(PATHS.vaPayment, vaPaymentBody(t.bank.partnerServiceId, customerNo, paymentRequestId, overrides));

function dynamicVa(t: TestSimulator, amount?: string, minutes = 60) {
  const bill = createVa(
    t.sim.runtime.db,
    t.sim.runtime.seed,
    t.sim.services.ids,
    { customerNumber: '6281200000077', amount, expiresInMinutes: minutes },
    t.sim.runtime.clock.now(),
  );
  return bill;
}

describe('static top-up VA (partnerServiceId + phone)', () => {
  it('inquires, then pays within the window: the user gains exactly the amount, the bank settles it', async () => {
    const t = await simulator();
    const [user, bank] = [balanceOf(t), bankAccount(t)];
    const { body, reply } = await inquire(t, VALID_CUSTOMER, { amount: idr('75000.00') });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2002400',
      responseMessage: 'Successful',
      virtualAccountData: {
        inquiryStatus: '00',
        partnerServiceId: t.bank.partnerServiceId,
        customerNo: VALID_CUSTOMER,
        virtualAccountNo: t.bank.partnerServiceId + VALID_CUSTOMER,
        inquiryRequestId: body.inquiryRequestId,
        totalAmount: idr('75000.00'),
        virtualAccountTrxType: 'O',
      },
    });
    expect(reply.body.virtualAccountData.virtualAccountName).toMatch(/\S/);
    t.sim.clock.advance(299_000);
    const paid = await pay(t, VALID_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('75000.00') });
    expect(paid).toMatchObject({
      status: 200,
      body: {
        responseCode: '2002500',
        virtualAccountData: { paymentFlagStatus: '00', paymentRequestId: body.inquiryRequestId, paidAmount: idr('75000.00') },
      },
    });
    expect(balanceOf(t) - user).toBe(7_500_000);
    expect(bank - bankAccount(t)).toBe(7_500_000);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('accepts the local 08... form of the phone as the customer number', async () => {
    const t = await simulator();
    const { body, reply } = await inquire(t, '0811742234');
    expect(reply.body.responseCode).toBe('2002400');
    const before = balanceOf(t, '62811742234');
    expect((await pay(t, '0811742234', body.inquiryRequestId)).body.responseCode).toBe('2002500');
    expect(balanceOf(t, '62811742234') - before).toBe(5_000_000);
  });

  it('answers a payment after the 5-minute window with 4042519 and moves nothing', async () => {
    const t = await simulator();
    const { body } = await inquire(t, VALID_CUSTOMER);
    t.sim.clock.advance(300_001);
    const before = ledgerState(t.sim).accounts;
    const late = await pay(t, VALID_CUSTOMER, body.inquiryRequestId);
    expect(late).toMatchObject({
      status: 404,
      body: { responseCode: '4042519', responseMessage: 'Invalid Bill/Virtual Account', paymentRequestId: body.inquiryRequestId },
    });
    expect(ledgerState(t.sim).accounts).toEqual(before);
  });

  it('needs an inquiry first (4042512), refuses a different amount (4042513) and an unknown VA (4042412)', async () => {
    const t = await simulator();
    expect((await pay(t, VALID_CUSTOMER, 'never-inquired')).body.responseCode).toBe('4042512');
    const { body } = await inquire(t, VALID_CUSTOMER);
    expect((await pay(t, VALID_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('49999.00') })).body.responseCode).toBe('4042513');
    expect((await inquire(t, '123')).reply).toMatchObject({ status: 404, body: { responseCode: '4042412' } });
    const otherBank = await inquire(t, VALID_CUSTOMER, { partnerServiceId: '   99999', virtualAccountNo: `   99999${VALID_CUSTOMER}` });
    expect(otherBank.reply.body.responseCode).toBe('4042412');
    const mismatched = await inquire(t, VALID_CUSTOMER, { virtualAccountNo: `${t.bank.partnerServiceId}628000` });
    expect(mismatched.reply.body).toMatchObject({ responseCode: '4002401', responseMessage: 'Invalid Field Format virtualAccountNo' });
  });

  it('refuses an inquiry that would lift the user over the balance cap (4032402)', async () => {
    const t = await simulator();
    const cap = await inquire(t, VALID_CUSTOMER, { amount: idr('21000000.00') });
    expect(cap.reply).toMatchObject({
      status: 403,
      body: { responseCode: '4032402', responseMessage: 'Exceeds Transaction Amount Limit' },
    });
  });

  it('replays an identical payment, rejects a changed one (4042518), and a second payment of the same inquiry is the same payment', async () => {
    const t = await simulator();
    const { body } = await inquire(t, VALID_CUSTOMER);
    const first = await pay(t, VALID_CUSTOMER, body.inquiryRequestId);
    const postings = ledgerState(t.sim).postings;
    const replies = await Promise.all(Array.from({ length: 5 }, () => pay(t, VALID_CUSTOMER, body.inquiryRequestId)));
    for (const reply of replies) expect(reply).toEqual(first);
    expect(ledgerState(t.sim).postings).toBe(postings);
    const changed = await pay(t, VALID_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('60000.00') });
    expect(changed).toMatchObject({ status: 404, body: { responseCode: '4042518', responseMessage: 'Inconsistent Request' } });
  });
});

describe('dynamic VA', () => {
  it('is paid once: the second payment gets Paid Bill (4042514); a fixed amount must match', async () => {
    const t = await simulator();
    const bill = dynamicVa(t, '50000.00');
    const wrong = await inquire(t, bill.customerNo, { amount: idr('1.00') });
    expect(wrong.reply.body.responseCode).toBe('4042413');
    const first = await inquire(t, bill.customerNo);
    expect(first.reply.body.virtualAccountData).toMatchObject({ virtualAccountTrxType: 'C', totalAmount: idr('50000.00') });
    const before = balanceOf(t, '6281200000077');
    expect((await pay(t, bill.customerNo, first.body.inquiryRequestId)).body.responseCode).toBe('2002500');
    expect(balanceOf(t, '6281200000077') - before).toBe(5_000_000);
    const again = await inquire(t, bill.customerNo);
    expect(again.reply).toMatchObject({ status: 404, body: { responseCode: '4042414', responseMessage: 'Paid Bill' } });
    expect((await pay(t, bill.customerNo, 'another-payment', { trxId: bill.trxId })).body.responseCode).toBe('4042514');
  });

  it('can be paid without an inquiry when the bank quotes the trxId from Create VA', async () => {
    const t = await simulator();
    const bill = dynamicVa(t, '50000.00');
    expect((await pay(t, bill.customerNo, 'direct-1', { trxId: 'not-the-trx' })).body.responseCode).toBe('4042512');
    // A rejected VA call leaves no trace: the bank's corrected retry under the same id goes through.
    const paid = await pay(t, bill.customerNo, 'direct-1', { trxId: bill.trxId });
    expect(paid.body).toMatchObject({ responseCode: '2002500', virtualAccountData: { trxId: bill.trxId } });
  });

  it('expires at its expiry time (4042419 / 4042519)', async () => {
    const t = await simulator();
    const bill = dynamicVa(t, '50000.00', 10);
    t.sim.clock.advance(10 * 60_000);
    expect((await inquire(t, bill.customerNo)).reply.body.responseCode).toBe('4042419');
    expect((await pay(t, bill.customerNo, 'late', { trxId: bill.trxId })).body.responseCode).toBe('4042519');
  });

  it('refuses VA calls from merchants: only banks may call them', async () => {
    const t = await simulator();
    const reply = await t.snap(PATHS.vaInquiry, vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER));
    expect(reply).toMatchObject({ status: 401, body: { responseCode: '4012400' } });
  });
});
