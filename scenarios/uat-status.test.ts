import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import type { Flags } from '../simulator/core/product.ts';
import { controlCall, createTestSimulator, PATHS, topUpBody } from '../test/helpers.ts';
import { howToTrigger } from './case-hint.ts';
import { loadCases } from './load.ts';
import { uatProgress } from './progress.ts';
import { UAT_COMMANDS } from './uat-commands.ts';
import { uatStatusText, type UatStatus } from './uat-status-text.ts';

// `dana-sim uat status`: per merchant, every missing case with how to trigger it, and a UAT run's
// own traffic (a run window, the X-Dana-Sim-Run header) never counted.

async function progressSim() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), extensions: [uatProgress()] });
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await controlCall(t.sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
    expect(reply.status, `${method} ${path}: ${reply.body}`).toBe(200);
    return JSON.parse(reply.body);
  };
  const topUpCovered = async () =>
    ((await call('GET', `/uat/status?merchant=${t.merchantId}`)) as UatStatus).groups.find(
      (g) => g.group === 'Dana Disbursement TopUp (mandatory)',
    )!.covered;
  return { t, call, topUpCovered };
}

describe('uat status per merchant', () => {
  it('names the merchant and lists every missing case, each with how to trigger it', async () => {
    const { t, call } = await progressSim();
    await t.snap(PATHS.topUp, topUpBody());
    const status = (await call('GET', `/uat/status?merchant=${t.merchantId}`)) as UatStatus;
    expect(status.merchantId).toBe(t.merchantId);
    for (const group of status.groups) {
      expect(group.missing.length, group.group).toBe(group.total - group.covered);
      expect(group.missingHints?.map((h) => h.id)).toEqual(group.missing);
      for (const { hint } of group.missingHints ?? []) expect(hint.length).toBeGreaterThan(10);
    }
    const text = uatStatusText(status);
    expect(text).toContain(`merchant ${t.merchantId}`);
    expect(text).toContain('Dana Disbursement TopUp (mandatory): 1 of 7');
    expect(text).not.toContain('missing TopUpCustomerValid');
    // No cap: a group with all ten cases missing lists all ten.
    const widget = status.groups.find((g) => g.group === 'Widget Payment (mandatory)')!;
    expect(widget.missing).toHaveLength(10);
    for (const id of widget.missing) expect(text).toContain(`  missing ${id}: `);
  });

  it('asks the control API for the merchant given with --merchant, and for the first merchant without', async () => {
    const command = UAT_COMMANDS.find((c) => c.name === 'uat status')!;
    const asked: string[] = [];
    const cli = {
      extensions: [],
      control: async (_flags: Flags, method: string, path: string, body: unknown) => {
        asked.push(`${method} ${path} ${JSON.stringify(body ?? null)}`);
        return 0;
      },
    };
    await command.run({ merchant: '216620000090000000001', reset: false }, cli);
    await command.run({ reset: false }, cli);
    await command.run({ merchant: '216620000090000000001', reset: true }, cli);
    expect(asked).toEqual([
      'GET /uat/status?merchant=216620000090000000001 null',
      'GET /uat/status null',
      'POST /uat/reset {"merchant":"216620000090000000001"}',
    ]);
  });
});

describe('how to trigger a case', () => {
  it('is read from classify: the call, the conditions on its request and the code it must answer', () => {
    expect(
      howToTrigger({
        classify: { endpoint: 'transferToDana', code: '4033802', when: [{ field: 'amount.value', op: 'eq', value: '1000001.00' }] },
      }),
    ).toBe('call transferToDana with amount.value = "1000001.00" so that it answers 4033802');
    expect(howToTrigger({ classify: { notification: 'finishNotify', outcome: 'rejected' } })).toBe(
      'receive a finishNotify your notify URL rejects',
    );
    expect(
      howToTrigger({ hint: 'pay the order at the cashier, then cancel it', classify: { endpoint: 'cancelOrder', code: '2005700' } }),
    ).toBe('pay the order at the cashier, then cancel it');
  });

  it('exists for every case file that live progress recognises', () => {
    for (const c of loadCases().filter((c) => c.classify)) expect(howToTrigger(c), c.id).toMatch(/^(call|receive) /);
  });
});

describe("a UAT run's own traffic in uat status", () => {
  it('is not counted while its run window is open, nor ever when tagged X-Dana-Sim-Run', async () => {
    const { t, call, topUpCovered } = await progressSim();
    const { runId } = (await call('POST', '/uat/runs', { merchant: t.merchantId })) as { runId: string };
    await t.snap(PATHS.topUp, topUpBody());
    expect(await topUpCovered()).toBe(0);
    expect(((await call('GET', '/uat/status')) as UatStatus).runInProgress).toBe(true);
    expect(await call('POST', '/uat/runs/close', { runId })).toEqual({ closed: true });

    await t.snap(PATHS.topUp, topUpBody(), (r) => ({ ...r, headers: { ...r.headers, 'x-dana-sim-run': runId } }));
    expect(await topUpCovered()).toBe(0);
    await t.snap(PATHS.topUp, topUpBody());
    expect(await topUpCovered()).toBe(1);
  });

  it("does not count a notification for one of the run's orders, even one that arrives after the run", async () => {
    const progress = uatProgress();
    const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), extensions: [progress] });
    const partnerId = t.credentials.partnerId;
    const observe = progress.observe!;
    const rejectedNotifyCovered = async () => {
      const reply = await controlCall(t.sim, 'GET', '/__sim/uat/status', '');
      return (JSON.parse(reply.body) as UatStatus).groups.flatMap((g) => [...g.missing]).includes('InternalServerErrorNotify');
    };
    const order = (reference: string) => ({ partnerReferenceNo: reference, amount: { value: '11012.00', currency: 'IDR' } });
    const notify = (reference: string) => ({
      originalPartnerReferenceNo: reference,
      amount: { value: '11012.00', currency: 'IDR' },
      latestTransactionStatus: '00',
    });
    const base = { endpoint: 'createOrder', path: '/payment-gateway/v1.0/debit/payment-host-to-host.htm', partnerId, code: '2005400' };
    observe.request!(t.sim.runtime, { ...base, body: order('run-order'), reply: {}, run: 'uat-run-1' });
    observe.notification!(t.sim.runtime, { kind: 'finishNotify', partnerId, body: notify('run-order'), acknowledged: false });
    expect(await rejectedNotifyCovered()).toBe(true); // still missing
    observe.request!(t.sim.runtime, { ...base, body: order('own-order'), reply: {} });
    observe.notification!(t.sim.runtime, { kind: 'finishNotify', partnerId, body: notify('own-order'), acknowledged: false });
    expect(await rejectedNotifyCovered()).toBe(false);
  });
});
