import { afterEach, describe, expect, it } from 'vitest';
import { createVa, setPartnerCallback } from './operations.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import type { NotificationRecord } from '../../notifications/outbox.ts';
import type { VaBill } from './bills.ts';
import type { InquirySession } from './sessions.ts';
import { verifyDanaNotification } from '../../signature/notification.ts';
import {
  controlCall,
  createTestSimulator,
  idr,
  PATHS,
  VALID_CUSTOMER,
  vaInquiryBody,
  vaPaymentBody,
  type TestSimulator,
} from '../../../test/helpers.ts';
import { notificationSignatureProblem } from '../../../test/oracle/dana-signature.ts';
import { closedPortUrl, danaCallReceivers, type Answer } from '../../../test/receiver.ts';

// DANA -> bank: Create VA when a dynamic VA is made, Inquiry Status when an inquiry's 5-minute
// window closes unpaid. A local fake bank verifies the simulator's signatures and answers paid, not
// paid, 500, or too late; the ledger stays conserved throughout.

const receivers = danaCallReceivers();
afterEach(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

const statusAnswer = (flag: string): Answer => ({
  status: 200,
  body: JSON.stringify({ responseCode: '2002600', responseMessage: 'Successful', virtualAccountData: { paymentFlagStatus: flag } }),
});

async function withBank(answers: Answer[]) {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), notificationTimeoutMs: 300 });
  const bank = await receivers.start(t.sim.danaKeys.publicKeyPem, answers);
  setPartnerCallback(t.sim.runtime.db, `${bank.url}/bank-api`);
  return { t, bank };
}

async function advance(t: TestSimulator, ms: number) {
  t.sim.clock.advance(ms);
  await t.sim.runDueWork();
}

async function openInquiry(t: TestSimulator) {
  const body = vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER, { amount: idr('40000.00') });
  expect((await t.bank.snap(PATHS.vaInquiry, body)).body.responseCode).toBe('2002400');
  return body;
}

const session = (t: TestSimulator, id: string) =>
  t.sim.runtime.db.get<InquirySession>('vaInquiries', `${t.bank.credentials.partnerId}:${id}`);
const calls = (t: TestSimulator, kind: string) =>
  [...t.sim.runtime.db.values<NotificationRecord>('notifications')].filter((n) => n.kind === kind);
const user = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);

