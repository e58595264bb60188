import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../simulator/products/index.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { createTestSimulator, http, ledgerState, PATHS, sendHttp, topUpBody } from './helpers.ts';

// Bad input always gets DANA's shape with a 4xx, never a stack trace or a 5xx, and the server keeps
// serving. Each SNAP endpoint is probed with malformed JSON, wrong types and missing fields.

const SNAP_ENDPOINTS = ENDPOINTS.filter((endpoint) => endpoint.envelope === 'snap');

function expectDanaShaped(reply: { status: number; body: any }) {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(reply.body.responseCode).toMatch(/^\d{7}$/);
  expect(reply.status).toBe(Number(reply.body.responseCode.slice(0, 3)));
  expect(typeof reply.body.responseMessage).toBe('string');
  expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('bad input', () => {
  it.each(SNAP_ENDPOINTS.map((endpoint) => [endpoint.key, endpoint.paths[0]]))(
    '%s: malformed, wrong-typed and empty bodies get 4xx in DANA shape',
    async (_key, path) => {
      const t = await createTestSimulator();
      const agent = http(t.sim);
      const before = ledgerState(t.sim);
      const bodies = [
        '{',
        'null',
        '[]',
        '"text"',
        '{"amount":',
        '{}',
        '{"partnerReferenceNo":123,"amount":"1.00"}',
        '{"amount":{"value":1,"currency":"IDR"}}',
        '{"additionalInfo":[]}',
        '\u0000\u0001',
        '{"a":"\ud800"}',
      ];
      for (const body of bodies) {
        const reply = await sendHttp(agent, snapRequest({ path, body, credentials: t.credentials }));
        expectDanaShaped(reply);
      }
      expect(ledgerState(t.sim)).toEqual(before);
    },
  );

  it('answers an oversized body with 400xx00 and keeps serving', async () => {
    const t = await createTestSimulator();
    const agent = http(t.sim, { maxBodyBytes: 10_000 });
    const big = JSON.stringify(topUpBody({ notes: 'x'.repeat(20_000) }));
    const reply = await sendHttp(agent, snapRequest({ path: PATHS.topUp, body: big, credentials: t.credentials }));
    expect(reply).toMatchObject({ status: 400, body: { responseCode: '4003800', responseMessage: 'Bad Request body too large' } });
    const next = await sendHttp(agent, snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }));
    expect(next.body.responseCode).toBe('2003800');
  });

  it('reports an over-long field, a wrong type and a bad date as Invalid Field Format with the field', async () => {
    const t = await createTestSimulator();
    const cases: [Record<string, unknown>, string][] = [
      [{ partnerReferenceNo: 'x'.repeat(65) }, 'Invalid Field Format partnerReferenceNo'],
      [{ categoryId: '12' }, 'Invalid Field Format categoryId'],
      [{ transactionDate: '2030-05-01 00:46:43' }, 'Invalid Field Format transactionDate'],
      [{ additionalInfo: { fundType: 7 } }, 'Invalid Field Format additionalInfo.fundType'],
      [{ additionalInfo: {} }, 'Invalid Mandatory Field additionalInfo.fundType'],
      [{ amount: { value: '1.00' } }, 'Invalid Mandatory Field amount.currency'],
      [{ amount: { value: '99999999999999999999.00', currency: 'IDR' } }, 'Invalid Field Format'],
    ];
    for (const [override, message] of cases) {
      const reply = await t.snap(PATHS.topUp, topUpBody(override));
      expect(reply.body.responseMessage, JSON.stringify(override)).toBe(message);
      expect(reply.status).toBe(400);
    }
  });

  it('answers unknown paths and other methods with an explicit 404 naming the request', async () => {
    const t = await createTestSimulator();
    const agent = http(t.sim);
    const unknown = await agent.post('/v1.0/emoney/nothing.htm').send('{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).responseMessage).toContain('POST /v1.0/emoney/nothing.htm');
    const get = await agent.get(PATHS.topUp);
    expect(get.status).toBe(404);
  });

  it('survives random garbage on every endpoint without a 5xx', async () => {
    const t = await createTestSimulator();
    const agent = http(t.sim);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 60; i++) {
      const endpoint = ENDPOINTS[next() % ENDPOINTS.length];
      const bytes = Buffer.from(Array.from({ length: next() % 200 }, () => next() % 256));
      const response = await agent.post(endpoint.paths[0]).set('content-type', 'application/json').send(bytes);
      expect(response.status, endpoint.key).toBeLessThan(500);
      expect(() => JSON.parse(response.text)).not.toThrow();
    }
  });
});
