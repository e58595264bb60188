import { afterEach, describe, expect, it } from 'vitest';
import { startMswSimulator, type MswSimulator } from '../../simulator/adapters/msw.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { toPrivateKey } from '../../simulator/signature/keys.ts';
import { signAsymmetric } from '../../simulator/signature/snap.ts';
import { verifyDanaNotificationRequest } from '../../simulator/verify.ts';
import { PATHS, testKeys, topUpBody, VALID_CUSTOMER } from '../helpers.ts';

// The helpers a vitest/jest suite gets from `dana-sim/msw` (per-test reset, faults, clock, balances) and
// the Request form of `dana-sim/verify`, in process; test/package/package.test.ts runs the packed build.

let running: MswSimulator | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(): Promise<MswSimulator> {
  const { dana, merchant } = testKeys();
  running = await startMswSimulator({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem }, seed: 'helpers' });
  return running;
}

async function topUp(sim: MswSimulator, value: string) {
  const { env } = sim;
  const credentials = {
    partnerId: env.X_PARTNER_ID,
    privateKey: toPrivateKey(env.PRIVATE_KEY),
    clientSecret: env.CLIENT_SECRET,
    merchantId: env.MERCHANT_ID,
  };
  const body = topUpBody({ amount: { value, currency: 'IDR' }, feeAmount: { value: '0.00', currency: 'IDR' } });
  const signed = snapRequest({ path: PATHS.topUp, body, credentials });
  const reply = await fetch(`https://api.sandbox.dana.id${signed.path}`, { method: 'POST', headers: signed.headers, body: signed.body });
  return (await reply.json()) as { responseCode: string };
}

describe('dana-sim/msw test helpers', () => {
  it('read balances as DANA writes amounts, and reset puts them, and the faults added, back', async () => {
    const sim = await start();
    const before = { deposit: sim.deposit(), user: sim.userBalance(VALID_CUSTOMER) };
    expect(before.deposit).toMatch(/^\d+\.\d{2}$/);

    expect((await topUp(sim, '1500.00')).responseCode).toBe('2003800');
    expect(Number(before.deposit) - Number(sim.deposit())).toBe(1500);
    expect(Number(sim.userBalance(VALID_CUSTOMER)) - Number(before.user)).toBe(1500);

    sim.faults.add({ endpoint: 'transferToDana', effect: { delayMs: 1 } });
    expect(sim.faults.list()).toHaveLength(1);
    const sandboxRules = sim.simulator.rules.list().length - 1;

    await sim.reset();
    expect({ deposit: sim.deposit(), user: sim.userBalance(VALID_CUSTOMER) }).toEqual(before);
    expect(sim.faults.list()).toHaveLength(0);
    expect(sim.simulator.rules.list()).toHaveLength(sandboxRules);
    expect((await topUp(sim, '1.00')).responseCode).toBe('2003800');
  });

  it('advanceClock moves the simulator clock', async () => {
    const sim = await start();
    const before = sim.simulator.clock.now();
    await sim.advanceClock(3_600_000);
    expect(sim.simulator.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
  });
});

describe('dana-sim/verify on a fetch Request', () => {
  const { dana } = testKeys();
  const signedNotification = (body: string) => {
    const timestamp = '2030-05-01T00:46:43+07:00';
    const signature = signAsymmetric({ method: 'POST', path: '/notify', body, timestamp }, dana.privateKeyPem);
    return { 'x-timestamp': timestamp, 'x-signature': signature, 'content-type': 'application/json' };
  };

  it('accepts what the DANA key signed and leaves the body readable', async () => {
    const body = '{"originalPartnerReferenceNo":"ref-1"}';
    const request = new Request('http://merchant.test/notify', { method: 'POST', headers: signedNotification(body), body });
    expect(await verifyDanaNotificationRequest(request, dana.publicKeyPem)).toBe(true);
    expect(await request.text()).toBe(body);
  });

  it('refuses a changed body, another path and a missing signature', async () => {
    const headers = signedNotification('{"a":1}');
    const post = (url: string, body: string, withHeaders: Record<string, string>) =>
      new Request(url, { method: 'POST', headers: withHeaders, body });
    expect(await verifyDanaNotificationRequest(post('http://merchant.test/notify', '{"a":2}', headers), dana.publicKeyPem)).toBe(false);
    expect(await verifyDanaNotificationRequest(post('http://merchant.test/other', '{"a":1}', headers), dana.publicKeyPem)).toBe(false);
    expect(await verifyDanaNotificationRequest(post('http://merchant.test/notify', '{"a":1}', {}), dana.publicKeyPem)).toBe(false);
  });
});
