import { afterEach, describe, expect, it } from 'vitest';
import { controlCall, createTestSimulator } from '../../../test/helpers.ts';
import { startReceiver, type Receiver } from '../../../test/receiver.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import type { Product, Runtime } from '../../core/product.ts';
import type { Simulator } from '../../index.ts';
import { PRODUCTS } from '../index.ts';
import { NOTIFICATIONS, type NotificationRecord } from '../../notifications/outbox.ts';
import { verifyWooshpaySignature } from '../../verify.ts';
import { EVENT_DELIVERY_ATTEMPTS, EVENT_RETRY_SCHEDULE_S } from '../../../contracts/aggregator/events.ts';
import { authenticate } from './auth.ts';
import { apiKeys } from './ids.ts';
import { fail, renderError, renderJson } from './render.ts';
import { WEBHOOK_ROUTES, WEBHOOK_TABLES, emitEvent, matchWebhookRoute, webhookKinds, webhookSecretEnv } from './webhooks.ts';

// Webhook endpoints, events and signed deliveries, served by a minimal product that authenticates
// and dispatches to WEBHOOK_ROUTES (the real aggregator product registers them the same way), on a
// frozen clock with loopback receivers standing in for merchants' servers.

const ACCOUNT = 'acct_test';
const keysOf = (runtime: Runtime) => [{ account: ACCOUNT, ...apiKeys(runtime.seed, ACCOUNT) }];

const hooksProduct: Product = {
  name: 'agg-hooks-test',
  tables: WEBHOOK_TABLES,
  notificationKinds: webhookKinds,
  credentialsFile: { name: 'aggregator.env', env: webhookSecretEnv },
  api: {
    hosts: ['apitest.wooshpay.com'],
    matches: (_method, path) => path.startsWith('/v1/'),
    failure: (status, message) => renderJson(status, { error: { type: 'api_error', message } }),
    handle(runtime, request) {
      const who = authenticate(request.headers.authorization, keysOf(runtime));
      if (!who.ok) return renderError(who.failure);
      const route = matchWebhookRoute(request.method, request.url.pathname);
      if (!route) return renderError(fail('route_unknown', { method: request.method, path: request.url.pathname }));
      return route.handler(runtime, request, route.params, who.account);
    },
  },
};

const receivers: Receiver[] = [];
const sims: Simulator[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const sim of sims.splice(0)) await sim.close();
});

async function receiver(answers = [{ status: 200, body: '' }]) {
  const started = await startReceiver(answers);
  receivers.push(started);
  return started;
}

async function setup() {
  const { sim } = await createTestSimulator({
    // The served aggregator would answer /v1/ first: this minimal product stands in for it.
    products: PRODUCTS.filter((product) => product.name !== 'aggregator'),
    extensions: [hooksProduct],
    background: false,
    clock: SimulatorClock.frozen(Date.UTC(2030, 0, 1)),
  });
  sims.push(sim);
  const secretKey = apiKeys(sim.runtime.seed, ACCOUNT).secretKey;
  const auth = `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;
  const api = async (method: string, path: string, body?: string | Record<string, unknown>, authorization = auth) => {
    const json = typeof body === 'object';
    const reply = await sim.fetch(
      new Request(`http://localhost${path}`, {
        method,
        headers: { authorization, 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: body === undefined ? undefined : json ? JSON.stringify(body) : body,
      }),
    );
    return { status: reply.status, body: (await reply.json()) as any };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const reply = await controlCall(sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  const emit = async (type: string, object: Record<string, unknown> = { id: 'pi_1', object: 'payment_intent' }) => {
    sim.runtime.db.transact((tx) => emitEvent(tx, sim.runtime, type, object));
    await sim.runDueWork();
  };
  const delivery = (id: string) => sim.runtime.db.get<NotificationRecord>(NOTIFICATIONS, id)!;
  return { sim, api, control, emit, delivery };
}

const form = (url: string, ...events: string[]) =>
  [`url=${encodeURIComponent(url)}`, ...events.map((type) => `enabled_events[]=${encodeURIComponent(type)}`)].join('&');

