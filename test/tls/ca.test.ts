import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DANA_BASE_URLS } from '../../simulator/adapters/msw.ts';
import { ensureTlsMaterial } from '../../simulator/adapters/tls/ca.ts';
import { certificateHosts, DANA_API_HOSTS, danaHosts } from '../../simulator/adapters/tls/hosts.ts';
import { listenError } from '../../simulator/adapters/tls/listeners.ts';
import { PRODUCTS } from '../../simulator/products/index.ts';

// The local CA: made once per data directory, reused, and the server certificate remade only when
// it no longer fits (hosts changed, near expiry, another CA).

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-ca-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dataDir, { recursive: true, force: true });
});

const pageHosts = [...new Set(PRODUCTS.flatMap((product) => product.pages?.hosts ?? []))];
const hosts = certificateHosts(pageHosts);

describe('the local CA', () => {
  it("covers DANA's API hosts (msw's base URLs), the products' page hosts and this machine", () => {
    expect(DANA_API_HOSTS).toEqual(DANA_BASE_URLS.map((url) => new URL(url).hostname));
    expect(danaHosts(pageHosts).sort()).toEqual([
      'api-sandbox.dana.id',
      'api.dana.id',
      'api.saas.dana.id',
      'api.sandbox.dana.id',
      'dashboard-sandbox.dana.id',
      'm.sandbox.dana.id',
    ]);
    expect(hosts).toEqual([...danaHosts(pageHosts), 'localhost', '127.0.0.1', '::1']);
  });

  it('signs a server certificate for every host, trusted through the CA alone', async () => {
    const material = await ensureTlsMaterial(dataDir, hosts);
    const ca = new X509Certificate(material.caPem);
    const leaf = new X509Certificate(material.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    for (const host of ['api.sandbox.dana.id', 'api.saas.dana.id', 'm.sandbox.dana.id', 'dashboard-sandbox.dana.id', 'localhost'])
      expect(leaf.checkHost(host), host).toBe(host);
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    expect(await readFile(material.caPath, 'utf8')).toBe(material.caPem);
    expect((await stat(join(dataDir, 'tls', 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'tls'))).mode & 0o777).toBe(0o700);
    expect(material.caPem).not.toContain('PRIVATE KEY');
  });

  it('reuses both on a later start', async () => {
    const first = await ensureTlsMaterial(dataDir, hosts);
    const again = await ensureTlsMaterial(dataDir, hosts);
    expect(again).toEqual(first);
  });

  it('remakes the server certificate, under the same CA, when the host list changed', async () => {
    const first = await ensureTlsMaterial(dataDir, hosts);
    const more = await ensureTlsMaterial(dataDir, [...hosts, 'new.sandbox.dana.id']);
    expect(more.caPem).toBe(first.caPem);
    expect(more.certPem).not.toBe(first.certPem);
    expect(new X509Certificate(more.certPem).checkHost('new.sandbox.dana.id')).toBe('new.sandbox.dana.id');
  });

  it('remakes the server certificate when it is about to expire, and when it is unreadable', async () => {
    const first = await ensureTlsMaterial(dataDir, hosts);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 395 * 24 * 3600_000);
    const renewed = await ensureTlsMaterial(dataDir, hosts);
    expect(renewed.caPem).toBe(first.caPem);
    expect(renewed.certPem).not.toBe(first.certPem);
    expect(Date.parse(new X509Certificate(renewed.certPem).validTo)).toBeGreaterThan(Date.now() + 390 * 24 * 3600_000);
    vi.useRealTimers();
    await writeFile(join(dataDir, 'tls', 'server.pem'), 'not a certificate');
    const remade = await ensureTlsMaterial(dataDir, hosts);
    expect(new X509Certificate(remade.certPem).verify(new X509Certificate(first.caPem).publicKey)).toBe(true);
  });

  it('remakes the server certificate when the CA was replaced', async () => {
    const first = await ensureTlsMaterial(dataDir, hosts);
    await rm(join(dataDir, 'tls', 'ca.pem'));
    const second = await ensureTlsMaterial(dataDir, hosts);
    expect(second.caPem).not.toBe(first.caPem);
    expect(new X509Certificate(second.certPem).verify(new X509Certificate(second.caPem).publicKey)).toBe(true);
  });
});

describe('listen errors', () => {
  it('tells what to do when a low port needs privileges', () => {
    const error = listenError(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), 'HTTPS', 443);
    expect(error.message).toContain('cannot listen for HTTPS on port 443');
    expect(error.message).toContain('HTTPS_PROXY=http://127.0.0.1:8788');
    expect(error.message).toContain('--tls-port 8443');
    expect(error.message).toContain('setcap');
    expect(listenError(Object.assign(new Error('boom'), { code: 'EOTHER' }), 'the proxy', 1).message).toBe(
      'cannot listen for the proxy on port 1: boom',
    );
  });
});
