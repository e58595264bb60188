import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../simulator/adapters/server.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { PATHS, testKeys, topUpBody } from '../helpers.ts';

// A Python standard-library client (urllib through the CONNECT proxy, SSL_CERT_FILE=ca.pem and no
// other trust) reaches https://api.sandbox.dana.id on the simulator: what the DANA Python SDK does
// once HTTPS_PROXY and SSL_CERT_FILE are set.

const CLIENT = fileURLToPath(new URL('./python-client.py', import.meta.url));
let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-tls-py-'));
  const { dana, merchant } = testKeys();
  server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed: 'tls-python',
    fsync: false,
    tls: true,
    tlsPort: 0,
    proxyPort: 0,
  });
});
afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function python(job: object, certFile: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve, reject) => {
    // A clean environment: no proxy or CA settings of the machine running the tests leak in.
    const env = { PATH: process.env.PATH ?? '', SSL_CERT_FILE: certFile, SSL_CERT_DIR: join(dataDir, 'no-such-dir') };
    const child = execFile('python3', [CLIENT], { env, timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify(job));
  });
}

describe('a Python client through the proxy', () => {
  it('gets a signed top up done at https://api.sandbox.dana.id, trusting only ca.pem', async () => {
    const { merchant } = testKeys();
    const partnerId = server.simulator.parties.defaultMerchant().partnerId;
    const signed = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: { partnerId, privateKey: merchant.privateKeyPem } });
    const job = {
      proxy: server.tls!.proxyUrl,
      url: `https://api.sandbox.dana.id${PATHS.topUp}`,
      headers: signed.headers,
      body: signed.body,
    };
    const reply = await python(job, server.tls!.caPath);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body!)).toMatchObject({ responseCode: '2003800' });
    // An unsigned call over plain http://api.sandbox.dana.id (the Python SDK's SNAP default) gets DANA's shape.
    const plain = await python(
      { ...job, url: `http://api.sandbox.dana.id${PATHS.topUp}`, headers: { 'Content-Type': 'application/json' }, body: '{}' },
      server.tls!.caPath,
    );
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(plain.body!).responseCode).toMatch(/^40[01]38\d\d$/);
  });

  it("fails verification without the CA, and is refused on a host that is not DANA's", async () => {
    const job = { proxy: server.tls!.proxyUrl, url: `https://api.sandbox.dana.id${PATHS.topUp}`, headers: {}, body: '{}' };
    const untrusted = await python(job, join(dataDir, 'no-such-file.pem'));
    expect(untrusted.error).toMatch(/CERTIFICATE_VERIFY_FAILED/);
    const elsewhere = await python({ ...job, url: 'https://example.com/' }, server.tls!.caPath);
    expect(elsewhere.error).toMatch(/403/);
  });
});
