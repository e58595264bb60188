import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer, type ServeOptions } from '../../simulator/adapters/server.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { PATHS, testKeys, topUpBody } from '../helpers.ts';
import { httpsViaProxy, httpViaTunnel, openTunnel, type Reply } from './tunnel.ts';

// `dana-sim start --tls`: a client that trusts only <data>/tls/ca.pem reaches https://api.sandbox.dana.id
// through the CONNECT proxy and gets the simulator; every other host is refused.

let dataDir: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-tls-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function boot(options: Partial<ServeOptions> = {}) {
  const { dana, merchant } = testKeys();
  const server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed: 'tls',
    fsync: false,
    tls: true,
    tlsPort: 0,
    httpPort: 0,
    proxyPort: 0,
    ...options,
  });
  servers.push(server);
  const record = server.simulator.parties.defaultMerchant();
  const signedTopUp = () =>
    snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: { partnerId: record.partnerId, privateKey: merchant.privateKeyPem } });
  return { server, tls: server.tls!, signedTopUp };
}

/** A plain (absolute-form) proxy request, as HTTP_PROXY clients send for http:// URLs. */
function viaPlainProxy(
  proxyUrl: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: proxy.hostname,
        port: proxy.port,
        method: init.method,
        path: url,
        headers: { ...init.headers, host: url.startsWith('/') ? proxy.host : new URL(url).host },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    outgoing.once('error', reject);
    outgoing.end(init.body);
  });
}

describe('dana-sim start --tls', () => {
  it('serves a signed top up at https://api.sandbox.dana.id through the proxy to a client trusting only ca.pem', async () => {
    const { tls, signedTopUp } = await boot();
    expect(tls.caPath).toBe(join(dataDir, 'tls', 'ca.pem'));
    const ca = await readFile(tls.caPath, 'utf8');
    const signed = signedTopUp();
    const reply = await httpsViaProxy(tls.proxyUrl, 'api.sandbox.dana.id', ca, {
      method: 'POST',
      path: PATHS.topUp,
      headers: signed.headers,
      body: signed.body,
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ responseCode: '2003800', responseMessage: 'Successful' });
    // The production host is covered too, and an unsigned call still gets DANA's shape.
    const unsigned = await httpsViaProxy(tls.proxyUrl, 'api.saas.dana.id', ca, {
      method: 'POST',
      path: PATHS.topUp,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(unsigned.body).responseCode).toMatch(/^40[01]38\d\d$/);
  });

  it('is real TLS: a client that does not trust the CA is refused the handshake', async () => {
    const { tls } = await boot();
    const { socket } = await openTunnel(tls.proxyUrl, 'api.sandbox.dana.id:443');
    const secure = tlsConnect({ socket: socket!, servername: 'api.sandbox.dana.id', ca: [] as string[] });
    const failure = await new Promise<Error>((resolve) => secure.once('error', resolve));
    expect(failure.message).toMatch(/self[- ]signed|unable to (get|verify)/i);
    secure.destroy();
  });

  it("refuses every host but DANA's, on CONNECT and on plain proxy requests, saying why", async () => {
    const { tls } = await boot();
    for (const target of ['example.com:443', 'api.sandbox.dana.id:22', 'api.sandbox.dana.id.evil.test:443', '127.0.0.1:443']) {
      const { socket, refused } = await openTunnel(tls.proxyUrl, target);
      expect(socket, target).toBeUndefined();
      expect(refused!.status).toBe(403);
      expect(refused!.body).toContain(`refusing ${target}`);
      expect(refused!.body).toContain('offline by design');
    }
    const plain = await viaPlainProxy(tls.proxyUrl, 'http://example.com/', { method: 'GET' });
    expect(plain.status).toBe(403);
    expect(plain.body).toContain('refusing http://example.com');
    const notProxied = await viaPlainProxy(tls.proxyUrl, '/v1.0/emoney/topup', { method: 'GET' });
    expect(notProxied.status).toBe(403);
    expect(notProxied.body).toContain('not a proxy request');
  });

  it('serves plain http://api.sandbox.dana.id through the proxy (absolute-form and a port-80 tunnel) and on --http-port', async () => {
    const { server, tls, signedTopUp } = await boot();
    const first = signedTopUp();
    const plain = await viaPlainProxy(tls.proxyUrl, `http://api.sandbox.dana.id${PATHS.topUp}`, {
      method: 'POST',
      headers: first.headers,
      body: first.body,
    });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).responseCode).toBe('2003800');
    const second = signedTopUp();
    const tunnelled = await httpViaTunnel(tls.proxyUrl, 'api.sandbox.dana.id', {
      method: 'POST',
      path: PATHS.topUp,
      headers: second.headers,
      body: second.body,
    });
    expect(JSON.parse(tunnelled.body).responseCode).toBe('2003800');
    const third = signedTopUp();
    const direct = await fetch(tls.httpUrl! + PATHS.topUp, { method: 'POST', headers: third.headers, body: third.body });
    expect((await direct.json()).responseCode).toBe('2003800');
    // The control API answers loopback callers on every listener; its view is the same simulator's.
    const health = await httpsViaProxy(tls.proxyUrl, 'api.sandbox.dana.id', await readFile(tls.caPath, 'utf8'), {
      method: 'GET',
      path: '/__sim/health',
    });
    expect(health.status).toBe(200);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps the CA (key mode 0600) and the server certificate across restarts', async () => {
    const first = await boot();
    const ca = await readFile(first.tls.caPath, 'utf8');
    const leaf = await readFile(join(dataDir, 'tls', 'server.pem'), 'utf8');
    await first.server.stop();
    servers.splice(0);
    const second = await boot();
    expect(await readFile(second.tls.caPath, 'utf8')).toBe(ca);
    expect(await readFile(join(dataDir, 'tls', 'server.pem'), 'utf8')).toBe(leaf);
    expect((await stat(join(dataDir, 'tls', 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'tls', 'server-key.pem'))).mode & 0o777).toBe(0o600);
    const signed = second.signedTopUp();
    const reply = await httpsViaProxy(second.tls.proxyUrl, 'api.sandbox.dana.id', ca, {
      method: 'POST',
      path: PATHS.topUp,
      headers: signed.headers,
      body: signed.body,
    });
    expect(JSON.parse(reply.body).responseCode).toBe('2003800');
  });

  it("is trusted by Node's global fetch (dana-node's transport) once NODE_EXTRA_CA_CERTS names ca.pem", async () => {
    const { tls, signedTopUp } = await boot();
    const signed = signedTopUp();
    const url = `https://localhost:${new URL(tls.httpsUrl).port}${PATHS.topUp}`;
    const script = `fetch(${JSON.stringify(url)}, { method: 'POST', headers: ${JSON.stringify(signed.headers)}, body: ${JSON.stringify(signed.body)} })
      .then((r) => r.text()).then((t) => process.stdout.write(t), (e) => process.stdout.write(JSON.stringify({ error: String(e.cause ?? e) })));`;
    const run = (env: Record<string, string>) =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        ),
      );
    expect(JSON.parse(await run({ NODE_EXTRA_CA_CERTS: tls.caPath })).responseCode).toBe('2003800');
    expect(JSON.parse(await run({})).error).toMatch(/self[- ]signed|unable to (get|verify)/i);
  });

  it('says what to do when a port is taken, and leaves nothing listening', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(boot({ proxyPort: port })).rejects.toThrow(`cannot listen for the proxy on port ${port}: the port is in use`);
      // The data directory is free again: a later start works.
      const { tls } = await boot();
      expect(tls.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      taken.close();
    }
  });
});
