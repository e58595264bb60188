import { WebhookParser } from 'dana-node/webhook/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { setNotifyUrl } from './operations.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import type { NotificationRecord } from '../../notifications/outbox.ts';
import { verifyDanaNotification } from '../../signature/notification.ts';
import { controlCall, createTestSimulator, idr, PATHS, transferBody, type TestSimulator } from '../../../test/helpers.ts';
import { notificationSignatureProblem } from '../../../test/oracle/dana-signature.ts';
import { closedPortUrl, danaCallReceivers } from '../../../test/receiver.ts';

// Transfer to Bank Notify: delivered to a real local receiver, signed so that the receiver can verify
// it with the simulator's public key, retried on the documented schedule, every attempt recorded.

const NOTIFY_PATH = '/v1.0/debit/emoney/transfer-bank/notify.htm';
const receivers = danaCallReceivers();
afterEach(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

async function asyncTransfer(t: TestSimulator) {
  const body = transferBody({ amount: idr('75000.00'), additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } });
  const reply = await t.snap(PATHS.transfer, body);
  expect(reply.body.responseCode).toBe('2024300');
  return { body, referenceNo: reply.body.referenceNo as string };
}

async function advance(t: TestSimulator, ms: number) {
  t.sim.clock.advance(ms);
  await t.sim.runDueWork();
}

const notifications = (t: TestSimulator) => [...t.sim.runtime.db.values<NotificationRecord>('notifications')];
const simulator = (options = {}) =>
  createTestSimulator({
    background: false,
    clock: SimulatorClock.frozen(),
    transferCompletionMs: 3000,
    notificationTimeoutMs: 300,
    ...options,
  });

describe('Transfer to Bank Notify', () => {
  it("arrives at the merchant signed: the independent verifier, dana-node's parser and dana-sim's verifier accept it; status agrees", async () => {
    const t = await simulator();
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    setNotifyUrl(t.sim.runtime.db, receiver.url);
    const { body, referenceNo } = await asyncTransfer(t);
    await advance(t, 3000);

    expect(receiver.received).toHaveLength(1);
    const notify = receiver.received[0];
    expect(notify.method).toBe('POST');
    expect(notify.path).toBe(NOTIFY_PATH);
    expect(notify.headers).toMatchObject({ 'content-type': 'application/json', 'x-partner-id': t.credentials.partnerId });
    expect(notify.headers['x-timestamp']).toMatch(/\+07:00$/);
    expect(notify.headers['x-external-id']).toBeTruthy();
    expect(JSON.parse(notify.body)).toMatchObject({
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: referenceNo,
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      amount: idr('75000.00'),
    });
    expect(notificationSignatureProblem(notify, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
    expect(verifyDanaNotification({ path: notify.path, headers: notify.headers, body: notify.body }, t.sim.danaKeys.publicKeyPem)).toBe(
      true,
    );
    expect(
      verifyDanaNotification(
        { path: notify.path, headers: notify.headers, body: notify.body.replace('75000', '75001') },
        t.sim.danaKeys.publicKeyPem,
      ),
    ).toBe(false);
    const parsed = new WebhookParser(t.sim.danaKeys.publicKeyPem).parseWebhook(
      'POST',
      notify.path,
      notify.headers as Record<string, string>,
      notify.body,
    );
    expect(parsed).toMatchObject({ originalPartnerReferenceNo: body.partnerReferenceNo, latestTransactionStatus: '00' });

    const [record] = notifications(t);
    expect(record).toMatchObject({ status: 'delivered', kind: 'transferToBankNotify' });
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ httpStatus: 200, acknowledged: true });
    const status = await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '00' });
    expect(status.body.latestTransactionStatus).toBe('00');
  });

  it('retries after a 500 on the schedule and records both attempts', async () => {
    const t = await simulator();
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, [
      { status: 500, body: '{"responseCode":"5004301","responseMessage":"Internal Server Error"}' },
      { status: 200, body: '{"responseCode":"2004300","responseMessage":"Successful"}' },
    ]);
    setNotifyUrl(t.sim.runtime.db, `${receiver.url}/hooks/dana`);
    await asyncTransfer(t);
    await advance(t, 3000);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].path).toBe('/hooks/dana');
    expect(notifications(t)[0]).toMatchObject({ status: 'pending' });
    await advance(t, 4999);
    expect(receiver.received).toHaveLength(1);
    await advance(t, 1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(receiver.received[1].headers['x-external-id']).not.toBe(receiver.received[0].headers['x-external-id']);
    const [record] = notifications(t);
    expect(record.status).toBe('delivered');
    expect(record.attempts.map((a) => [a.httpStatus, a.acknowledged])).toEqual([
      [500, false],
      [200, true],
    ]);
  });

  it('gives up after the bounded schedule when the receiver is down, loses nothing, and a resend delivers it', async () => {
    const t = await simulator();
    setNotifyUrl(t.sim.runtime.db, await closedPortUrl());
    const { body } = await asyncTransfer(t);
    await advance(t, 3000);
    for (const seconds of [5, 10, 20, 40, 60]) await advance(t, seconds * 1000);
    const [record] = notifications(t);
    expect(record.status).toBe('failed');
    expect(record.attempts).toHaveLength(6);
    expect(record.attempts.every((a) => !a.acknowledged && a.error)).toBe(true);
    await advance(t, 3_600_000);
    expect(notifications(t)[0].attempts).toHaveLength(6);
    const status = await t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: body.partnerReferenceNo, serviceCode: '00' });
    expect(status.body.latestTransactionStatus).toBe('00');

    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    const resent = await controlCall(t.sim, 'POST', '/__sim/webhooks/resend', JSON.stringify({ id: record.id, url: receiver.url }));
    expect(JSON.parse(resent.body)).toMatchObject({ status: 'delivered' });
    expect(receiver.received).toHaveLength(1);
  });

  it('counts a receiver that does not answer in time, or answers 200 with an error code, as not delivered', async () => {
    const t = await simulator();
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, [
      { status: 200, delayMs: 1000 },
      { status: 200, body: '{"responseCode":"5005601","responseMessage":"Internal Server Error"}' },
    ]);
    setNotifyUrl(t.sim.runtime.db, receiver.url);
    await asyncTransfer(t);
    await advance(t, 3000);
    await advance(t, 5000);
    const [record] = notifications(t);
    expect(record.attempts[0]).toMatchObject({ acknowledged: false, error: 'no answer within 300 ms' });
    expect(record.attempts[1]).toMatchObject({ httpStatus: 200, acknowledged: false });
    expect(record.status).toBe('pending');
  });

  it('records a notification even when no URL is configured, so it can be sent later', async () => {
    const t = await simulator();
    await asyncTransfer(t);
    await advance(t, 3000);
    const [record] = notifications(t);
    expect(record).toMatchObject({ status: 'failed', url: undefined });
    expect(record.attempts[0].error).toContain('no URL is configured');
  });

  it('notifies the failure of a transfer that fails', async () => {
    const t = await simulator();
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    setNotifyUrl(t.sim.runtime.db, receiver.url);
    t.sim.rules.add({ endpoint: 'transferToBank', effect: { completion: 'failed' }, times: 1 });
    await asyncTransfer(t);
    await advance(t, 3000);
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({ latestTransactionStatus: '06', transactionStatusDesc: 'Failed' });
  });
});
