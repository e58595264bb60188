import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../clock/clock.ts';
import { controlCall, createTestSimulator } from '../../test/helpers.ts';

// A clock advance that would leave the clock an invalid Date broke the simulator for good (every
// timestamp throws, and the offset was saved): refused with 400 before anything moves.

async function clockSim(atMs = Date.UTC(2030, 0, 1)) {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(atMs) });
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await controlCall(t.sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  return { t, call };
}

describe('clock advance limits', () => {
  it('refuses more than 10 years in one advance, naming the limit, and leaves the clock working', async () => {
    const { call } = await clockSim();
    for (const duration of ['99999999999d', '3651d', '9'.repeat(400)]) {
      const reply = await call('POST', '/clock/advance', { duration });
      expect(reply.status, duration).toBe(400);
      expect(reply.body.error).toBe('duration must be at most 3650d (10 years) per clock advance; advance again to go further');
    }
    expect(await call('GET', '/clock')).toMatchObject({ status: 200, body: { offsetMs: 0, now: '2030-01-01T07:00:00.000+07:00' } });
    expect((await call('POST', '/clock/advance', { duration: '3650d' })).status).toBe(200);
    expect((await call('GET', '/clock')).body.offsetMs).toBe(3650 * 86_400_000);
  });

  it('refuses to pass the last time the clock can show, even in steps', async () => {
    const { call } = await clockSim(Date.UTC(9999, 0, 1));
    const reply = await call('POST', '/clock/advance', { duration: '365d' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^the clock cannot pass 9999-12-31T00:00:00Z; it is already at 9999-01-01/);
    expect((await call('GET', '/clock')).status).toBe(200);
  });

  it('refuses negative durations and restores of anything but a snapshot name', async () => {
    const { call } = await clockSim();
    for (const duration of ['-5s', '-1', -5]) expect((await call('POST', '/clock/advance', { duration })).status).toBe(400);
    for (const snapshot of [5, { a: 1 }, '__proto__', 'constructor'])
      expect((await call('POST', '/clock/restore', { snapshot })).status).toBe(400);
    expect((await call('GET', '/clock')).body.offsetMs).toBe(0);
  });

  it('starts with an unusable saved offset (from an older version) ignored rather than crashing', () => {
    const clock = SimulatorClock.frozen(Date.UTC(2030, 0, 1));
    expect(clock.canAdvance(99999999999 * 86_400_000)).toBe(false);
    expect(() => clock.advance(99999999999 * 86_400_000)).toThrow(RangeError);
    expect(clock.offset()).toBe(0);
  });
});
