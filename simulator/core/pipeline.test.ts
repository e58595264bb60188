import { describe, expect, it } from 'vitest';
import { PATHS, bniRequest, createTestSimulator, inquiryBody, topUpBody } from '../../test/helpers.ts';
import { openApiRequest, snapRequest } from '../signature/client.ts';
import { MemoryStore } from '../ledger/store.ts';
import { SimulatorClock } from '../clock/clock.ts';
import type { SimRequest } from './envelopes/snap.ts';
import { runPipeline, type PipelineDeps } from './pipeline.ts';

// The pipeline through the in-memory simulator: what it logs, how it treats the fault header, and the
// replies for requests it cannot serve.

const lastLog = (t: Awaited<ReturnType<typeof createTestSimulator>>) => t.sim.log.since().at(-1)!;

describe('runPipeline request log', () => {
  it('logs an unknown route as a 404 without endpoint or partner', async () => {
    const t = await createTestSimulator();
    const reply = await t.sim.handle({ method: 'GET', path: '/nowhere', headers: {}, body: '' });
    expect(reply.status).toBe(404);
    expect(lastLog(t)).toMatchObject({
      method: 'GET',
      path: '/nowhere',
      endpoint: undefined,
      partnerId: undefined,
      httpStatus: 404,
      code: '4040000',
      reason: 'No endpoint serves GET /nowhere.',
      ledgerChanged: false,
    });
  });

  it('logs a served request with endpoint, partner, code and whether money moved', async () => {
    const t = await createTestSimulator({ clock: SimulatorClock.frozen(Date.UTC(2030, 4, 1, 3, 4, 5, 6)) });
    const reply = await t.snap(PATHS.topUp, topUpBody());
    expect(reply.body.responseCode).toBe('2003800');
    const entry = lastLog(t);
    expect(entry).toMatchObject({
      method: 'POST',
      path: PATHS.topUp,
      endpoint: 'transferToDana',
      partnerId: t.credentials.partnerId,
      httpStatus: 200,
      code: '2003800',
      ledgerChanged: true,
    });
    expect(entry.rule).toBeUndefined();
    expect(entry.effect).toBeUndefined();
    expect(entry.at).toBe('2030-05-01T10:04:05.006+07:00');
    expect(entry.atMs).toBe(Date.UTC(2030, 4, 1, 3, 4, 5, 6));
  });

  it('logs how long the request took, within the time the call took', async () => {
    const t = await createTestSimulator();
    const before = performance.now();
    await t.snap(PATHS.topUp, topUpBody());
    const spent = performance.now() - before;
    expect(lastLog(t).durationMs).toBeGreaterThanOrEqual(0);
    expect(lastLog(t).durationMs).toBeLessThanOrEqual(Math.ceil(spent));
  });

  it('logs an accepted request that moved no money', async () => {
    const t = await createTestSimulator();
    const reply = await t.snap(PATHS.inquiry, inquiryBody());
    expect(reply.status).toBe(200);
    expect(lastLog(t)).toMatchObject({ endpoint: 'danaAccountInquiry', httpStatus: 200, ledgerChanged: false });
  });

  it('logs a replayed retry with no money moved', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    await t.snap(PATHS.topUp, body);
    expect(lastLog(t).ledgerChanged).toBe(true);
    await t.snap(PATHS.topUp, body);
    expect(lastLog(t)).toMatchObject({ code: '2003800', ledgerChanged: false });
  });

  it('logs a timeout before commit with no money moved', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { timeout: 'before-commit', holdMs: 0 }, times: 1 });
    await t.sim.handle(signedTopUp(t));
    expect(lastLog(t)).toMatchObject({ code: 'dropped', effect: 'timeout', ledgerChanged: false });
  });

  it('logs a rejected request with no money moved', async () => {
    const t = await createTestSimulator();
    await t.snap(PATHS.topUp, topUpBody({ amount: { value: '1', currency: 'IDR' } }));
    expect(lastLog(t)).toMatchObject({ endpoint: 'transferToDana', httpStatus: 400, code: '4003801', ledgerChanged: false });
  });

  it('logs an authentication failure with its endpoint, code, the partner it named and why', async () => {
    const t = await createTestSimulator();
    const reply = await t.snap(PATHS.topUp, topUpBody(), (r) => ({ ...r, headers: { ...r.headers, 'x-signature': 'bad' } }));
    expect(reply.status).toBe(401);
    expect(lastLog(t)).toMatchObject({
      endpoint: 'transferToDana',
      partnerId: t.sim.parties.defaultMerchant().partnerId,
      httpStatus: 401,
      code: '4013800',
      ledgerChanged: false,
      diagnosis: { scheme: 'SNAP RSA', mistake: { kind: 'not-base64' } },
    });
    expect(lastLog(t).reason).toMatch(/^INVALID_SIGNATURE \(SNAP RSA, checked with .*X-SIGNATURE is not canonical base64/);
  });

  it('logs the rule that fired and its effect kind', async () => {
    const t = await createTestSimulator();
    const rule = t.sim.rules.add({ endpoint: 'transferToDana', effect: { result: 'DO_NOT_HONOR' }, times: 1 });
    const reply = await t.snap(PATHS.topUp, topUpBody());
    expect(reply.status).toBe(403);
    expect(lastLog(t)).toMatchObject({ code: '4033805', rule: rule.id, effect: 'result', ledgerChanged: false });
  });

  it('logs a dropped connection as dropped, status 0', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { network: 'reset' }, times: 1 });
    const reply = await t.sim.handle(signedTopUp(t));
    expect(reply).toMatchObject({ status: 0, body: '', drop: 'reset' });
    expect(lastLog(t)).toMatchObject({ httpStatus: 0, code: 'dropped', effect: 'network', ledgerChanged: false });
    expect(lastLog(t).reason).toMatch(/^Rule ".+" fired \(network\)\.$/);
  });

  it('logs the Open API resultCode and the BNI status as the code', async () => {
    const t = await createTestSimulator();
    await t.balanceCheck();
    expect(lastLog(t)).toMatchObject({
      endpoint: 'queryMerchantResource',
      httpStatus: 200,
      code: 'SUCCESS',
      partnerId: t.credentials.partnerId,
    });
    await t.sim.handle(bniRequest(t.sim, {}, { ...t.sim.bni(), clientId: 'other' }));
    expect(lastLog(t)).toMatchObject({ endpoint: 'bniDepositTopUp', httpStatus: 200, code: '002' });
  });

  it('logs a gateway page by its HTTP status', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { gateway: 503 }, times: 1 });
    const reply = await t.sim.handle(signedTopUp(t));
    expect(reply.status).toBe(503);
    expect(lastLog(t)).toMatchObject({ httpStatus: 503, code: '503', effect: 'gateway', ledgerChanged: false });
  });
});

