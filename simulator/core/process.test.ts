import { describe, expect, it } from 'vitest';
import { PATHS, createTestSimulator, topUpBody, transferBody, vaInquiryBody } from '../../test/helpers.ts';
import type { SnapEndpoint } from '../../contracts/common/endpoint.ts';
import { mandatory, optional } from '../../contracts/common/fields.ts';
import type { EffectInput } from '../../contracts/common/rule.ts';
import { Database, POSTINGS } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { snapRequest } from '../signature/client.ts';
import { TRANSACTIONS, recordKey, type TransactionRecord } from './idempotency.ts';
import { runPipeline, type PipelineDeps } from './pipeline.ts';
import { runHandler } from './process.ts';
import { fail, ok } from './result.ts';
import { route, type Handler, type RequestContext, type Services } from './route.ts';

// process.ts through the pipeline, with a recording sleep so waits are asserted by value, never by time.

type TestSim = Awaited<ReturnType<typeof createTestSimulator>>;

function harness(t: TestSim, onSleep?: (ms: number) => Promise<void>) {
  const sleeps: number[] = [];
  const base = (t.sim as unknown as { deps: PipelineDeps }).deps;
  const deps: PipelineDeps = {
    ...base,
    sleep: async (ms) => {
      sleeps.push(ms);
      await onSleep?.(ms);
    },
  };
  const send = (path: string, body: unknown) => runPipeline(deps, snapRequest({ path, body, credentials: t.credentials }));
  const seeded = t.sim.runtime.db.size(POSTINGS);
  return { deps, sleeps, send, newPostings: () => t.sim.runtime.db.size(POSTINGS) - seeded };
}

const topUpRecord = (t: TestSim, ref: string) =>
  t.sim.runtime.db.get<TransactionRecord>(TRANSACTIONS, recordKey('topUp', t.credentials.partnerId, ref));
const rule = (t: TestSim, effect: EffectInput, endpoint = 'transferToDana') => t.sim.rules.add({ endpoint, effect, times: 1 });

describe('process: faults before the handler', () => {
  it('times out before commit: holds for the given time, closes, and leaves no transaction', async () => {
    const t = await createTestSimulator();
    const { send, sleeps, newPostings } = harness(t);
    rule(t, { timeout: 'before-commit', holdMs: 70 });
    const body = topUpBody();
    const reply = await send(PATHS.topUp, body);
    expect(reply).toEqual({ status: 0, headers: {}, body: '', drop: 'close' });
    expect(sleeps).toEqual([70]);
    expect(newPostings()).toBe(0);
    expect(topUpRecord(t, body.partnerReferenceNo)).toBeUndefined();
  });

  it('holds past the client timeout by default (timeout plus a margin)', async () => {
    const t = await createTestSimulator({ clientTimeoutMs: 100 });
    const { send, sleeps } = harness(t);
    rule(t, { timeout: 'before-commit' });
    await send(PATHS.topUp, topUpBody());
    expect(sleeps).toEqual([200]);
  });

  it("holds past the endpoint's documented timeout when the simulator sets no client timeout", async () => {
    const t = await createTestSimulator({ clientTimeoutMs: undefined });
    const { send, sleeps } = harness(t);
    rule(t, { timeout: 'before-commit' });
    await send(PATHS.topUp, topUpBody());
    expect(sleeps).toEqual([9000]);
  });

  it('resets or closes the connection for network faults without committing', async () => {
    const t = await createTestSimulator();
    const { send, sleeps, newPostings } = harness(t);
    rule(t, { network: 'reset' });
    expect(await send(PATHS.topUp, topUpBody())).toMatchObject({ status: 0, drop: 'reset' });
    rule(t, { network: 'empty-reply' });
    expect(await send(PATHS.topUp, topUpBody())).toMatchObject({ status: 0, drop: 'close' });
    expect(sleeps).toEqual([]);
    expect(newPostings()).toBe(0);
  });

  it('answers a gateway page without committing', async () => {
    const t = await createTestSimulator();
    const { send, newPostings } = harness(t);
    rule(t, { gateway: 502, delayMs: 40 });
    const reply = await send(PATHS.topUp, topUpBody());
    expect(reply.status).toBe(502);
    expect(reply.headers).toEqual({ 'content-type': 'text/html' });
    expect(newPostings()).toBe(0);
  });

  it('waits the rule latency, then processes normally', async () => {
    const t = await createTestSimulator();
    const { send, sleeps, newPostings } = harness(t);
    rule(t, { delayMs: 40 });
    const reply = await send(PATHS.topUp, topUpBody());
    expect(sleeps).toEqual([40]);
    expect(JSON.parse(reply.body).responseCode).toBe('2003800');
    expect(newPostings()).toBe(1);
  });

  it('replays what an identical request committed while this one waited, and commits nothing itself', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    let sibling: Awaited<ReturnType<typeof runPipeline>> | undefined;
    const h = harness(t, async () => {
      sibling = await runPipeline(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    });
    const base = h.deps;
    rule(t, { delayMs: 40 });
    const reply = await h.send(PATHS.topUp, body);
    expect(JSON.parse(sibling!.body).responseCode).toBe('2003800');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual(JSON.parse(sibling!.body));
    expect(h.newPostings()).toBe(1);
    expect(t.sim.log.since().at(-1)).toMatchObject({ effect: 'latency', ledgerChanged: false });
  });

  it('answers a rule result as a failure, recording a business rejection as failed (06)', async () => {
    const t = await createTestSimulator();
    const { send, newPostings } = harness(t);
    rule(t, { result: 'INSUFFICIENT_FUNDS', message: 'Not today', fields: { 'additionalInfo.reason': 'rule' } });
    const body = topUpBody();
    const reply = await send(PATHS.topUp, body);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({
      responseCode: '4033814',
      responseMessage: 'Not today',
      partnerReferenceNo: body.partnerReferenceNo,
      additionalInfo: { reason: 'rule' },
    });
    expect(newPostings()).toBe(0);
    expect(topUpRecord(t, body.partnerReferenceNo)).toMatchObject({
      family: 'topUp',
      partnerId: t.credentials.partnerId,
      partnerReferenceNo: body.partnerReferenceNo,
      status: '06',
      amount: body.amount,
    });
  });

  it('leaves no record for a request-level rejection from a rule, so the retry is processed afresh', async () => {
    const t = await createTestSimulator();
    const { send } = harness(t);
    rule(t, { result: 'TOO_MANY_REQUESTS' });
    const body = topUpBody();
    expect((await send(PATHS.topUp, body)).status).toBe(429);
    expect(topUpRecord(t, body.partnerReferenceNo)).toBeUndefined();
    expect(JSON.parse((await send(PATHS.topUp, body)).body).responseCode).toBe('2003800');
  });
});

