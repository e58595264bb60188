import { describe, expect, it } from 'vitest';
import { applyTransport, gatewayPage, malformed } from './transport.ts';

describe('gatewayPage and malformed', () => {
  it('answers the HTML page of the reverse proxy in front of DANA', () => {
    const page = (title: string) =>
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
    expect(gatewayPage(502)).toEqual({ status: 502, headers: { 'content-type': 'text/html' }, body: page('502 Bad Gateway') });
    expect(gatewayPage(503)).toEqual({
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: page('503 Service Temporarily Unavailable'),
    });
    expect(gatewayPage(504)).toEqual({ status: 504, headers: { 'content-type': 'text/html' }, body: page('504 Gateway Time-out') });
  });

  it('cuts the body in half, keeping at least one character, and keeps status and headers', () => {
    const reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"responseCode":"2003800"}' };
    expect(malformed(reply)).toEqual({ ...reply, body: '{"responseCod' });
    expect(malformed({ ...reply, body: '{}' }).body).toBe('{');
    expect(malformed({ ...reply, body: '{' }).body).toBe('{');
  });
});

describe('applyTransport', () => {
  const reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"responseCode":"2003800"}' };
  const run = async (transport: Parameters<typeof applyTransport>[0]) => {
    const sleeps: number[] = [];
    let rendered = 0;
    const response = await applyTransport(
      transport,
      () => (rendered++, reply),
      async (ms) => void sleeps.push(ms),
    );
    return { response, sleeps, rendered };
  };

  it('renders the reply as is when there is no transport fault', async () => {
    expect(await run(undefined)).toEqual({ response: reply, sleeps: [], rendered: 1 });
  });

  it('answers the gateway page without rendering', async () => {
    expect(await run({ kind: 'gateway', status: 504 })).toEqual({ response: gatewayPage(504), sleeps: [], rendered: 0 });
  });

  it('drops the connection, holding first only for a positive hold', async () => {
    expect(await run({ kind: 'drop', mode: 'reset', holdMs: 0 })).toEqual({
      response: { status: 0, headers: {}, body: '', drop: 'reset' },
      sleeps: [],
      rendered: 0,
    });
    expect(await run({ kind: 'drop', mode: 'close', holdMs: 30 })).toEqual({
      response: { status: 0, headers: {}, body: '', drop: 'close' },
      sleeps: [30],
      rendered: 0,
    });
  });

  it('cuts the rendered body for malformed', async () => {
    expect(await run({ kind: 'malformed' })).toEqual({ response: malformed(reply), sleeps: [], rendered: 1 });
  });
});