function signedTopUp(t: Awaited<ReturnType<typeof createTestSimulator>>): SimRequest {
  return snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });
}

describe('runPipeline fault header', () => {
  it('ignores X-Sim-Fault unless the simulator allows it', async () => {
    const t = await createTestSimulator();
    const reply = await t.snap(PATHS.topUp, topUpBody(), (r) => ({ ...r, headers: { ...r.headers, 'x-sim-fault': 'DO_NOT_HONOR' } }));
    expect(reply.body.responseCode).toBe('2003800');
  });

  it('applies an allowed X-Sim-Fault to that request alone, logged as the header rule', async () => {
    const t = await createTestSimulator({ allowFaultHeader: true });
    const reply = await t.snap(PATHS.topUp, topUpBody(), (r) => ({ ...r, headers: { ...r.headers, 'x-sim-fault': 'DO_NOT_HONOR' } }));
    expect(reply.body.responseCode).toBe('4033805');
    expect(lastLog(t)).toMatchObject({ rule: 'X-Sim-Fault header', effect: 'result' });
    expect((await t.snap(PATHS.topUp, topUpBody())).body.responseCode).toBe('2003800');
  });

  it('reads the header as a spec string, the words the CLI flags use', async () => {
    const t = await createTestSimulator({ allowFaultHeader: true });
    const reply = await t.snap(PATHS.topUp, topUpBody(), (r) => ({
      ...r,
      headers: { ...r.headers, 'x-sim-fault': 'result=DO_NOT_HONOR message="Not today" delay=1' },
    }));
    expect(reply.body).toMatchObject({ responseCode: '4033805', responseMessage: 'Not today' });
    expect(lastLog(t)).toMatchObject({ rule: 'X-Sim-Fault header', effect: 'result' });
  });

  it('answers Bad Request naming the header value and endpoint when it cannot apply', async () => {
    const t = await createTestSimulator({ allowFaultHeader: true });
    const depositBefore = t.deposit();
    for (const value of ['nonsense value', 'PARAM_ILLEGAL']) {
      const reply = await t.snap(PATHS.topUp, topUpBody(), (r) => ({ ...r, headers: { ...r.headers, 'x-sim-fault': value } }));
      expect(reply.status).toBe(400);
      expect(reply.body.responseCode).toBe('4003800');
      expect(reply.body.responseMessage).toBe(`Bad Request X-Sim-Fault: cannot apply "${value}" to transferToDana`);
      expect(lastLog(t)).toMatchObject({ endpoint: 'transferToDana', httpStatus: 400, ledgerChanged: false });
    }
    expect(t.deposit()).toBe(depositBefore);
  });
});

