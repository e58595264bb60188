import { describe, expect, it } from 'vitest';
import { createTestSimulator } from '../../../test/helpers.ts';
import { NOTIFICATIONS } from '../../notifications/outbox.ts';
import { apiKeys } from './ids.ts';
import { aggregator as product } from './index.ts';
import { ACCOUNT } from './state.ts';

// The product around the API: its request-log lines, its own error shape for what the simulator
// refuses (a body over the limit), and the credentials file a WooshPay client is pointed with.

const keys = apiKeys('test', ACCOUNT);
const auth = `Basic ${Buffer.from(`${keys.secretKey}:`).toString('base64')}`;

describe('aggregator product', () => {
  it('logs each call with its endpoint, code and ids', async () => {
    const { sim } = await createTestSimulator({ background: false });
    const created = await sim.fetch(
      new Request('http://apitest.wooshpay.com/v1/payment_intents', {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'amount=100&currency=IDR',
      }),
    );
    const { id } = (await created.json()) as { id: string };
    expect(sim.log.query({}).at(-1)).toMatchObject({
      endpoint: 'paymentIntents.create',
      code: 'requires_payment_method',
      references: { paymentIntent: id },
    });
    await sim.fetch(
      new Request(`http://apitest.wooshpay.com/v1/refunds`, {
        method: 'POST',
        headers: { authorization: auth },
        body: `payment_intent=${id}`,
      }),
    );
    expect(sim.log.query({}).at(-1)).toMatchObject({ endpoint: 'refunds.create', code: 'payment_intent_unexpected_state' });
    await sim.fetch(new Request('http://apitest.wooshpay.com/v1/payment_intents'));
    expect(sim.log.query({}).at(-1)).toMatchObject({ endpoint: 'paymentIntents.list', code: 'invalid_request_error', httpStatus: 401 });
    await sim.close();
  });

  it('answers what the simulator refuses in the aggregator error shape', async () => {
    const { sim } = await createTestSimulator({ background: false, maxBodyBytes: 10 });
    const large = await sim.fetch(new Request('http://apitest.wooshpay.com/v1/payment_intents', { method: 'POST', body: 'x'.repeat(11) }));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(JSON.parse(product.api!.failure(500, 'boom').body)).toEqual({ error: { type: 'api_error', message: 'boom' } });
    await sim.close();
  });

  it('writes the keys and the API base a WooshPay client needs', async () => {
    const { sim } = await createTestSimulator({ background: false });
    expect(product.credentialsFile!.env(sim.runtime)).toEqual({
      WOOSHPAY_SECRET_KEY: keys.secretKey,
      WOOSHPAY_PUBLISHABLE_KEY: keys.publishableKey,
      WOOSHPAY_API_BASE: 'https://apitest.wooshpay.com',
    });
    await sim.close();
    const served = await createTestSimulator({ background: false, pagesUrl: 'http://127.0.0.1:8787' });
    expect(product.credentialsFile!.env(served.sim.runtime)?.WOOSHPAY_API_BASE).toBe('http://127.0.0.1:8787');
    await served.sim.close();
  });

  it('serves webhook endpoints with Idempotency-Key, queues signed deliveries of its events, and adds the secret to aggregator.env', async () => {
    const { sim } = await createTestSimulator({ background: false });
    const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
      sim.fetch(
        new Request(`http://apitest.wooshpay.com${path}`, {
          method,
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body,
        }),
      );
    const body = `url=${encodeURIComponent('https://shop.test/hooks')}&enabled_events[]=*`;
    const created = await call('POST', '/v1/webhook_endpoints', body, { 'idempotency-key': 'we-1' });
    const endpoint = (await created.json()) as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(sim.log.query({}).at(-1)?.endpoint).toMatch(/webhook_endpoints/);
    const replayed = await call('POST', '/v1/webhook_endpoints', body, { 'idempotency-key': 'we-1' });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replayed.json()) as { id: string }).id).toBe(endpoint.id);
    expect(sim.log.query({}).at(-1)?.endpoint).toBe('webhooks.replay');
    expect((await call('POST', '/v1/webhook_endpoints', '{', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await call('GET', `/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(200);
    expect(product.credentialsFile!.env(sim.runtime)?.WOOSHPAY_WEBHOOK_SECRET).toBe(endpoint.secret);
    await call('POST', '/v1/payment_intents', 'amount=100&currency=IDR');
    const queued = [...sim.runtime.db.values<{ url: string; body: { type: string } }>(NOTIFICATIONS)];
    expect(queued.map((record) => [record.url, record.body.type])).toEqual([['https://shop.test/hooks', 'payment_intent.created']]);
    await sim.close();
  });
});