describe('webhook endpoints', () => {
  it('shows the whsec_ secret in the create reply only', async () => {
    const { api, sim } = await setup();
    const created = await api(
      'POST',
      '/v1/webhook_endpoints',
      `${form('https://shop.example/hooks', 'payment_intent.succeeded')}&description=shop&metadata[team]=pay`,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'webhook_endpoint',
      api_version: null,
      created: Date.UTC(2030, 0, 1) / 1000,
      description: 'shop',
      enabled_events: ['payment_intent.succeeded'],
      livemode: false,
      metadata: { team: 'pay' },
      status: 'enabled',
      url: 'https://shop.example/hooks',
    });
    expect(created.body.id).toMatch(/^we_\d+$/);
    expect(created.body.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    const retrieved = await api('GET', `/v1/webhook_endpoints/${created.body.id}`);
    expect(retrieved.body).toEqual({ ...created.body, secret: undefined });
    expect(retrieved.body).not.toHaveProperty('secret');
    const listed = await api('GET', '/v1/webhook_endpoints');
    expect(listed.body).toMatchObject({ object: 'list', url: '/v1/webhook_endpoints', has_more: false });
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).not.toHaveProperty('secret');
    expect(webhookSecretEnv(sim.runtime)).toEqual({ WOOSHPAY_WEBHOOK_SECRET: created.body.secret });
    expect(sim.log.query({}).at(-1)).toMatchObject({ endpoint: 'webhook_endpoints.list', code: 'ok' });
  });

  it('pages newest first and takes JSON bodies too', async () => {
    const { api } = await setup();
    const ids: string[] = [];
    for (let n = 0; n < 3; n++)
      ids.push((await api('POST', '/v1/webhook_endpoints', { url: `http://127.0.0.1:9/${n}`, enabled_events: ['*'] })).body.id);
    const first = await api('GET', '/v1/webhook_endpoints?limit=2');
    expect(first.body.data.map((row: { id: string }) => row.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    const next = await api('GET', `/v1/webhook_endpoints?limit=2&starting_after=${ids[1]}`);
    expect(next.body).toMatchObject({ has_more: false, data: [{ id: ids[0] }] });
    expect((await api('GET', '/v1/webhook_endpoints?limit=0')).body.error.param).toBe('limit');
    expect((await api('GET', '/v1/webhook_endpoints?limit=x')).body.error.code).toBe('parameter_invalid_integer');
    expect((await api('GET', '/v1/webhook_endpoints?colour=red')).body.error.code).toBe('parameter_unknown');
    expect((await api('GET', '/v1/webhook_endpoints?starting_after[a]=1')).body.error.code).toBe('parameter_invalid_string');
  });

  it('refuses bad input in its own error shape and changes nothing', async () => {
    const { api, sim } = await setup();
    const refused = async (body: string | Record<string, unknown>, status: number, error: Record<string, unknown>) => {
      const reply = await api('POST', '/v1/webhook_endpoints', body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error, JSON.stringify(body)).toMatchObject(error);
    };
    await refused('enabled_events[]=*', 400, { code: 'parameter_missing', param: 'url', message: 'Missing required param: url.' });
    await refused('url=https://a.example', 400, { code: 'parameter_missing', param: 'enabled_events' });
    await refused(form('ftp://a.example', '*'), 400, { code: 'url_invalid', param: 'url', message: 'Not a valid URL' });
    await refused(form('not a url', '*'), 400, { code: 'url_invalid' });
    await refused(form('https://a.example', '*', 'charge.nope'), 400, { type: 'invalid_request_error', param: 'enabled_events[1]' });
    await refused({ url: 'https://a.example', enabled_events: [] }, 400, { code: 'parameter_missing', param: 'enabled_events' });
    await refused({ url: 'https://a.example', enabled_events: { a: 1 } }, 400, { param: 'enabled_events' });
    await refused({ url: 'https://a.example', enabled_events: '*', metadata: [1] }, 400, { param: 'metadata' });
    await refused({ url: 'https://a.example', enabled_events: '*', metadata: { a: {} } }, 400, { code: 'parameter_invalid_string' });
    await refused({ url: 'https://a.example', enabled_events: '*', description: 5 }, 400, { code: 'parameter_invalid_string' });
    await refused({ url: 5, enabled_events: '*' }, 400, { code: 'parameter_invalid_string', param: 'url' });
    await refused(`${form('https://a.example', '*')}&secret=whsec_mine`, 400, { code: 'parameter_unknown', param: 'secret' });
    await refused('{"url":', 400, { type: 'invalid_request_error' });
    expect((await api('POST', '/v1/webhook_endpoints', form('https://a.example', '*'), 'Basic eDo=')).status).toBe(401);
    const unknown = await api('GET', '/v1/webhook_endpoints/we_404');
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'resource_missing', message: "No such webhook_endpoint: 'we_404'" } },
    });
    expect((await api('DELETE', '/v1/webhook_endpoints/we_404')).status).toBe(404);
    expect((await api('POST', '/v1/webhook_endpoints/we_404', 'disabled=true')).status).toBe(404);
    expect((await api('GET', '/v1/nothing/here')).status).toBe(404);
    expect((await api('GET', '/v1/webhook_endpoints')).body.data).toEqual([]);
    expect(webhookSecretEnv(sim.runtime)).toEqual({});
  });

  it('updates url, events, description and metadata; an empty value removes a metadata key', async () => {
    const { api } = await setup();
    const { id } = (await api('POST', '/v1/webhook_endpoints', `${form('https://a.example', '*')}&metadata[a]=1&metadata[b]=2`)).body;
    const updated = await api(
      'POST',
      `/v1/webhook_endpoints/${id}`,
      `url=https%3A%2F%2Fb.example&enabled_events[]=charge.refund.updated&description=&metadata[a]=&metadata[c]=3`,
    );
    expect(updated.body).toMatchObject({
      id,
      url: 'https://b.example',
      enabled_events: ['charge.refund.updated'],
      description: null,
      metadata: { b: '2', c: '3' },
    });
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'metadata=')).body.metadata).toEqual({});
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'disabled=maybe')).body.error.code).toBe('parameter_invalid_boolean');
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'url=x')).body.error.code).toBe('url_invalid');
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'enabled_events[]=x')).status).toBe(400);
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'metadata[x][y]=1')).status).toBe(400);
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'description[x]=1')).status).toBe(400);
    expect((await api('POST', `/v1/webhook_endpoints/${id}`, 'secret=1')).body.error.code).toBe('parameter_unknown');
    expect((await api('GET', `/v1/webhook_endpoints/${id}`)).body.url).toBe('https://b.example');
  });
});

