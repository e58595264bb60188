import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../index.ts';

// Serving the dashboard: the page and its hashed files to the loopback browser, under the control
// API's guards, and nothing else changes for DANA's API.

let sim: Simulator;
beforeAll(async () => {
  sim = await Simulator.create({ controlToken: 'secret-token' });
}, 30_000);
afterAll(() => sim.close());

const overSocket = { loopback: true, socket: true };
const get = (path: string, headers: Record<string, string> = {}, connection = overSocket, method = 'GET') =>
  sim.fetch(new Request(`http://127.0.0.1:8787${path}`, { method, headers: { host: '127.0.0.1:8787', ...headers } }), connection);

describe('the dashboard page', () => {
  it('is HTML that loads its own hashed files, never cached, with a strict policy and without the control token', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    const html = await reply.text();
    const files = [...html.matchAll(/(?:src|href)="(\/__sim\/ui\/app-[\w]+\.(?:js|css))"/g)].map((match) => match[1]);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const asset = await get(file);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('answers HEAD without a body and an unknown file with 404', async () => {
    const head = await get('/', {}, overSocket, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const missing = await get('/__sim/ui/app-NOPE.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toContain('/__sim/ui/app-NOPE.js');
    expect((await get('/__sim/ui/index.html')).status).toBe(404);
  });

  it('is refused to a foreign Host, a cross-site page and a non-loopback caller', async () => {
    expect((await get('/', { host: 'evil.example:8787' })).status).toBe(403);
    expect((await get('/', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', {}, { loopback: false, socket: true })).status).toBe(403);
  });

  it('leaves the control API behind the token and DANA\u2019s API unchanged', async () => {
    expect((await get('/__sim/health')).status).toBe(401);
    const health = await get('/__sim/health', { authorization: 'Bearer secret-token' });
    expect(health.status).toBe(200);
    // The rule form's suggestions: every endpoint key a rule may name.
    expect((await health.json()).endpoints).toEqual(expect.arrayContaining(['transferToDana', 'transferToBank', 'createOrder']));
    const post = await get('/', { 'content-type': 'application/json' }, overSocket, 'POST');
    expect(post.status).toBe(404);
    expect((await post.json()).responseCode).toBe('4040000');
  });
});
