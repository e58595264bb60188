import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { EffectInput } from '../contracts/common/rule.ts';
import { createExpressApp } from '../simulator/adapters/express.ts';
import { snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import {
  createTestSimulator,
  ledgerState,
  PATHS,
  topUpBody,
  VALID_CUSTOMER,
  vaInquiryBody,
  vaPaymentBody,
  type TestSimulator,
} from './helpers.ts';

// Every effect over a real HTTP connection: what the client sees, and what the ledger says after.

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(t: TestSimulator): Promise<string> {
  const server = createExpressApp(t.sim).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Seen = { kind: 'reply'; status: number; text: string } | { kind: 'network-error'; name: string } | { kind: 'timeout' };

async function send(base: string, request: SignedRequest, timeoutMs = 2000): Promise<Seen> {
  try {
    const response = await fetch(base + request.path, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { kind: 'reply', status: response.status, text: await response.text() };
  } catch (error) {
    const name = (error as Error).name;
    return name === 'TimeoutError' || name === 'AbortError' ? { kind: 'timeout' } : { kind: 'network-error', name };
  }
}

const topUpStatus = async (t: TestSimulator, ref: string) =>
  (await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: ref, serviceCode: '38' })).body;

async function withRule(effect: EffectInput, endpoint = 'transferToDana') {
  const t = await createTestSimulator({ clientTimeoutMs: 150 });
  t.sim.rules.add({ endpoint, effect, times: 1 });
  return { t, base: await listen(t) };
}

describe('lost response (committed, then the reply is lost)', () => {
  it('drop: the client sees a reset; the ledger has the top up once; status says 00; a replay returns the original reply', async () => {
    const { t, base } = await withRule({ lostResponse: 'drop' });
    const body = topUpBody();
    const before = ledgerState(t.sim);
    const seen = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(seen.kind).toBe('network-error');
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
    const status = await topUpStatus(t, body.partnerReferenceNo);
    expect(status.latestTransactionStatus).toBe('00');
    const replay = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(replay).toMatchObject({ kind: 'reply', status: 200 });
    expect(JSON.parse((replay as { text: string }).text)).toMatchObject({
      responseCode: '2003800',
      referenceNo: status.originalReferenceNo,
    });
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
    const [entry] = t.sim.log.since(0).filter((e) => e.rule);
    expect(entry).toMatchObject({ endpoint: 'transferToDana', effect: 'lost-response', ledgerChanged: true, code: 'dropped' });
  });

  it('hold: the client times out while the top up is already committed', async () => {
    const { t, base } = await withRule({ lostResponse: 'hold' });
    const body = topUpBody();
    const seen = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }), 150);
    expect(seen.kind).toBe('timeout');
    expect((await topUpStatus(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('00');
  });
});

describe('timeout before commit', () => {
  it('holds past the client timeout and commits nothing: status says not found, the retry succeeds once', async () => {
    const { t, base } = await withRule({ timeout: 'before-commit' });
    const body = topUpBody();
    const before = ledgerState(t.sim);
    expect((await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }), 150)).kind).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(ledgerState(t.sim)).toEqual(before);
    expect((await topUpStatus(t, body.partnerReferenceNo)).responseCode).toBe('4043901');
    const retry = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(JSON.parse((retry as { text: string }).text).responseCode).toBe('2003800');
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
  });
});

describe('network and gateway faults', () => {
  it.each([['reset'], ['empty-reply']] as const)('%s: the client gets no reply and nothing is committed', async (mode) => {
    const { t, base } = await withRule({ network: mode }, 'queryMerchantResource');
    const before = ledgerState(t.sim);
    const { openApiRequest } = await import('../simulator/signature/client.ts');
    const request = openApiRequest({
      path: PATHS.merchantResource,
      function: 'dana.merchant.queryMerchantResource',
      credentials: t.credentials,
      body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    });
    expect((await send(base, request)).kind).toBe('network-error');
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('malformed-json: the top up is committed but its reply is cut; the replay is whole', async () => {
    const { t, base } = await withRule({ network: 'malformed-json' });
    const body = topUpBody();
    const seen = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(seen.kind).toBe('reply');
    expect(() => JSON.parse((seen as { text: string }).text)).toThrow();
    const replay = await send(base, snapRequest({ path: PATHS.topUp, body, credentials: t.credentials }));
    expect(JSON.parse((replay as { text: string }).text).responseCode).toBe('2003800');
  });

  it.each([[502], [503], [504]] as const)('gateway %i: an HTML page with that status, nothing processed', async (status) => {
    const { t, base } = await withRule({ gateway: status }, 'vaPayment');
    const before = ledgerState(t.sim);
    const seen = await send(
      base,
      snapRequest({
        path: PATHS.vaPayment,
        body: vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, 'p1'),
        credentials: t.bank.credentials,
      }),
    );
    expect(seen).toMatchObject({ kind: 'reply', status });
    expect((seen as { text: string }).text).toContain(`<title>${status}`);
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('lost response on a VA payment: committed once, the bank retry replays it', async () => {
    const { t, base } = await withRule({ lostResponse: 'drop' }, 'vaPayment');
    const inquiry = vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER);
    await t.bank.snap(PATHS.vaInquiry, inquiry);
    const user = t.sim.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);
    const payment = vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, inquiry.inquiryRequestId);
    expect((await send(base, snapRequest({ path: PATHS.vaPayment, body: payment, credentials: t.bank.credentials }))).kind).toBe(
      'network-error',
    );
    const retry = await send(base, snapRequest({ path: PATHS.vaPayment, body: payment, credentials: t.bank.credentials }));
    expect(JSON.parse((retry as { text: string }).text).responseCode).toBe('2002500');
    expect(t.sim.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`) - user).toBe(5_000_000);
  });
});

describe('latency', () => {
  it('delays by a fixed amount or within a range, then processes normally', async () => {
    const t = await createTestSimulator();
    t.sim.rules.add({ endpoint: 'transferToDana', effect: { delayMs: 120 }, times: 1 });
    t.sim.rules.add({ endpoint: 'danaAccountInquiry', effect: { delayMs: 50, maxDelayMs: 90 }, times: 1 });
    let started = performance.now();
    expect((await t.snap(PATHS.topUp, topUpBody())).body.responseCode).toBe('2003800');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    started = performance.now();
    const { inquiryBody } = await import('./helpers.ts');
    expect((await t.snap(PATHS.inquiry, inquiryBody())).body.responseCode).toBe('2003700');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
