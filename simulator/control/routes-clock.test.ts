import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../clock/clock.ts';
import { controlCall, createTestSimulator } from '../../test/helpers.ts';

// Clock snapshots: the one way the simulator clock moves back, to where a snapshot found it, once.

async function clockSim() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(Date.UTC(2030, 0, 1)) });
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await controlCall(t.sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  return { t, call };
}

describe('clock snapshot and restore', () => {
  it('puts the clock back where the snapshot found it, durably, and only once', async () => {
    const { t, call } = await clockSim();
    await call('POST', '/clock/advance', { duration: '30s' });
    const snap = await call('POST', '/clock/snapshot', {});
    expect(snap).toEqual({ status: 200, body: { snapshot: 'clock-1', offsetMs: 30_000 } });
    await call('POST', '/clock/advance', { duration: '2m' });
    expect((await call('GET', '/clock')).body.offsetMs).toBe(150_000);

    const restored = await call('POST', '/clock/restore', { snapshot: 'clock-1' });
    expect(restored).toEqual({ status: 200, body: { now: '2030-01-01T07:00:30.000+07:00', offsetMs: 30_000 } });
    expect(await call('GET', '/clock')).toEqual({ status: 200, body: { now: '2030-01-01T07:00:30.000+07:00', offsetMs: 30_000 } });
    // The persisted offset (what a restart reads) went back too.
    expect(t.sim.runtime.db.get<{ offsetMs: number }>('meta', 'clock')?.offsetMs).toBe(30_000);

    const again = await call('POST', '/clock/restore', { snapshot: 'clock-1' });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('no clock snapshot clock-1 (each can be restored once)');
  });

  it('refuses a snapshot it never took, and leaves a clock already earlier than the snapshot alone', async () => {
    const { call } = await clockSim();
    expect((await call('POST', '/clock/restore', { snapshot: 'clock-99' })).status).toBe(400);
    expect((await call('POST', '/clock/restore', {})).status).toBe(400);
    const { body } = await call('POST', '/clock/snapshot', {});
    expect((await call('POST', '/clock/restore', { snapshot: body.snapshot })).body.offsetMs).toBe(0);
  });
});