describe('process: idempotency', () => {
  it('answers an identical retry of a recorded failure with General Error on top up', async () => {
    const t = await createTestSimulator();
    const { send } = harness(t);
    rule(t, { result: 'DO_NOT_HONOR' });
    const body = topUpBody();
    expect((await send(PATHS.topUp, body)).status).toBe(403);
    const retry = await send(PATHS.topUp, body);
    expect(retry.status).toBe(500);
    expect(JSON.parse(retry.body)).toMatchObject({ responseCode: '5003800', responseMessage: 'General Error' });
  });

  it('replays a recorded failure verbatim where the endpoint keeps the original reply', async () => {
    const t = await createTestSimulator();
    const { send } = harness(t);
    rule(t, { result: 'SUSPECTED_FRAUD' }, 'transferToBank');
    const body = transferBody();
    const first = await send(PATHS.transfer, body);
    expect(first.status).toBe(403);
    const retry = await send(PATHS.transfer, body);
    expect(retry.status).toBe(403);
    expect(JSON.parse(retry.body)).toEqual(JSON.parse(first.body));
  });

  it('rejects a changed retry with Inconsistent Request before any rule fires', async () => {
    const t = await createTestSimulator();
    const { send, newPostings } = harness(t);
    const body = topUpBody();
    await send(PATHS.topUp, body);
    const fired = rule(t, { result: 'DO_NOT_HONOR' });
    const changed = await send(PATHS.topUp, { ...body, amount: { value: '2.00', currency: 'IDR' } });
    expect(changed.status).toBe(404);
    expect(JSON.parse(changed.body)).toMatchObject({ responseCode: '4043818', responseMessage: 'Inconsistent Request' });
    expect(t.sim.rules.list().map((r) => r.id)).toContain(fired.id);
    expect(newPostings()).toBe(1);
  });

  it('keeps no record of a rejection where the contract says so (VA inquiry)', async () => {
    const t = await createTestSimulator();
    rule(t, { result: 'INVALID_BILL' }, 'vaInquiry');
    const body = vaInquiryBody(t.bank.partnerServiceId, '99999');
    expect((await t.bank.snap(PATHS.vaInquiry, body)).status).toBe(404);
    const records = t.sim.runtime.db.get(TRANSACTIONS, recordKey('vaInquiry', t.bank.credentials.partnerId, body.inquiryRequestId));
    expect(records).toBeUndefined();
  });
});

describe('process: faults after the handler', () => {
  it('commits, then drops the reply with a reset and no hold', async () => {
    const t = await createTestSimulator();
    const { send, sleeps, newPostings } = harness(t);
    rule(t, { lostResponse: 'drop' });
    const body = topUpBody();
    expect(await send(PATHS.topUp, body)).toEqual({ status: 0, headers: {}, body: '', drop: 'reset' });
    expect(sleeps).toEqual([]);
    expect(newPostings()).toBe(1);
    expect(topUpRecord(t, body.partnerReferenceNo)?.status).toBe('00');
    expect(t.sim.log.since().at(-1)).toMatchObject({ code: 'dropped', effect: 'lost-response', ledgerChanged: true });
  });

  it('commits, then holds the reply for the given time and closes', async () => {
    const t = await createTestSimulator();
    const { send, sleeps, newPostings } = harness(t);
    rule(t, { lostResponse: 'hold', holdMs: 55 });
    expect(await send(PATHS.topUp, topUpBody())).toMatchObject({ status: 0, drop: 'close' });
    expect(sleeps).toEqual([55]);
    expect(newPostings()).toBe(1);
  });

  it('commits, then cuts the reply body for malformed-json', async () => {
    const t = await createTestSimulator();
    const { send, newPostings } = harness(t);
    rule(t, { network: 'malformed-json' });
    const reply = await send(PATHS.topUp, topUpBody());
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.body)).toThrow();
    expect(newPostings()).toBe(1);
  });
});