describe('renderRejected', () => {
  it('answers in the endpoint format for SNAP, Open API and BNI paths, and 404 elsewhere', async () => {
    const t = await createTestSimulator();
    const snap = t.sim.unreadable('POST', PATHS.topUp, 'body too large');
    expect(snap.status).toBe(400);
    expect(JSON.parse(snap.body)).toEqual({ responseCode: '4003800', responseMessage: 'Bad Request body too large' });
    const openApi = t.sim.unreadable('POST', PATHS.merchantResource, 'aborted');
    expect(openApi.status).toBe(200);
    expect(JSON.parse(openApi.body).response.body.resultInfo).toMatchObject({
      resultCode: 'MSG_PARSE_ERROR',
      resultMsg: 'message parse error aborted',
    });
    const bni = t.sim.unreadable('POST', '/ifcsupergw/bni/topup/merchant/request.htm', 'aborted');
    expect(JSON.parse(bni.body)).toEqual({ status: '001', message: 'Incomplete/invalid Parameter(s) aborted' });
    const unknown = t.sim.unreadable('POST', '/nowhere', 'aborted');
    expect(unknown.status).toBe(404);
  });
});

describe('runPipeline bugs', () => {
  it('still answers General Error when nobody listens for bugs', async () => {
    class FailingStore extends MemoryStore {
      broken = false;
      override async sync(): Promise<void> {
        if (this.broken) throw new Error('disk gone');
      }
    }
    const store = new FailingStore();
    const t = await createTestSimulator({ store, background: false });
    const deps: PipelineDeps = { ...(t.sim as unknown as { deps: PipelineDeps }).deps, onBug: undefined };
    store.broken = true;
    const reply = await runPipeline(deps, signedTopUp(t));
    store.broken = false;
    expect(reply.status).toBe(500);
  });

  it('keeps the reply when the observer throws and nobody listens for bugs', async () => {
    const t = await createTestSimulator();
    const deps: PipelineDeps = {
      ...(t.sim as unknown as { deps: PipelineDeps }).deps,
      onBug: undefined,
      observe: () => {
        throw new Error('observer broke');
      },
    };
    expect((await runPipeline(deps, signedTopUp(t))).status).toBe(200);
  });

  it('answers General Error and reports the bug with its request when processing throws', async () => {
    class FailingStore extends MemoryStore {
      broken = false;
      override async sync(): Promise<void> {
        if (this.broken) throw new Error('disk gone');
      }
    }
    const store = new FailingStore();
    const bugs: Array<{ error: unknown; path: string }> = [];
    // No background loop: its timer would keep failing on the broken store after the test ends.
    const t = await createTestSimulator({ store, background: false, onBug: (error, request) => bugs.push({ error, path: request.path }) });
    store.broken = true;
    const reply = await t.snap(PATHS.topUp, topUpBody());
    store.broken = false;
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({ responseCode: '5003800', responseMessage: 'General Error' });
    expect(bugs).toHaveLength(1);
    expect(bugs[0].path).toBe(PATHS.topUp);
    expect((bugs[0].error as Error).message).toBe('disk gone');
    expect(lastLog(t)).toMatchObject({
      endpoint: 'transferToDana',
      httpStatus: 500,
      code: '5003800',
      reason: 'GENERAL_ERROR: a dana-sim bug: disk gone.',
    });
  });
});

