import { afterEach, describe, expect, it, vi } from 'vitest';
import { setNotifyUrl } from '../simulator/products/disbursement/operations.ts';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import type { NotificationRecord } from '../simulator/notifications/outbox.ts';
import { createTestSimulator, FUND_TYPE_BANK, idr, PATHS, transferBody } from './helpers.ts';
import { danaCallReceivers } from './receiver.ts';

// DANA gives the merchant 8 seconds to answer a notification (webhooks.md section 1). The other
// notification tests shorten that to a few hundred milliseconds; this one keeps the simulator's
// default and runs it on vitest's fake timers, so the 8 s pass without waiting for them. The receiver's
// delay and the sender's timeout both run on the fake clock; the HTTP exchange itself is real.

const receivers = danaCallReceivers();

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  expect(await receivers.closeAll()).toEqual([]);
});

/** Lets real I/O run until `done` holds; the limit only stops a broken run from hanging. */
async function ioUntil(done: () => boolean): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > 10_000) throw new Error('the notification never reached the receiver');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Sends one Transfer to Bank Notify to a receiver that answers `answerAfterMs` later, on fake time. */
async function notifyReceiverAnsweringAfter(answerAfterMs: number): Promise<NotificationRecord> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  // Node's AbortSignal.timeout keeps its own timer, out of the fakes' reach: run it on the faked
  // setTimeout so the sender's timeout and the receiver's delay share one clock.
  vi.spyOn(AbortSignal, 'timeout').mockImplementation((delayMs: number) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delayMs);
    return controller.signal;
  });
  // No notificationTimeoutMs: the default is what is under test.
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), transferCompletionMs: 3000 });
  const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, [
    { status: 200, body: '{"responseCode":"2004300","responseMessage":"Successful"}', delayMs: answerAfterMs },
  ]);
  setNotifyUrl(t.sim.runtime.db, receiver.url);
  const accepted = await t.snap(
    PATHS.transfer,
    transferBody({ amount: idr('75000.00'), additionalInfo: { fundType: FUND_TYPE_BANK, needNotify: true } }),
  );
  expect(accepted.body.responseCode).toBe('2024300');
  t.sim.clock.advance(3000);
  const delivering = t.sim.runDueWork();
  await ioUntil(() => receiver.received.length === 1);
  vi.advanceTimersByTime(answerAfterMs);
  await delivering;
  const [record] = [...t.sim.runtime.db.values<NotificationRecord>('notifications')];
  return record;
}

describe("the notification client's default 8-second timeout", () => {
  it('counts a receiver that answers 8,001 ms after the notification as not answering, and keeps the notification pending for a retry', async () => {
    const record = await notifyReceiverAnsweringAfter(8_001);
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ acknowledged: false, error: 'no answer within 8000 ms' });
    expect(record.attempts[0].httpStatus).toBeUndefined();
    expect(record.status).toBe('pending');
  });

  it('acknowledges a receiver that answers 7,999 ms after the notification', async () => {
    const record = await notifyReceiverAnsweringAfter(7_999);
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ httpStatus: 200, acknowledged: true });
    expect(record.attempts[0].error).toBeUndefined();
    expect(record.status).toBe('delivered');
  });
});
