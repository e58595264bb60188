import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { snapRequest } from '../signature/client.ts';
import { createExpressApp } from './express.ts';
import { createRequestListener } from './node-http.ts';

// The server's listener answers API calls itself and hands the rest to express: whichever takes a
// request, the client must see what the express app alone would have answered. The shared
// conformance suite (test/conformance/) runs every case through it; these are the requests fetch
// cannot shape: a chosen Host header, a chunked or compressed body, a Content-Length over the limit.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(listener: RequestListener): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Raw {
  readonly path: string;
  readonly headers: Record<string, string>;
  /** Written in these pieces, with their Content-Length unless chunked. */
  readonly pieces: readonly (string | Buffer)[];
  readonly chunked?: boolean;
}

function lengthOf(raw: Raw): Record<string, string> {
  return raw.chunked ? {} : { 'content-length': String(raw.pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0)) };
}

function send(port: number, raw: Raw): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, method: 'POST', path: raw.path, headers: { connection: 'close', ...raw.headers, ...lengthOf(raw) } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
      },
    );
    call.once('error', reject);
    for (const piece of raw.pieces) call.write(piece);
    call.end();
  });
}

describe("the server's listener", () => {
  it('answers as the express app does, whether it takes the request or hands it on', async () => {
    const t = await createTestSimulator({ background: false, maxBodyBytes: 2048 });
    const options = { maxBodyBytes: 2048 };
    const viaExpress = await listen(createExpressApp(t.sim, options));
    const express = createExpressApp(t.sim, options);
    const handedOn: string[] = [];
    let current = '';
    const viaListener = await listen(
      createRequestListener(t.sim, options, (request, response) => {
        handedOn.push(current);
        express(request, response);
      }),
    );
    const signed = snapRequest({ path: '/v1.0/emoney/topup.htm', body: { partnerReferenceNo: 'x' }, credentials: t.credentials });
    const json = { 'content-type': 'application/json' };
    const cases: Record<string, Raw> = {
      'a path the Host header tries to move': {
        path: '/v1.0/emoney/nothing.htm',
        headers: { ...json, host: 'x/__sim/reset?' },
        pieces: ['{}'],
      },
      'a signed call (validation refuses the body)': {
        path: signed.path,
        headers: { ...signed.headers, 'x-external-id': 'ext-1' },
        pieces: [signed.body],
      },
      'a chunked body': { path: signed.path, headers: json, pieces: ['{"a":', '1}'], chunked: true },
      'a gzip body': { path: signed.path, headers: { ...json, 'content-encoding': 'gzip' }, pieces: [gzipSync('{}')] },
      'a Content-Length over the limit': { path: signed.path, headers: json, pieces: ['x'.repeat(4096)] },
      'the control API': { path: '/__sim/health', headers: json, pieces: ['{}'] },
    };
    for (const [name, raw] of Object.entries(cases)) {
      current = name;
      const expected = await send(viaExpress, raw);
      // The same X-EXTERNAL-ID twice would be a conflict: each server gets its own.
      const again = raw.headers['x-external-id'] ? { ...raw, headers: { ...raw.headers, 'x-external-id': 'ext-2' } } : raw;
      expect(await send(viaListener, again), name).toEqual(expected);
    }
    // API calls with a plain body never reach express.
    expect(handedOn).toEqual(['a chunked body', 'a gzip body', 'a Content-Length over the limit', 'the control API']);
    await t.sim.close();
  });

  it("answers a bug in the pipeline with DANA's General Error and reports it", async () => {
    const bugs: unknown[] = [];
    const t = await createTestSimulator({ background: false, onBug: (error) => bugs.push(error) });
    const port = await listen(createRequestListener(t.sim));
    vi.spyOn(t.sim, 'handle').mockRejectedValue(new Error('boom'));
    const reply = await send(port, { path: '/v1.0/emoney/topup.htm', headers: { 'content-type': 'application/json' }, pieces: ['{}'] });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body).responseCode).toBe('5003800');
    expect(bugs).toHaveLength(1);
    await t.sim.close();
  });
});
