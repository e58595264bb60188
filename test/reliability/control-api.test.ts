import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressApp, type ExpressOptions } from '../../simulator/adapters/express.ts';
import { serve, type RunningServer } from '../../simulator/adapters/server.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { createTestSimulator, ledgerState, PATHS, testKeys, topUpBody, type TestSimulator } from '../helpers.ts';

// Issue 8: the control API (/__sim) answers loopback callers only, requires the bearer token when one
// is configured, and the X-Sim-Fault header does nothing unless the simulator allows it. Everything
// listens on 127.0.0.1; a remote caller is simulated by overriding the socket's remoteAddress in a
// loopback front server before the request reaches the express app.

const SPOOF_HEADER = 'x-test-remote-address';
const servers: Server[] = [];
const running: RunningServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const server of running.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The simulator's express app on a loopback port; a request may claim another peer address through SPOOF_HEADER. */
async function listen(t: TestSimulator, options: ExpressOptions = {}): Promise<string> {
  const app = createExpressApp(t.sim, options);
  const server = createServer((request, response) => {
    const spoofed = request.headers[SPOOF_HEADER];
    if (typeof spoofed === 'string') Object.defineProperty(request.socket, 'remoteAddress', { value: spoofed, configurable: true });
    else delete (request.socket as { remoteAddress?: string }).remoteAddress;
    app(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function call(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(url + path, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

function signedTopUp(t: TestSimulator, extraHeaders: Record<string, string> = {}) {
  const signed = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });
  return { method: 'POST', headers: { ...signed.headers, ...extraHeaders }, body: signed.body };
}

const REMOTE = [
  '203.0.113.7',
  '10.0.0.1',
  '192.168.1.20',
  '::ffff:203.0.113.7',
  '::ffff:10.1.2.3',
  '2001:db8::1',
  'fe80::1',
  '0.0.0.0',
  '::',
];
const LOCAL = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.10.20.30'];

describe('control API access', () => {
  it('refuses callers that are not on loopback, for reads and for state changes, whatever they claim in headers', async () => {
    const t = await createTestSimulator();
    const url = await listen(t);
    const before = ledgerState(t.sim);
    for (const address of REMOTE) {
      const headers = { [SPOOF_HEADER]: address, 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' };
      const health = await call(url, '/__sim/health', { headers });
      expect(health.status, address).toBe(403);
      expect(health.json().error).toMatch(/loopback/);
      expect((await call(url, '/__sim/merchants', { headers })).status, address).toBe(403);
      expect(
        (await call(url, '/__sim/balance/topup', { method: 'POST', headers, body: JSON.stringify({ amount: '1000000.00' }) })).status,
        address,
      ).toBe(403);
      expect((await call(url, '/__sim/reset', { method: 'POST', headers, body: '{}' })).status, address).toBe(403);
    }
    expect(ledgerState(t.sim)).toEqual(before);
    // Loopback callers, IPv4, IPv6 and IPv4-mapped, are served.
    for (const address of LOCAL) {
      const health = await call(url, '/__sim/health', { headers: { [SPOOF_HEADER]: address } });
      expect(health.status, address).toBe(200);
      expect(health.json()).toMatchObject({ ok: true });
    }
    // Without any override the real peer (127.0.0.1) is served, and a loopback top up works.
    expect((await call(url, '/__sim/health')).status).toBe(200);
    const topUp = await call(url, '/__sim/balance/topup', { method: 'POST', body: JSON.stringify({ amount: '1000.00' }) });
    expect(topUp.status).toBe(200);
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
  });

  it('keeps serving the DANA API to remote callers: only /__sim is loopback-only', async () => {
    const t = await createTestSimulator();
    const url = await listen(t);
    const reply = await call(url, PATHS.topUp, signedTopUp(t, { [SPOOF_HEADER]: '203.0.113.7' }));
    expect(reply.status).toBe(200);
    expect(reply.json().responseCode).toBe('2003800');
  });

  it('with a control token: no or wrong Authorization gets 401 and changes nothing; the right bearer gets 200', async () => {
    const token = 'control-token-1234';
    const t = await createTestSimulator({ controlToken: token });
    const url = await listen(t);
    const before = ledgerState(t.sim);
    for (const authorization of [undefined, '', 'Bearer', 'Bearer ', 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`, token]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const label = String(authorization);
      const health = await call(url, '/__sim/health', { headers });
      expect(health.status, label).toBe(401);
      expect(health.json().error).toMatch(/token/);
      expect(
        (await call(url, '/__sim/balance/topup', { method: 'POST', headers, body: JSON.stringify({ amount: '1000.00' }) })).status,
        label,
      ).toBe(401);
      expect((await call(url, '/__sim/ledger', { headers })).status, label).toBe(401);
    }
    expect(ledgerState(t.sim)).toEqual(before);

    const authorized = { authorization: `Bearer ${token}` };
    expect((await call(url, '/__sim/health', { headers: authorized })).status).toBe(200);
    const topUp = await call(url, '/__sim/balance/topup', {
      method: 'POST',
      headers: authorized,
      body: JSON.stringify({ amount: '1000.00' }),
    });
    expect(topUp.status).toBe(200);
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
    // The token does not open the control API to remote callers.
    expect((await call(url, '/__sim/health', { headers: { ...authorized, [SPOOF_HEADER]: '203.0.113.7' } })).status).toBe(403);
    // The DANA API does not need the control token.
    expect((await call(url, PATHS.topUp, signedTopUp(t))).json().responseCode).toBe('2003800');
  });

  it('serve() wires the control token into the HTTP server', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-control-'));
    dirs.push(dataDir);
    const { dana } = testKeys();
    const server = await serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana, controlToken: 'served-token' });
    running.push(server);
    expect((await call(server.url, '/__sim/health')).status).toBe(401);
    expect((await call(server.url, '/__sim/health', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call(server.url, '/__sim/health', { headers: { authorization: 'Bearer served-token' } })).status).toBe(200);
  });
});

describe('X-Sim-Fault header', () => {
  it('is ignored over HTTP unless the simulator allows it', async () => {
    const t = await createTestSimulator();
    const url = await listen(t);
    for (const fault of [
      'GENERAL_ERROR',
      'INTERNAL_SERVER_ERROR',
      'gateway-503',
      'reset',
      'timeout',
      'empty-reply',
      'malformed-json',
      'delay=5000',
      'not a fault!',
    ]) {
      const postings = ledgerState(t.sim).postings;
      const started = performance.now();
      const reply = await call(url, PATHS.topUp, signedTopUp(t, { 'X-Sim-Fault': fault }));
      expect(reply.status, fault).toBe(200);
      expect(reply.json().responseCode, fault).toBe('2003800');
      expect(ledgerState(t.sim).postings, fault).toBe(postings + 1);
      expect(performance.now() - started, fault).toBeLessThan(2_000);
    }
    expect(t.sim.log.since(0).some((entry) => entry.rule === 'X-Sim-Fault header')).toBe(false);
  });

  it('applies to that request alone when allowed', async () => {
    const t = await createTestSimulator({ allowFaultHeader: true });
    const url = await listen(t);
    const before = ledgerState(t.sim);
    const failed = await call(url, PATHS.topUp, signedTopUp(t, { 'X-Sim-Fault': 'GENERAL_ERROR' }));
    expect(failed.status).toBe(500);
    expect(failed.json().responseCode).toBe('5003800');
    const gateway = await call(url, PATHS.topUp, signedTopUp(t, { 'X-Sim-Fault': 'gateway-503' }));
    expect(gateway.status).toBe(503);
    await expect(call(url, PATHS.topUp, signedTopUp(t, { 'X-Sim-Fault': 'reset' }))).rejects.toThrow();
    const bad = await call(url, PATHS.topUp, signedTopUp(t, { 'X-Sim-Fault': 'not a fault!' }));
    expect(bad.status).toBe(400);
    expect(bad.json().responseMessage).toContain('X-Sim-Fault');
    expect(ledgerState(t.sim)).toEqual(before);
    // The next request without the header is processed normally.
    expect((await call(url, PATHS.topUp, signedTopUp(t))).json().responseCode).toBe('2003800');
    expect(ledgerState(t.sim).postings).toBe(before.postings + 1);
  });
});
