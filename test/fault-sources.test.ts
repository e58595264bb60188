import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dana, FetchError } from 'dana-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startMswSimulator } from '../simulator/adapters/msw.ts';
import { addRules, readRuleFile } from '../simulator/faults/rule-file.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { controlCall, createTestSimulator, PATHS, testKeys, topUpBody, VALID_CUSTOMER } from './helpers.ts';

// Where rules come from (control API, rule files, the per-request header, the msw test helper),
// how they take precedence, and how `times` counts under concurrency.

const control = async (t: Awaited<ReturnType<typeof createTestSimulator>>, method: string, path: string, body?: unknown) => {
  const reply = await controlCall(t.sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.body) };
};

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('rule sources', () => {
  it('control API: a SYSTEM_ERROR rule with times 1 makes exactly the next balance check fail (U 00000900)', async () => {
    const t = await createTestSimulator();
    const added = await control(t, 'POST', '/faults', { endpoint: 'queryMerchantResource', effect: { result: 'SYSTEM_ERROR' }, times: 1 });
    expect(added.status).toBe(200);
    expect((await t.balanceCheck()).body.response.body.resultInfo).toMatchObject({
      resultStatus: 'U',
      resultCodeId: '00000900',
      resultCode: 'SYSTEM_ERROR',
    });
    expect((await t.balanceCheck()).body.response.body.resultInfo.resultStatus).toBe('S');
    expect((await control(t, 'GET', '/faults?source=user')).body).toEqual([]);
  });

  it('control API: refuses a bad rule with a message, lists and clears user rules but keeps the sandbox ones', async () => {
    const t = await createTestSimulator();
    const bad = await control(t, 'POST', '/faults', { endpoint: 'transferToDana', effect: { result: 'NOT_A_CODE' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('not a failure of transferToDana');
    await control(t, 'POST', '/faults', {
      rules: [
        { id: 'a', endpoint: '*', effect: { delayMs: 1 } },
        { id: 'b', endpoint: 'transferToDana', effect: { result: 'GENERAL_ERROR' } },
      ],
    });
    expect((await control(t, 'GET', '/faults?source=user')).body.map((r: { id: string }) => r.id)).toEqual(['a', 'b']);
    expect((await control(t, 'POST', '/faults/clear', { id: 'a' })).body).toEqual({ removed: 1 });
    expect((await control(t, 'POST', '/faults/clear', {})).body).toEqual({ removed: 1 });
    expect((await control(t, 'GET', '/faults?source=sandbox')).body.length).toBeGreaterThanOrEqual(14);
  });

  it('control API: takes the kind shape and spec strings, and lists rules so a listed rule can be posted again', async () => {
    const t = await createTestSimulator();
    await control(t, 'POST', '/faults', {
      rules: [
        { id: 'a', endpoint: 'transferToDana', effect: { kind: 'gateway', gateway: 503 } },
        { id: 'b', endpoint: 'transferToDana', effect: 'GENERAL_ERROR delay=1' },
      ],
    });
    const listed = (await control(t, 'GET', '/faults?source=user')).body;
    expect(listed.map((r: { effect: unknown }) => r.effect)).toEqual([
      { kind: 'gateway', gateway: 503 },
      { kind: 'result', result: 'GENERAL_ERROR', delayMs: 1 },
    ]);
    await control(t, 'POST', '/faults/clear', {});
    expect(
      (
        await control(t, 'POST', '/faults', {
          rules: listed.map(({ id, endpoint, effect }: { id: string; endpoint: string; effect: unknown }) => ({ id, endpoint, effect })),
        })
      ).status,
    ).toBe(200);
    expect((await t.sim.handle(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }))).status).toBe(503);
    const bad = await control(t, 'POST', '/faults', { endpoint: 'transferToDana', effect: 'gateway=500' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'gateway must be one of 502, 503, 504; got "500"' } });
  });

  it('rule files: JSON and YAML load; a file with one bad rule is refused whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dana-sim-rules-'));
    await writeFile(
      join(dir, 'rules.yaml'),
      'rules:\n  - id: my-magic\n    endpoint: transferToDana\n    when: [{ field: customerNumber, op: eq, value: "628000000099" }]\n    effect: { result: DO_NOT_HONOR }\n',
    );
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify([
        { id: 'ok', endpoint: '*', effect: { delayMs: 1 } },
        { endpoint: 'nope', effect: { delayMs: 1 } },
      ]),
    );
    const t = await createTestSimulator();
    addRules(t.sim.rules, await readRuleFile(join(dir, 'rules.yaml')), 'rules.yaml');
    expect((await t.snap(PATHS.topUp, topUpBody({ customerNumber: '628000000099' }))).body.responseCode).toBe('4033805');
    expect(() =>
      addRules(
        t.sim.rules,
        [
          { id: 'ok', endpoint: '*', effect: { delayMs: 1 } },
          { endpoint: 'nope', effect: { delayMs: 1 } },
        ],
        'bad.json',
      ),
    ).toThrow(/bad.json, rule 2: unknown endpoint "nope"/);
    await expect(readRuleFile(join(dir, 'bad.json'))).resolves.toHaveLength(2);
    expect(t.sim.rules.list('user').map((r) => r.id)).toEqual(['my-magic']);
  });

  it('the X-Sim-Fault header is ignored unless allowed, then applies to that request only', async () => {
    const off = await createTestSimulator();
    const withHeader = (value: string) => (request: { headers: Record<string, string> }) => ({
      ...request,
      headers: { ...request.headers, 'x-sim-fault': value },
    });
    expect((await off.snap(PATHS.topUp, topUpBody(), withHeader('GENERAL_ERROR') as never)).body.responseCode).toBe('2003800');
    const on = await createTestSimulator({ allowFaultHeader: true });
    expect((await on.snap(PATHS.topUp, topUpBody(), withHeader('GENERAL_ERROR') as never)).body.responseCode).toBe('5003800');
    expect((await on.snap(PATHS.topUp, topUpBody())).body.responseCode).toBe('2003800');
    expect((await on.snap(PATHS.topUp, topUpBody(), withHeader('SYSTEM_ERROR') as never)).body).toMatchObject({
      responseCode: '4003800',
      responseMessage: expect.stringContaining('X-Sim-Fault'),
    });
    const log = on.sim.log.since(0);
    expect(log.find((entry) => entry.rule === 'X-Sim-Fault header')).toMatchObject({
      effect: 'result',
      code: '5003800',
      ledgerChanged: false,
    });
  });
});

