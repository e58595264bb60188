import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { forwardedHosts } from '../adapters/forward.ts';
import { startMswSimulator } from '../adapters/msw.ts';
import { createRequestListener } from '../adapters/node-http.ts';
import { certificateHosts, danaHosts } from '../adapters/tls/hosts.ts';
import { userBalance } from '../ledger/accounts.ts';
import { StorageUnavailable } from '../ledger/store.ts';
import type { ApiReply, ApiRequest, Product } from './product.ts';

// A product's own HTTP API (Product.api), shown with a tiny "echo" product: any method on its paths,
// the query and raw body reach it, its replies and failures keep its own shape, and every call is in
// the request log (redacted), reaches observers and makes its postings visible there.

const seen: ApiRequest[] = [];
const observed: unknown[] = [];
const failure = (status: number, message: string) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: { message } }),
});

const echo: Product = {
  name: 'echo',
  observe: { request: (_runtime, event) => void observed.push(event) },
  api: {
    hosts: ['api.echo.test'],
    matches: (_method, path) => path.startsWith('/v1/'),
    failure,
    handle(runtime, request): ApiReply {
      seen.push(request);
      if (request.url.pathname === '/v1/boom') throw new Error('bug in echo');
      if (request.url.pathname === '/v1/full') throw new StorageUnavailable('disk full');
      if (request.url.pathname === '/v1/pay')
        runtime.db.transact((tx) =>
          tx.post({
            id: 'echo-pay',
            at: runtime.clock.now(),
            ref: 'echo',
            memo: 'echo pays',
            entries: [
              { account: userBalance('62811742234'), amountMinor: -100 },
              { account: userBalance('6281234567890'), amountMinor: 100 },
            ],
          }),
        );
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: request.method, query: request.url.search, body: request.body, secret: 'sk_1' }),
        log: { endpoint: 'echo.call', code: 'echoed', partnerId: 'echo-partner', references: { echoId: 'e_1' } },
      };
    },
  },
};