describe('events and signed deliveries', () => {
  it('delivers an event to the endpoints listening for it, signed with each endpoint secret', async () => {
    const { api, emit, sim } = await setup();
    const all = await receiver();
    const paid = await receiver();
    const refunds = await receiver();
    const star = (await api('POST', '/v1/webhook_endpoints', form(`${all.url}/all`, '*'))).body;
    const onPaid = (await api('POST', '/v1/webhook_endpoints', form(`${paid.url}/paid`, 'payment_intent.succeeded'))).body;
    await api('POST', '/v1/webhook_endpoints', form(`${refunds.url}/refunds`, 'charge.refund.updated'));
    await emit('payment_intent.succeeded', { id: 'pi_7', object: 'payment_intent', status: 'succeeded' });
    expect(refunds.received).toHaveLength(0);
    expect(all.received).toHaveLength(1);
    expect(paid.received).toHaveLength(1);
    const call = paid.received[0]!;
    expect(call).toMatchObject({ method: 'POST', path: '/paid', headers: { 'content-type': 'application/json' } });
    const event = JSON.parse(call.body);
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_\d+$/),
      object: 'event',
      api_version: null,
      created: Date.UTC(2030, 0, 1) / 1000,
      data: { object: { id: 'pi_7', object: 'payment_intent', status: 'succeeded' } },
      livemode: false,
      pending_webhooks: 2,
      type: 'payment_intent.succeeded',
    });
    const header = String(call.headers['wooshpay-signature']);
    expect(header).toMatch(new RegExp(`^t=${Date.UTC(2030, 0, 1) / 1000},v1=[0-9a-f]{64}$`));
    const now = sim.clock.now();
    expect(verifyWooshpaySignature(call.body, header, onPaid.secret, { now })).toEqual({ ok: true, timestamp: now / 1000 });
    expect(verifyWooshpaySignature(call.body, header, star.secret, { now }).ok).toBe(false);
    expect(verifyWooshpaySignature(call.body.replace('pi_7', 'pi_8'), header, onPaid.secret, { now }).ok).toBe(false);
    expect(
      verifyWooshpaySignature(all.received[0]!.body, String(all.received[0]!.headers['wooshpay-signature']), star.secret, { now }).ok,
    ).toBe(true);
    // The API shows the event, with no delivery left pending.
    const retrieved = await api('GET', `/v1/events/${event.id}`);
    expect(retrieved.body).toEqual({ ...event, pending_webhooks: 0 });
    await emit('charge.refund.updated', { id: 're_1', object: 'refund' });
    const listed = await api('GET', '/v1/events');
    expect(listed.body.data.map((row: { type: string }) => row.type)).toEqual(['charge.refund.updated', 'payment_intent.succeeded']);
    const filtered = await api('GET', '/v1/events?type=payment_intent.succeeded&limit=5');
    expect(filtered.body.data.map((row: { id: string }) => row.id)).toEqual([event.id]);
    expect((await api('GET', '/v1/events?limit=500')).status).toBe(400);
    expect((await api('GET', '/v1/events?type[]=x')).status).toBe(400);
    expect((await api('GET', '/v1/events/evt_404')).body.error.message).toBe("No such event: 'evt_404'");
  });

  it('retries a failing receiver 18 times over 72 hours, then gives up; every attempt is listed and resendable', async () => {
    const { api, emit, control, delivery, sim } = await setup();
    const down = await receiver([{ status: 500, body: 'down' }]);
    const endpoint = (await api('POST', '/v1/webhook_endpoints', form(down.url, 'payment_intent.created'))).body;
    await emit('payment_intent.created');
    const eventId = (await api('GET', '/v1/events')).body.data[0].id;
    const id = `${eventId}:${endpoint.id}`;
    const start = sim.clock.now();
    for (const delayS of EVENT_RETRY_SCHEDULE_S) {
      expect(delivery(id).status).toBe('pending');
      expect((await control('POST', '/clock/advance', { duration: `${delayS}s` })).status).toBe(200);
    }
    expect(EVENT_RETRY_SCHEDULE_S.reduce((sum, s) => sum + s, 0)).toBe(72 * 3600);
    const record = delivery(id);
    expect(record.status).toBe('failed');
    expect(record.attempts).toHaveLength(EVENT_DELIVERY_ATTEMPTS);
    expect(EVENT_DELIVERY_ATTEMPTS).toBe(18);
    expect(record.attempts.at(-1)!.at - start).toBe(72 * 3600 * 1000);
    expect(down.received).toHaveLength(18);
    // Every attempt carried a signature for its own moment.
    down.received.forEach((call, index) => {
      const at = record.attempts[index]!.at;
      const verdict = verifyWooshpaySignature(call.body, String(call.headers['wooshpay-signature']), endpoint.secret, { now: at });
      expect(verdict).toEqual({ ok: true, timestamp: at / 1000 });
    });
    expect((await api('GET', `/v1/events/${eventId}`)).body.pending_webhooks).toBe(1);
    const listed = (await control('GET', '/webhooks')).body as NotificationRecord[];
    expect(listed.find((row) => row.id === id)).toMatchObject({ kind: 'aggregator.event', status: 'failed', url: down.url });
    // Resent later, with a new timestamp and a signature that still verifies.
    down.answers = [{ status: 204 }];
    await control('POST', '/clock/advance', { duration: '1h' });
    const resent = await control('POST', '/webhooks/resend', { id });
    expect(resent.body).toMatchObject({ status: 'delivered' });
    const last = down.received.at(-1)!;
    const header = String(last.headers['wooshpay-signature']);
    expect(header).not.toBe(String(down.received[0]!.headers['wooshpay-signature']));
    expect(verifyWooshpaySignature(last.body, header, endpoint.secret, { now: sim.clock.now() })).toEqual({
      ok: true,
      timestamp: sim.clock.now() / 1000,
    });
    expect((await api('GET', `/v1/events/${eventId}`)).body.pending_webhooks).toBe(0);
  });

  it('stops delivering to an endpoint once it is disabled or deleted', async () => {
    const { api, emit, control, delivery } = await setup();
    const down = await receiver([{ status: 503, body: '' }]);
    const toDisable = (await api('POST', '/v1/webhook_endpoints', form(`${down.url}/a`, '*'))).body;
    const toDelete = (await api('POST', '/v1/webhook_endpoints', form(`${down.url}/b`, '*'))).body;
    await emit('payment_intent.canceled');
    expect(down.received).toHaveLength(2);
    const eventId = (await api('GET', '/v1/events')).body.data[0].id;
    const disabled = await api('POST', `/v1/webhook_endpoints/${toDisable.id}`, 'disabled=true');
    expect(disabled.body.status).toBe('disabled');
    const deleted = await api('DELETE', `/v1/webhook_endpoints/${toDelete.id}`);
    expect(deleted.body).toEqual({ id: toDelete.id, object: 'webhook_endpoint', deleted: true });
    expect((await api('GET', `/v1/webhook_endpoints/${toDelete.id}`)).status).toBe(404);
    for (const [endpoint, why] of [
      [toDisable, 'disabled'],
      [toDelete, 'deleted'],
    ] as const) {
      const record = delivery(`${eventId}:${endpoint.id}`);
      expect(record.status).toBe('failed');
      expect(record.attempts.at(-1)!.error).toBe(`not sent: webhook endpoint ${endpoint.id} was ${why}`);
    }
    await control('POST', '/clock/advance', { duration: '3d' });
    await emit('payment_intent.succeeded');
    expect(down.received).toHaveLength(2);
    // Enabled again, it gets new events (not the stopped ones); the deleted one stays gone.
    down.answers = [{ status: 200, body: '' }];
    expect((await api('POST', `/v1/webhook_endpoints/${toDisable.id}`, 'disabled=false')).body.status).toBe('enabled');
    await emit('payment_intent.succeeded');
    expect(down.received.map((call) => call.path)).toEqual(['/a', '/b', '/a']);
    expect((await api('GET', '/v1/webhook_endpoints')).body.data.map((row: { id: string }) => row.id)).toEqual([toDisable.id]);
    expect((await api('DELETE', `/v1/webhook_endpoints/${toDelete.id}`)).status).toBe(404);
  });

  it('keeps an account to its own endpoints when the event names one', async () => {
    const { api, sim } = await setup();
    const mine = await receiver();
    await api('POST', '/v1/webhook_endpoints', form(mine.url, '*'));
    sim.runtime.db.transact((tx) => emitEvent(tx, sim.runtime, 'payment_intent.created', { id: 'pi_x' }, 'acct_other'));
    await sim.runDueWork();
    expect(mine.received).toHaveLength(0);
    expect((await api('GET', '/v1/events')).body.data).toEqual([]);
    sim.runtime.db.transact((tx) => emitEvent(tx, sim.runtime, 'payment_intent.created', { id: 'pi_y' }, ACCOUNT));
    await sim.runDueWork();
    expect(mine.received).toHaveLength(1);
    expect((await api('GET', '/v1/events')).body.data).toHaveLength(1);
  });
});

