import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { createExpressApp } from './express.ts';

// What the shared conformance suite (test/conformance/) cannot send: fetch picks the Host header
// itself, but any other client chooses it freely.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A raw node:http POST with the Host header the caller chose. */
function post(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, method: 'POST', path, headers: { host, 'content-type': 'application/json', connection: 'close' } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    call.once('error', reject);
    call.end('{}');
  });
}

describe('express adapter', () => {
  it('takes the path from the request line, whatever the Host header says', async () => {
    const t = await createTestSimulator({ background: false });
    const server = createServer(createExpressApp(t.sim));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (const host of ['api.sandbox.dana.id/__sim/reset?', 'x#', 'x/__sim/health#', '127.0.0.1']) {
      const reply = await post(port, '/v1.0/emoney/nothing.htm', host);
      expect(reply.status, host).toBe(404);
      expect(JSON.parse(reply.body), host).toEqual({
        responseCode: '4040000',
        responseMessage: 'Not Found. dana-sim serves no API at POST /v1.0/emoney/nothing.htm',
      });
    }
    // A path that merely looks like an authority stays a path.
    expect(JSON.parse((await post(port, '//evil.example/__sim/health', 'x')).body).responseMessage).toBe(
      'Not Found. dana-sim serves no API at POST //evil.example/__sim/health',
    );
    await t.sim.close();
  });
});