const servers: Server[] = [];
afterEach(async () => {
  seen.length = 0;
  observed.length = 0;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('a product API', () => {
  it('takes any method with its query and raw body, and logs it redacted with its own code', async () => {
    const { sim } = await createTestSimulator({ extensions: [echo], background: false });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const reply = await sim.fetch(
        new Request(`http://api.echo.test/v1/things?limit=2`, {
          method,
          headers: { authorization: 'Basic c2tfdGVzdDo=', 'content-type': 'application/x-www-form-urlencoded' },
          body: method === 'GET' ? undefined : 'amount=100&secret=x',
        }),
      );
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({ method, query: '?limit=2' });
    }
    expect(seen[1]).toMatchObject({ body: 'amount=100&secret=x', headers: { authorization: 'Basic c2tfdGVzdDo=' } });
    const entry = sim.log.query({}).at(-1)!;
    expect(entry).toMatchObject({ method: 'DELETE', path: '/v1/things', code: 'echoed', endpoint: 'echo.call', partnerId: 'echo-partner' });
    expect(entry.request.headers.authorization).toBe('***');
    expect(entry.references).toMatchObject({ echoId: 'e_1' });
    expect(JSON.stringify(entry.reply.body)).not.toContain('sk_1');
    expect(observed).toHaveLength(3);
    expect(observed[0]).toMatchObject({ endpoint: 'echo.call', code: 'echoed', path: '/v1/things' });
    await sim.close();
  });

  it('lists the postings a call made', async () => {
    const { sim } = await createTestSimulator({ extensions: [echo], background: false });
    await sim.fetch(new Request('http://localhost/v1/pay', { method: 'POST', body: '{}' }));
    expect(sim.log.query({}).at(-1)).toMatchObject({ ledgerChanged: true, postings: [{ amountMinor: -100 }, { amountMinor: 100 }] });
    await sim.close();
  });

  it('answers a bug, a full disk and a body over the limit in its own shape', async () => {
    const onBug = vi.fn();
    const { sim } = await createTestSimulator({ extensions: [echo], background: false, onBug, maxBodyBytes: 10 });
    const boom = await sim.fetch(new Request('http://localhost/v1/boom', { method: 'POST' }));
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ error: { message: 'An internal error occurred in the simulator.' } });
    expect(onBug).toHaveBeenCalledTimes(1);
    const full = await sim.fetch(new Request('http://localhost/v1/full', { method: 'POST' }));
    expect(full.status).toBe(503);
    const large = await sim.fetch(new Request('http://localhost/v1/things', { method: 'POST', body: 'x'.repeat(11) }));
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ error: { message: 'The request body could not be read: body too large.' } });
    expect(sim.log.query({}).at(-1)).toMatchObject({ path: '/v1/things', httpStatus: 413, code: '413' });
    expect(sim.unreadable('POST', '/v1/things', 'unreadable body').status).toBe(400);
    expect(sim.internalError(new Error('adapter'), { method: 'GET', path: '/v1/x', headers: {}, body: '' }).status).toBe(500);
    // DANA's own paths keep DANA's replies.
    expect(JSON.parse(sim.unreadable('POST', '/nowhere', 'body too large').body)).toHaveProperty('responseCode');
    await sim.close();
  });

  it('leaves DANA routes, the control API and unknown paths as they were', async () => {
    const { sim } = await createTestSimulator({ extensions: [echo], background: false });
    const unknown = await sim.fetch(new Request('http://localhost/v2/nothing', { method: 'POST', body: '{}' }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toHaveProperty('responseCode');
    const control = await sim.fetch(new Request('http://localhost/__sim/health'));
    expect(control.status).toBe(200);
    expect(seen).toHaveLength(0);
    await sim.close();
  });

  it('is served on the node:http fast path and through express alike', async () => {
    const { sim } = await createTestSimulator({ extensions: [echo], background: false });
    const server = createServer(createRequestListener(sim));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = await fetch(`${base}/v1/things?x=1`, { method: 'POST', body: 'a=1' });
    expect(await post.json()).toMatchObject({ method: 'POST', query: '?x=1', body: 'a=1' });
    const get = await fetch(`${base}/v1/things/th_1`);
    expect(await get.json()).toMatchObject({ method: 'GET' });
    const del = await fetch(`${base}/v1/things/th_1`, { method: 'DELETE' });
    expect(await del.json()).toMatchObject({ method: 'DELETE' });
    expect(seen.map((request) => request.url.host)).toEqual(Array(3).fill(`127.0.0.1:${(server.address() as AddressInfo).port}`));
    await sim.close();
  });
});

describe("a product API's hosts", () => {
  it('are stood in for: msw intercepts them, the forwarder, the certificate and the guard cover them', async () => {
    const msw = await startMswSimulator({ extensions: [echo], background: false, seed: 'hosts' });
    try {
      // An unmodified client calling the product's real base URL reaches the simulator in process.
      const reply = await fetch('https://api.echo.test/v1/things?limit=1', { method: 'POST', body: 'a=1' });
      expect(await reply.json()).toMatchObject({ method: 'POST', query: '?limit=1', body: 'a=1' });
      expect(seen.at(-1)?.url.pathname + seen.at(-1)!.url.search).toBe('/v1/things?limit=1');
      const hosts = msw.simulator.pageHosts();
      expect(hosts).toContain('https://api.echo.test');
      expect(hosts).toContain('https://m.sandbox.dana.id');
      expect(danaHosts(hosts)).toContain('api.echo.test');
      expect(certificateHosts(hosts)).toContain('api.echo.test');
    } finally {
      await msw.close();
    }
    expect(forwardedHosts([echo])).toContain('https://api.echo.test');
    expect(forwardedHosts()).toContain('https://m.sandbox.dana.id');
  });
});