describe('matchWebhookRoute', () => {
  it('reads the {id} segment and refuses what is not a webhook route', () => {
    expect(matchWebhookRoute('get', '/v1/events/evt_1')?.params).toEqual({ id: 'evt_1' });
    expect(matchWebhookRoute('GET', '/v1/events')?.params).toEqual({});
    expect(matchWebhookRoute('GET', '/v1/events/')).toBeUndefined();
    expect(matchWebhookRoute('GET', '/v1/events/%E0%A4%A')).toBeUndefined();
    expect(matchWebhookRoute('PUT', '/v1/events/evt_1')).toBeUndefined();
  });
});

describe('WEBHOOK_ROUTES', () => {
  it("lists the seven calls and works inside a caller's open transaction", async () => {
    expect(Object.keys(WEBHOOK_ROUTES).sort()).toEqual([
      'DELETE /v1/webhook_endpoints/{id}',
      'GET /v1/events',
      'GET /v1/events/{id}',
      'GET /v1/webhook_endpoints',
      'GET /v1/webhook_endpoints/{id}',
      'POST /v1/webhook_endpoints',
      'POST /v1/webhook_endpoints/{id}',
    ]);
    const { sim } = await setup();
    const request = (method: string, path: string, body = '') => ({
      method,
      url: new URL(`http://localhost${path}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const created = sim.runtime.db.transact((tx) =>
      WEBHOOK_ROUTES['POST /v1/webhook_endpoints']!(
        sim.runtime,
        request('POST', '/v1/webhook_endpoints', form('https://a.example', '*')),
        {},
        ACCOUNT,
        tx,
      ),
    );
    const { id } = JSON.parse(created.body);
    expect(created.log).toMatchObject({ endpoint: 'webhook_endpoints.create', code: 'ok', references: { webhookEndpoint: id } });
    const disabled = sim.runtime.db.transact((tx) =>
      WEBHOOK_ROUTES['POST /v1/webhook_endpoints/{id}']!(
        sim.runtime,
        request('POST', `/v1/webhook_endpoints/${id}`, 'disabled=true'),
        { id },
        ACCOUNT,
        tx,
      ),
    );
    expect(JSON.parse(disabled.body).status).toBe('disabled');
    const deleted = sim.runtime.db.transact((tx) =>
      WEBHOOK_ROUTES['DELETE /v1/webhook_endpoints/{id}']!(
        sim.runtime,
        request('DELETE', `/v1/webhook_endpoints/${id}`),
        { id },
        ACCOUNT,
        tx,
      ),
    );
    expect(JSON.parse(deleted.body)).toMatchObject({ deleted: true });
    expect(WEBHOOK_ROUTES['GET /v1/webhook_endpoints/{id}']!(sim.runtime, request('GET', '/'), {}, ACCOUNT).status).toBe(404);
  });
});