describe('runHandler', () => {
  const contract = {
    envelope: 'snap',
    key: 'pay',
    title: 'Pay',
    paths: ['/pay'],
    timeoutMs: 1,
    serviceCode: '99',
    resultKeys: [],
    request: { partnerReferenceNo: mandatory.string(), amount: mandatory.money(), note: optional.string() },
    idempotency: { family: 'pay', keyField: 'partnerReferenceNo', compare: ['amount'] },
  } satisfies SnapEndpoint;
  const { idempotency: _, ...notIdempotent } = contract;
  const transfer = (id: string, amountMinor: number) => ({
    id,
    at: 0,
    ref: 'r',
    memo: 'm',
    entries: [
      { account: 'external:a', amountMinor: -amountMinor },
      { account: 'b', amountMinor },
    ],
  });

  async function setup() {
    const db = await Database.open(new MemoryStore());
    const context: RequestContext = {
      client: { kind: 'merchant', partnerId: 'p1', merchantId: 'm1', clientSecret: '', publicKeyPem: '' },
      externalId: 'ext-1',
      now: 42,
      services: { db } as unknown as Services,
      idempotency: { recordKey: 'pay:p1:ref-1', keyValue: 'ref-1', fingerprint: 'f' },
    };
    return { db, context, seq: () => db.snapshot().seq };
  }

  it("hands over the contract's input with minor units, and keeps the returned record with the postings in one commit", async () => {
    const { db, context, seq } = await setup();
    const inputs: unknown[] = [];
    const pay: Handler<typeof contract> = (input, { tx }) => {
      inputs.push(input);
      tx.post(transfer('t1', input.amountMinor));
      return ok({
        reply: { key: 'SUCCESS', fields: { referenceNo: 'R1' } },
        record: { status: '00', referenceNo: 'R1', amount: input.amount },
      });
    };
    const body = { partnerReferenceNo: 'ref-1', amount: { value: '12.34', currency: 'IDR' }, note: null, stray: 1 };
    const reply = { key: 'SUCCESS', fields: { referenceNo: 'R1' } };
    expect(runHandler(route(contract, pay), body, context)).toEqual({ ok: true, value: reply });
    expect(inputs).toEqual([{ partnerReferenceNo: 'ref-1', amount: body.amount, amountMinor: 1_234 }]);
    expect(seq()).toBe(1);
    expect(db.get(POSTINGS, 't1')).toBeDefined();
    expect(db.get(TRANSACTIONS, 'pay:p1:ref-1')).toEqual({
      family: 'pay',
      partnerId: 'p1',
      partnerReferenceNo: 'ref-1',
      externalId: 'ext-1',
      fingerprint: 'f',
      createdAt: 42,
      updatedAt: 42,
      status: '00',
      referenceNo: 'R1',
      amount: body.amount,
      reply: { ok: true, reply },
    });
  });

  it('commits nothing a handler wrote before it failed, and passes the failure on', async () => {
    const { db, context, seq } = await setup();
    const pay: Handler<typeof contract> = (input, { tx }) => {
      tx.post(transfer('t1', input.amountMinor));
      return fail('INSUFFICIENT_FUNDS');
    };
    expect(runHandler(route(contract, pay), { partnerReferenceNo: 'ref-1', amount: { value: '1.00', currency: 'IDR' } }, context)).toEqual({
      ok: false,
      failure: { key: 'INSUFFICIENT_FUNDS' },
    });
    expect(seq()).toBe(0);
    expect(db.get(POSTINGS, 't1')).toBeUndefined();
  });

  it('refuses, as bugs that commit nothing, an idempotent success without its record and a record from an endpoint without idempotency', async () => {
    const { db, context, seq } = await setup();
    const body = { partnerReferenceNo: 'ref-1', amount: { value: '1.00', currency: 'IDR' } };
    const withoutRecord: Handler<typeof contract> = (input, { tx }) => {
      tx.post(transfer('t1', input.amountMinor));
      return ok({ reply: { key: 'SUCCESS', fields: {} } });
    };
    expect(() => runHandler(route(contract, withoutRecord), body, context)).toThrow(
      'pay succeeded without the transaction record its retries replay',
    );
    const withRecord: Handler<typeof notIdempotent> = () => ok({ reply: { key: 'SUCCESS', fields: {} }, record: { status: '00' } });
    expect(() => runHandler(route(notIdempotent, withRecord), body, context)).toThrow(
      'pay is not idempotent, yet its handler returned a transaction record',
    );
    expect(seq()).toBe(0);
    expect(db.get(TRANSACTIONS, 'pay:p1:ref-1')).toBeUndefined();
  });
});