describe('precedence and counting', () => {
  it('a user rule beats a sandbox magic value for the same request', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({
      endpoint: 'transferToDana',
      when: [{ field: 'customerNumber', op: 'eq', value: '628996647679' }],
      effect: { result: 'GENERAL_ERROR' },
    });
    expect((await t.snap(PATHS.topUp, topUpBody({ customerNumber: '628996647679' }))).body.responseCode).toBe('5003800');
  });

  it('`times: 3` fires exactly three times across 20 concurrent requests', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { result: 'INTERNAL_SERVER_ERROR', delayMs: 5 }, times: 3 });
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.snap(PATHS.topUp, topUpBody())));
    const codes = replies.map((reply) => reply.body.responseCode);
    expect(codes.filter((code) => code === '5003801')).toHaveLength(3);
    expect(codes.filter((code) => code === '2003800')).toHaveLength(17);
  });

  it('`nth` and `probability` are deterministic for a seed', async () => {
    const run = async () => {
      const t = await createTestSimulator({ seed: 'same' });
      t.sim.rules.add({ endpoint: 'transferToDana', effect: { result: 'GENERAL_ERROR' }, probability: 0.5 });
      const codes: string[] = [];
      for (let i = 0; i < 12; i++) codes.push((await t.snap(PATHS.topUp, topUpBody())).body.responseCode);
      return codes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });
});

describe('the official dana-node SDK under faults (msw)', () => {
  it('sees a real client timeout, and a network error for a lost response whose top up then shows as done', async () => {
    const { dana: danaKeys, merchant } = testKeys();
    const sim = await startMswSimulator({ danaKeys, merchant: { privateKeyPem: merchant.privateKeyPem }, seed: 'faults' });
    try {
      const dana = new Dana({
        partnerId: sim.env.X_PARTNER_ID,
        privateKey: sim.env.PRIVATE_KEY,
        origin: sim.env.ORIGIN,
        clientSecret: sim.env.CLIENT_SECRET,
        env: 'sandbox',
      });
      const request = (ref: string) => ({
        partnerReferenceNo: ref,
        customerNumber: VALID_CUSTOMER,
        amount: { value: '1.00', currency: 'IDR' },
        feeAmount: { value: '1.00', currency: 'IDR' },
        additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
      });
      sim.faults.add({ endpoint: 'transferToDana', effect: { delayMs: 1000 }, times: 1 });
      const slow = await dana.disbursementApi
        .transferToDana(request('slow-1'), { signal: AbortSignal.timeout(200) })
        .catch((error: unknown) => error);
      expect(slow).toBeInstanceOf(Error);
      expect(String((slow as Error).name) + String((slow as FetchError).cause?.name ?? '')).toMatch(/TimeoutError|AbortError|FetchError/);
      sim.faults.clear();

      sim.faults.add({ endpoint: 'transferToDana', effect: { lostResponse: 'drop' }, times: 1 });
      const lost = await dana.disbursementApi.transferToDana(request('lost-1')).catch((error: unknown) => error);
      expect(lost).toBeInstanceOf(FetchError);
      const status = await dana.disbursementApi.transferToDanaInquiryStatus({ originalPartnerReferenceNo: 'lost-1', serviceCode: '38' });
      expect(status.latestTransactionStatus).toBe('00');
      const replay = await dana.disbursementApi.transferToDana(request('lost-1'));
      expect(replay.referenceNo).toBe(status.originalReferenceNo);
    } finally {
      await sim.close();
    }
  });
});
