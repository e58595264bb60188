import { describe, expect, it } from 'vitest';
import { SANDBOX_RULES } from '../../contracts/sandbox-rules.ts';
import { PATHS, controlCall, createTestSimulator, topUpBody, topUpDeposit, type TestSimulator } from '../../test/helpers.ts';

// The sandbox rule set switched off and on, and user rules edited in place, through the control API.

const call = async (t: TestSimulator, method: string, path: string, body?: unknown) => {
  const reply = await controlCall(t.sim, method, path, body === undefined ? '' : JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.body) };
};
const ids = async (t: TestSimulator, source?: string) =>
  ((await call(t, 'GET', `/__sim/faults${source ? `?source=${source}` : ''}`)).body as { id: string }[]).map((rule) => rule.id);
const frozenTopUp = async (t: TestSimulator, partnerReferenceNo: string) =>
  (await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo, customerNumber: '628996647679' }))).body.responseCode;

describe('POST /__sim/faults/sandbox', () => {
  it("switches DANA's magic values off and back on with the same ids and order, after the user's rules", async () => {
    const t = await createTestSimulator({ background: false });
    topUpDeposit(t.sim, '1000000.00');
    const atStart = await ids(t);
    expect(atStart).toEqual(SANDBOX_RULES.map((rule) => rule.id));
    expect(await call(t, 'GET', '/__sim/faults/sandbox')).toEqual({ status: 200, body: { enabled: true, rules: SANDBOX_RULES.length } });
    expect(await frozenTopUp(t, 'frozen-1')).toBe('4033805');

    expect((await call(t, 'POST', '/__sim/faults/sandbox', { enabled: false })).body).toEqual({ enabled: false, rules: 0 });
    expect(await ids(t, 'sandbox')).toEqual([]);
    expect(await call(t, 'GET', '/__sim/faults/sandbox')).toMatchObject({ body: { enabled: false, rules: 0 } });
    expect(await frozenTopUp(t, 'frozen-2')).toBe('2003800');

    await call(t, 'POST', '/__sim/faults', {
      id: 'mine',
      endpoint: 'transferToDana',
      effect: { result: 'GENERAL_ERROR' },
      when: [{ field: 'amount.value', op: 'eq', value: '9.99' }],
    });
    expect((await call(t, 'POST', '/__sim/faults/sandbox', { enabled: true })).body).toEqual({
      enabled: true,
      rules: SANDBOX_RULES.length,
    });
    expect(await ids(t)).toEqual(['mine', ...atStart]);
    expect(await frozenTopUp(t, 'frozen-3')).toBe('4033805');
    // On again while on: nothing moves, and the rules keep what they counted.
    await call(t, 'POST', '/__sim/faults/sandbox', { enabled: true });
    expect(await ids(t)).toEqual(['mine', ...atStart]);
    const frozen = ((await call(t, 'GET', '/__sim/faults?source=sandbox')).body as { id: string; fired: number }[]).find(
      (rule) => rule.id === 'sandbox.topup.frozen',
    );
    expect(frozen?.fired).toBe(1);

    expect((await call(t, 'POST', '/__sim/faults/sandbox', { enabled: 'yes' })).body).toEqual({ error: 'enabled must be true or false' });
    await t.sim.close();
  });

  it('turns the set on in a simulator started without it', async () => {
    const t = await createTestSimulator({ background: false, sandboxRules: false });
    expect((await call(t, 'GET', '/__sim/faults/sandbox')).body).toEqual({ enabled: false, rules: 0 });
    await call(t, 'POST', '/__sim/faults/sandbox', { enabled: true });
    expect(await ids(t, 'sandbox')).toEqual(SANDBOX_RULES.map((rule) => rule.id));
    await t.sim.close();
  });
});

describe('POST /__sim/faults/update', () => {
  it('replaces a user rule keeping its id and place, checked as POST /faults checks a rule', async () => {
    const t = await createTestSimulator({ background: false });
    topUpDeposit(t.sim, '1000000.00');
    const rule = (value: string, result: string) => ({
      endpoint: 'transferToDana',
      when: [{ field: 'amount.value', op: 'eq', value }],
      effect: { result },
    });
    await call(t, 'POST', '/__sim/faults', {
      rules: [
        { id: 'first', ...rule('1.11', 'GENERAL_ERROR') },
        rule('2.22', 'GENERAL_ERROR'),
        { id: 'last', ...rule('3.33', 'GENERAL_ERROR') },
      ],
    });
    const before = await ids(t, 'user');
    const second = before[1]!;

    const updated = await call(t, 'POST', '/__sim/faults/update', { id: second, rule: rule('5.55', 'INTERNAL_SERVER_ERROR') });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: second,
      source: 'user',
      endpoint: 'transferToDana',
      effect: { kind: 'result', result: 'INTERNAL_SERVER_ERROR' },
      matched: 0,
      fired: 0,
    });
    expect(await ids(t, 'user')).toEqual(before);
    const topUp = (value: string, ref: string) =>
      t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: ref, amount: { value, currency: 'IDR' } }));
    expect((await topUp('5.55', 'u-1')).body.responseCode).toBe('5003801');
    expect((await topUp('2.22', 'u-2')).body.responseCode).toBe('2003800');

    const refused = async (body: unknown) => {
      const reply = await call(t, 'POST', '/__sim/faults/update', body);
      expect(reply.status).toBe(400);
      return reply.body.error as string;
    };
    expect(await refused({ id: second, rule: { endpoint: 'nope', effect: { result: 'GENERAL_ERROR' } } })).toMatch(
      /^unknown endpoint "nope"/,
    );
    expect(await refused({ id: 'ghost', rule: rule('1.00', 'GENERAL_ERROR') })).toBe(
      `no user rule "ghost"; user rule ids: first, ${second}, last`,
    );
    expect(await refused({ id: 'sandbox.topup.frozen', rule: rule('1.00', 'GENERAL_ERROR') })).toMatch(
      /is a sandbox rule: switch the sandbox set off instead/,
    );
    expect(await refused({ id: 'first', rule: { id: 'renamed', ...rule('1.00', 'GENERAL_ERROR') } })).toMatch(/keeps its id first/);
    expect(await refused({ id: 'first', rule: 'GENERAL_ERROR' })).toBe('rule must be a rule object, as POST /faults takes');
    expect(await refused({ rule: rule('1.00', 'GENERAL_ERROR') })).toBe('id is required');
    // The refused edits changed nothing.
    expect(await ids(t, 'user')).toEqual(before);
    expect(
      (await call(t, 'POST', '/__sim/faults/update', { id: 'first', rule: { id: 'first', ...rule('1.00', 'GENERAL_ERROR') } })).body.id,
    ).toBe('first');
    await t.sim.close();
  });
});
