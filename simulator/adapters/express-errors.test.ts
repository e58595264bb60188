import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSimulator } from '../../test/helpers.ts';
import { createExpressApp } from './express.ts';

// A throw that escapes fetch() and then also escapes rendering DANA's error (a broken clock made every
// timestamp throw) reached express's final handler: an HTML page with the stack. Now plain JSON.

const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('express adapter errors', () => {
  it('answers a JSON 500 without a stack when even the error reply throws', async () => {
    const t = await createTestSimulator({ background: false });
    vi.spyOn(t.sim, 'fetch').mockRejectedValue(new RangeError('Invalid time value'));
    vi.spyOn(t.sim, 'internalError').mockImplementation(() => {
      throw new RangeError('Invalid time value');
    });
    const server = createServer(createExpressApp(t.sim));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reply = await fetch(`http://127.0.0.1:${port}/__sim/clock`);
    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await reply.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error in the simulator' });
    expect(body).not.toMatch(/RangeError|at |<html/i);
  });
});
