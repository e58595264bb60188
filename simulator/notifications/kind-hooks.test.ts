import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { startReceiver, type Receiver } from '../../test/receiver.ts';
import type { Product } from '../core/product.ts';
import { NOTIFICATIONS, enqueueNotification, resendNotification, type NotificationRecord } from './outbox.ts';

// A notification kind may sign in its own scheme and retry on its own schedule (KindHooks.headers,
// retryScheduleS): a tiny "hook" product's events, signed with an HMAC over exactly the bytes sent,
// retried after 1 min, 1 h and 1 day, then given up; DANA's kinds keep their SNAP headers.

const SCHEDULE_S = [60, 3600, 86_400];
const sign = (body: string, at: number) => createHmac('sha256', 'whsec_test').update(`${at}.${body}`).digest('hex');
const givenUp: string[] = [];

const hook: Product = {
  name: 'hook',
  notificationKinds: () => ({
    'hook.event': {
      retryScheduleS: SCHEDULE_S,
      headers: (record, body, at) => ({
        'content-type': 'application/json',
        'hook-signature': `t=${at},v1=${sign(body, at)}`,
        'hook-id': record.id,
      }),
      onGiveUp: (_tx, record) => void givenUp.push(record.id),
    },
  }),
};

let receiver: Receiver | undefined;
afterEach(async () => {
  givenUp.length = 0;
  await receiver?.close();
});

describe('a kind with its own headers and retry schedule', () => {
  it('signs every attempt its way and retries on its schedule until it gives up', async () => {
    receiver = await startReceiver([{ status: 500, body: 'down' }]);
    const { sim } = await createTestSimulator({ extensions: [hook], background: false });
    const now = sim.clock.now();
    sim.runtime.db.transact((tx) =>
      enqueueNotification(
        tx,
        { id: 'evt_1', kind: 'hook.event', partnerId: 'p', subject: 's', url: receiver!.url, body: { id: 'evt_1', n: 1 } },
        now,
      ),
    );
    await sim.runDueWork();
    for (const delayS of SCHEDULE_S) {
      const record = sim.runtime.db.get<NotificationRecord>(NOTIFICATIONS, 'evt_1')!;
      expect(record).toMatchObject({ status: 'pending', nextAttemptAt: record.attempts.at(-1)!.at + delayS * 1000 });
      // Not yet: a second early nothing is sent.
      await sim.advanceClock(delayS * 1000 - 1000);
      expect(receiver.received).toHaveLength(record.attempts.length);
      await sim.advanceClock(1000);
    }
    const record = sim.runtime.db.get<NotificationRecord>(NOTIFICATIONS, 'evt_1')!;
    expect(record.status).toBe('failed');
    expect(record.attempts).toHaveLength(4);
    expect(givenUp).toEqual(['evt_1']);
    expect(receiver.received).toHaveLength(4);
    receiver.received.forEach((received, index) => {
      const at = record.attempts[index]!.at;
      expect(received.headers['hook-signature']).toBe(`t=${at},v1=${sign(received.body, at)}`);
      expect(received.headers['x-signature']).toBeUndefined();
      expect(JSON.parse(received.body)).toEqual({ id: 'evt_1', n: 1 });
    });
    // A resend starts a new cycle on the same schedule, still signed the kind's way.
    receiver.answers = [{ status: 200, body: '' }];
    resendNotification(sim.runtime.db, 'evt_1', sim.clock.now());
    await sim.runDueWork();
    expect(sim.runtime.db.get<NotificationRecord>(NOTIFICATIONS, 'evt_1')!.status).toBe('delivered');
    expect(receiver.received.at(-1)!.headers['hook-id']).toBe('evt_1');
    await sim.close();
  });

  it('keeps its headers for a triggered send, and DANA kinds keep the SNAP headers', async () => {
    receiver = await startReceiver([{ status: 200, body: '{"responseCode":"2005600"}' }]);
    const { sim } = await createTestSimulator({ extensions: [hook], background: false });
    const now = sim.clock.now();
    sim.runtime.db.transact((tx) => {
      enqueueNotification(
        tx,
        { id: 'evt_2', kind: 'hook.event', partnerId: 'p', subject: 's', url: receiver!.url, body: {}, triggered: true },
        now,
      );
      enqueueNotification(tx, { id: 'n_1', kind: 'finishNotify', partnerId: 'p', subject: 's', url: receiver!.url, body: {} }, now);
    });
    await sim.runDueWork();
    const byId = (id: string) => receiver!.received.find((received) => received.headers['hook-id'] === id);
    expect(byId('evt_2')?.headers['hook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(receiver.received.find((received) => received.headers['x-signature'])?.headers['channel-id']).toBe('DANA');
    await sim.close();
  });
});
