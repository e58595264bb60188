import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestListener } from '../simulator/adapters/node-http.ts';
import { enqueueNotification } from '../simulator/notifications/outbox.ts';
import { PATHS, createTestSimulator, topUpBody } from './helpers.ts';

// GET /__sim/events over a real socket: the live request log as server-sent events, behind the same
// loopback, Host and token checks as every control route.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(controlToken?: string) {
  const t = await createTestSimulator({ background: false, controlToken });
  const server = createServer(createRequestListener(t.sim));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { t, port: (server.address() as AddressInfo).port };
}

function open(port: number, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, method: 'GET', path: '/__sim/events', headers: { host: `127.0.0.1:${port}`, ...headers } },
      resolve,
    );
    call.once('error', reject);
    call.end();
  });
}

/** Reads the stream until `done` holds for what arrived so far, then hangs up. */
function readUntil(response: IncomingMessage, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (done(text)) {
        response.destroy();
        resolve(text);
      }
    });
    response.once('error', reject);
  });
}

const events = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => {
      const lines = block.split('\n');
      return { id: lines[0]!.slice(4), event: lines[1]!.slice(7), entry: JSON.parse(lines[2]!.slice(6)) };
    });

describe('GET /__sim/events', () => {
  it('streams the log entry of a signed top up made after the client connected', async () => {
    const { t, port } = await serve('s3cret');
    const response = await open(port, { authorization: 'Bearer s3cret', accept: 'text/event-stream' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const received = readUntil(response, (text) => text.includes('ref-sse-1'));
    await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-sse-1' }));
    const [event] = events(await received);
    expect(event).toMatchObject({
      event: 'request',
      entry: { endpoint: expect.any(String), references: { partnerReferenceNo: 'ref-sse-1' } },
    });
    expect(event!.id).toBe(String(event!.entry.seq));
    await t.sim.close();
  });

  it('resumes after Last-Event-ID with the entries missed, none twice', async () => {
    const { t, port } = await serve();
    await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-sse-a' }));
    const seen = t.sim.log.since().at(-1)!.seq;
    await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'ref-sse-b' }));
    const response = await open(port, { 'last-event-id': String(seen) });
    const text = await readUntil(response, (sofar) => sofar.includes('ref-sse-b'));
    expect(events(text).map((event) => event.entry.references.partnerReferenceNo)).toEqual(['ref-sse-b']);
    await t.sim.close();
  });

  it('streams each notification attempt as it is recorded', async () => {
    const { t, port } = await serve();
    const response = await open(port, {});
    const received = readUntil(response, (text) => text.includes('event: notification'));
    const now = t.sim.clock.now();
    t.sim.runtime.db.transact((tx) =>
      enqueueNotification(tx, { id: 'sse-note', kind: 'test', partnerId: 'p', subject: 's', url: undefined, body: {} }, now),
    );
    await t.sim.runDueWork();
    const block = (await received).split('\n\n').find((text) => text.startsWith('event: notification'))!;
    expect(JSON.parse(block.split('\n')[1]!.slice(6))).toMatchObject({
      id: 'sse-note',
      status: 'failed',
      attemptNo: 1,
      attempt: { acknowledged: false, error: 'no URL is configured for the receiver' },
    });
    await t.sim.close();
  });

  it('is refused to a foreign Host, a cross-site page and a missing token', async () => {
    const { t, port } = await serve('s3cret');
    const auth = { authorization: 'Bearer s3cret' };
    expect((await open(port, { ...auth, host: 'evil.example' })).statusCode).toBe(403);
    expect((await open(port, { ...auth, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await open(port, { origin: 'http://evil.example', ...auth })).statusCode).toBe(403);
    expect((await open(port, {})).statusCode).toBe(401);
    await t.sim.close();
  });
});