describe('runPipeline observers', () => {
  const depsOf = (t: Awaited<ReturnType<typeof createTestSimulator>>) => (t.sim as unknown as { deps: PipelineDeps }).deps;

  it('shows every authenticated request to the observer with endpoint, path, partner, code and body', async () => {
    const t = await createTestSimulator();
    const seen: unknown[] = [];
    const deps: PipelineDeps = { ...depsOf(t), observe: (event) => seen.push(event) };
    const body = topUpBody();
    await runPipeline(deps, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(seen).toEqual([
      {
        endpoint: 'transferToDana',
        path: PATHS.topUp,
        partnerId: t.credentials.partnerId,
        code: '2003800',
        body,
        reply: expect.objectContaining({ responseCode: '2003800' }),
      },
    ]);
  });

  it('keeps the reply when the observer throws, and reports the bug', async () => {
    const t = await createTestSimulator();
    const bugs: unknown[] = [];
    const deps: PipelineDeps = {
      ...depsOf(t),
      observe: () => {
        throw new Error('observer broke');
      },
      onBug: (error) => bugs.push(error),
    };
    const reply = await runPipeline(deps, snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }));
    expect(JSON.parse(reply.body).responseCode).toBe('2003800');
    expect((bugs[0] as Error).message).toBe('observer broke');
    expect(t.sim.log.since().at(-1)).toMatchObject({ code: '2003800', ledgerChanged: true });
  });

  it('logs a cut reply body by its HTTP status', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { network: 'malformed-json' }, times: 1 });
    const reply = await t.sim.handle(signedTopUp(t));
    expect(reply.status).toBe(200);
    expect(lastLog(t)).toMatchObject({ httpStatus: 200, code: '200', effect: 'network', ledgerChanged: true });
  });
});

describe('runPipeline envelope failures', () => {
  it('echoes the request fields on a SNAP authentication failure, and nothing for an unparsable body', async () => {
    const t = await createTestSimulator();
    const body = topUpBody();
    const badSignature = await t.snap(PATHS.topUp, body, (r) => ({ ...r, headers: { ...r.headers, 'x-signature': 'bad' } }));
    expect(badSignature.body).toEqual({
      responseCode: '4013800',
      responseMessage: 'Unauthorized. Invalid Signature',
      partnerReferenceNo: body.partnerReferenceNo,
    });
    const unparsable = await t.snap(PATHS.topUp, '{not json', (r) => ({ ...r, headers: { ...r.headers, 'x-signature': 'bad' } }));
    expect(unparsable.body).toEqual({ responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' });
  });

  it('answers an Open API failure with the request head echoed, or a blank head when the envelope is unreadable', async () => {
    const t = await createTestSimulator();
    const wrongSecret = await t.sim.handle(
      openApiRequest({
        path: PATHS.merchantResource,
        function: 'dana.merchant.queryMerchantResource',
        credentials: { ...t.credentials, clientSecret: 'wrong' },
        body: {},
        reqMsgId: 'msg-7',
      }),
    );
    const answered = JSON.parse(wrongSecret.body).response;
    expect(answered.head).toMatchObject({
      clientId: t.credentials.partnerId,
      reqMsgId: 'msg-7',
      function: 'dana.merchant.queryMerchantResource',
    });
    expect(answered.body.resultInfo.resultCode).toBe('VERIFY_CLIENT_SECRET_FAIL');
    const unreadable = await t.sim.handle({ method: 'POST', path: PATHS.merchantResource, headers: {}, body: 'nope' });
    const blank = JSON.parse(unreadable.body).response;
    expect(blank.head).toMatchObject({ clientId: '', reqMsgId: '' });
    expect(blank.body.resultInfo.resultCode).toBe('MSG_PARSE_ERROR');
    expect(lastLog(t)).toMatchObject({ endpoint: 'queryMerchantResource', code: 'MSG_PARSE_ERROR', partnerId: undefined });
  });
});
