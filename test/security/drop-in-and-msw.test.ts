import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMswSimulator, type MswSimulator } from '../../simulator/adapters/msw.ts';
import { serve, type RunningServer } from '../../simulator/adapters/server.ts';
import { testKeys, VALID_CUSTOMER } from '../helpers.ts';
import { httpsViaProxy } from '../tls/tunnel.ts';

// Issue 14 item 6: DANA's UAT flows keep working where no web page can be behind them. Through the
// TLS drop-in, DANA's own host names reach the simulator only because the user mapped them, so the
// sandbox tools answer there; the same name on the main listener is a rebound name and is refused.
// In-process (msw) calls have no browser behind them and pass on DANA's hosts.

const TOOLS = '/merchant-portal-app/api/sandbox-tools/execute';
const TOP_UP = JSON.stringify({
  urlEndpoint: '/v1.0/emoney/topup.htm',
  requestBody: { customerNumber: VALID_CUSTOMER, amount: { value: '1000.00', currency: 'IDR' } },
});
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** One request to the main listener with any Host header (fetch would not let us choose it). */
function direct(url: string, host: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(TOOLS, url);
    const call = httpRequest(target, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    call.on('error', reject);
    call.end(body);
  });
}

describe('sandbox tools on DANA hosts', () => {
  it('answer a script through the TLS drop-in, refuse another origin there, and refuse the DANA name on the main listener', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-sec-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const { dana, merchant } = testKeys();
    const server: RunningServer = await serve({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      danaKeys: dana,
      merchant: { privateKeyPem: merchant.privateKeyPem },
      seed: 'sec',
      fsync: false,
      tls: true,
      tlsPort: 0,
      proxyPort: 0,
    });
    cleanup.push(() => server.stop());
    const tls = server.tls!;
    const ca = await readFile(tls.caPath, 'utf8');
    const balance = () => server.simulator.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);
    const before = balance();
    const post = (headers: Record<string, string> = {}) =>
      httpsViaProxy(tls.proxyUrl, 'dashboard-sandbox.dana.id', ca, {
        method: 'POST',
        path: TOOLS,
        headers: { 'content-type': 'application/json', ...headers },
        body: TOP_UP,
      });
    const foreign = await post({ origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(balance()).toBe(before);
    const rebound = await direct(server.url, 'dashboard-sandbox.dana.id', TOP_UP);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toMatch(/dashboard-sandbox\.dana\.id/);
    expect(balance()).toBe(before);
    const script = await post();
    expect(script.status).toBe(200);
    expect(JSON.parse(script.body).success).toBe(true);
    expect(balance() - before).toBe(100_000);
    const onLoopback = await direct(server.url, `127.0.0.1:${new URL(server.url).port}`, TOP_UP);
    expect(onLoopback.status).toBe(200);
  });
});

describe('msw (in-process)', () => {
  it('serves the sandbox tools and the control API on DANA hosts to in-process callers', async () => {
    const running: MswSimulator = await startMswSimulator({ seed: 'sec-msw' });
    cleanup.push(() => running.close());
    const before = running.userBalance(VALID_CUSTOMER);
    const tool = await fetch(`https://dashboard-sandbox.dana.id${TOOLS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: TOP_UP,
    });
    expect(tool.status).toBe(200);
    expect(running.userBalance(VALID_CUSTOMER)).not.toBe(before);
    const health = await fetch('https://api.sandbox.dana.id/__sim/health');
    expect(health.status).toBe(200);
  });
});