describe('Create VA (svc 27)', () => {
  it('tells the bank about a new dynamic VA, signed so the bank can verify it, and records the answer', async () => {
    const { t, bank } = await withBank([{ status: 200, body: '{"responseCode":"2002700","responseMessage":"Successful"}' }]);
    const bill = createVa(
      t.sim.runtime.db,
      t.sim.runtime.seed,
      t.sim.services.ids,
      { customerNumber: VALID_CUSTOMER, amount: '50000.00' },
      t.sim.runtime.clock.now(),
    );
    await t.sim.runDueWork();
    expect(bank.received).toHaveLength(1);
    const call = bank.received[0];
    expect(call.path).toBe('/bank-api/v1.0/transfer-va/create-va');
    expect(notificationSignatureProblem(call, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
    expect(verifyDanaNotification({ path: call.path, headers: call.headers, body: call.body }, t.sim.danaKeys.publicKeyPem)).toBe(true);
    expect(JSON.parse(call.body)).toMatchObject({
      partnerServiceId: t.bank.partnerServiceId,
      customerNo: bill.customerNo,
      virtualAccountNo: bill.virtualAccountNo,
      trxId: bill.trxId,
      totalAmount: idr('50000.00'),
      virtualAccountTrxType: 'C',
    });
    expect(t.sim.runtime.db.get<VaBill>('vaBills', bill.virtualAccountNo)?.createVa).toBe('acknowledged');
  });
});

describe('Inquiry Status (svc 26) when the window closes', () => {
  it('credits the user when the bank says it paid, once, and a later Payment retry replays it', async () => {
    const { t, bank } = await withBank([statusAnswer('00')]);
    const body = await openInquiry(t);
    const before = user(t);
    await advance(t, 300_000);
    // A payment may still arrive at exactly the deadline; the bank is asked one millisecond later.
    expect(bank.received).toHaveLength(0);
    await advance(t, 1);
    expect(bank.received).toHaveLength(1);
    const call = bank.received[0];
    expect(call.path).toBe('/bank-api/v1.0/transfer-va/status');
    expect(notificationSignatureProblem(call, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
    expect(verifyDanaNotification({ path: call.path, headers: call.headers, body: call.body }, t.sim.danaKeys.publicKeyPem)).toBe(true);
    expect(JSON.parse(call.body)).toMatchObject({
      partnerServiceId: t.bank.partnerServiceId,
      customerNo: VALID_CUSTOMER,
      inquiryRequestId: body.inquiryRequestId,
      paymentRequestId: body.inquiryRequestId,
    });
    expect(user(t) - before).toBe(4_000_000);
    expect(session(t, body.inquiryRequestId)?.status).toBe('paid');
    const retry = await t.bank.snap(
      PATHS.vaPayment,
      vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('40000.00') }),
    );
    expect(retry.body.responseCode).toBe('2002500');
    expect(user(t) - before).toBe(4_000_000);
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('expires the inquiry when the bank says it did not pay; a late payment gets the expired code', async () => {
    const { t } = await withBank([statusAnswer('01')]);
    const body = await openInquiry(t);
    const before = user(t);
    await advance(t, 300_001);
    expect(session(t, body.inquiryRequestId)?.status).toBe('expired');
    const late = await t.bank.snap(
      PATHS.vaPayment,
      vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('40000.00') }),
    );
    expect(late.body.responseCode).toBe('4042519');
    expect(user(t)).toBe(before);
  });

  it('retries after a 500 and after a timeout, then applies the answer', async () => {
    const { t, bank } = await withBank([{ status: 500, body: '{}' }, { status: 200, delayMs: 1000 }, statusAnswer('00')]);
    const body = await openInquiry(t);
    await advance(t, 300_001);
    await advance(t, 5_000);
    await advance(t, 10_000);
    expect(bank.received).toHaveLength(3);
    const [call] = calls(t, 'vaInquiryStatus');
    expect(call.attempts.map((a) => a.httpStatus ?? a.error)).toEqual([500, 'no answer within 300 ms', 200]);
    expect(call.status).toBe('delivered');
    expect(session(t, body.inquiryRequestId)?.status).toBe('paid');
  });

  it('survives a bank that is down: bounded retries, then the inquiry expires and no money moves', async () => {
    const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
    setPartnerCallback(t.sim.runtime.db, await closedPortUrl());
    const body = await openInquiry(t);
    const before = user(t);
    await advance(t, 300_001);
    expect(session(t, body.inquiryRequestId)?.status).toBe('checking');
    for (const seconds of [5, 10, 20, 40, 60]) await advance(t, seconds * 1000);
    const [call] = calls(t, 'vaInquiryStatus');
    expect(call.status).toBe('failed');
    expect(call.attempts).toHaveLength(6);
    expect(session(t, body.inquiryRequestId)?.status).toBe('expired');
    expect(user(t)).toBe(before);
  });

  it('checks on demand through the control API (dana-sim va status-check)', async () => {
    const { t, bank } = await withBank([statusAnswer('00')]);
    const body = await openInquiry(t);
    const before = user(t);
    const reply = await controlCall(t.sim, 'POST', '/__sim/va/status-check', JSON.stringify({ virtualAccountNo: body.virtualAccountNo }));
    expect(JSON.parse(reply.body)).toMatchObject({ kind: 'vaInquiryStatus', status: 'delivered' });
    expect(bank.received).toHaveLength(1);
    expect(user(t) - before).toBe(4_000_000);
  });
});
