import { describe, expect, it } from 'vitest';
import { createTestSimulator, VALID_CUSTOMER } from '../../../test/helpers.ts';
import { cashierPayForm } from '../../../test/cashier-login.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import type { Simulator } from '../../index.ts';
import { apiKeys, clientSecret } from './ids.ts';
import { ACCOUNT } from './state.ts';

// The aggregator's API end to end, in process: real Basic auth, form and JSON bodies, a payment made on
// DANA's cashier pages, the return page, expiry on the simulator clock, refunds with their ledger moves.

const keys = apiKeys('test', ACCOUNT);
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const RETURN = 'https://shop.test/done';
const PAY = `amount=10000&currency=IDR&confirm=true&payment_method_data[type]=dana&return_url=${encodeURIComponent(RETURN)}`;

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function setUp() {
  const { sim } = await createTestSimulator({ background: false });
  const call = async (
    method: string,
    path: string,
    body?: string | Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const json = typeof body === 'object';
    const reply = await sim.fetch(
      new Request(`http://apitest.wooshpay.com${path}`, {
        method,
        headers: {
          authorization: basic(keys.secretKey),
          'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: body === undefined ? undefined : json ? JSON.stringify(body) : body,
      }),
    );
    return { status: reply.status, headers: reply.headers, body: await reply.json() };
  };
  /** The events the product emitted, oldest first (GET /v1/events lists newest first). */
  const events = async (): Promise<{ type: string; object: Record<string, any> }[]> =>
    (await call('GET', '/v1/events?limit=100')).body.data.reverse().map((event: any) => ({ type: event.type, object: event.data.object }));
  return { sim, call, events };
}

async function page(sim: Simulator, path: string, form?: Record<string, string>): Promise<Response> {
  const url = path.startsWith('http') ? path : `${sim.runtime.pagesUrl()}${path}`;
  return sim.fetch(
    new Request(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : {}),
    }),
  );
}

/** Pays an intent's DANA order on the cashier pages; the URL the cashier sends the browser back to. */
async function payOnCashier(sim: Simulator, cashierUrl: string): Promise<string> {
  const bizNo = new URL(cashierUrl).searchParams.get('bizNo')!;
  const post = async (path: string, form: Record<string, string>) => (await page(sim, path, form)).text();
  const paid = await post('/m/portal/cashier/pay', { ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'pay' });
  return /url=([^"]+)"/.exec(paid)![1]!.replace(/&#38;/g, '&');
}

describe('aggregator: authentication and input', () => {
  it('refuses no key, a wrong key and a publishable key, in the aggregator error shape', async () => {
    const { sim, call } = await setUp();
    const none = await call('GET', '/v1/payment_intents', undefined, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    expect(none.body.error.type).toBe('invalid_request_error');
    const wrong = await call('GET', '/v1/payment_intents', undefined, { authorization: basic('sk_test_nope1234') });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'api_key_invalid', message: 'Invalid API Key provided: sk_test_****1234' });
    const publishable = await call('POST', '/v1/payment_intents', PAY, { authorization: basic(keys.publishableKey) });
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe('secret_key_required');
    const unknown = await call('POST', '/v1/payment_intents/pi_1/capture');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Unrecognized request URL (POST: /v1/payment_intents/pi_1/capture).');
    await sim.close();
  });

  it('checks amounts and currency, form-encoded and JSON alike', async () => {
    const { sim, call } = await setUp();
    const create = (amount: unknown, currency = 'IDR') => call('POST', '/v1/payment_intents', { amount, currency });
    expect((await create(99)).body.error).toMatchObject({ code: 'amount_too_small', param: 'amount' });
    expect((await create(300_000_001)).body.error.code).toBe('amount_too_large');
    expect((await create(10.5)).body.error).toMatchObject({ code: 'parameter_invalid_integer', message: 'Invalid integer: 10.5' });
    expect((await create(1000, 'USD')).body.error).toMatchObject({ code: 'currency_not_supported', param: 'currency' });
    const form = await call('POST', '/v1/payment_intents', 'amount=10.5&currency=IDR');
    expect([form.status, form.body.error.code]).toEqual([400, 'parameter_invalid_integer']);
    expect((await call('POST', '/v1/payment_intents', 'currency=IDR')).body.error.message).toBe('Missing required param: amount.');
    expect((await call('POST', '/v1/payment_intents', 'amount=100')).body.error.param).toBe('currency');
    expect((await call('POST', '/v1/payment_intents', 'amount=100&currency=IDR&colour=red')).body.error.code).toBe('parameter_unknown');
    expect((await call('POST', '/v1/payment_intents', '{', { 'content-type': 'application/json' })).status).toBe(400);
    const bad = (extra: string) => call('POST', '/v1/payment_intents', `amount=100&currency=IDR&${extra}`);
    expect((await bad('payment_method_data[type]=card')).body.error.param).toBe('payment_method_data[type]');
    expect((await bad('payment_method_data=dana')).body.error.param).toBe('payment_method_data');
    expect((await bad('payment_method_data[type][x]=1')).body.error.param).toBe('payment_method_data[type]');
    expect((await bad('return_url=notaurl')).body.error.code).toBe('url_invalid');
    expect((await bad('return_url=javascript:alert(1)')).body.error.code).toBe('url_invalid');
    expect((await bad('metadata=x')).body.error.param).toBe('metadata');
    expect((await bad('confirm=maybe')).body.error.code).toBe('parameter_invalid_boolean');
    expect((await bad('confirm=true')).body.error.param).toBe('payment_method_data[type]');
    expect((await bad('confirm=true&payment_method_data[type]=dana')).body.error.param).toBe('return_url');
    expect((await call('GET', '/v1/payment_intents/pi_404')).body.error).toMatchObject({
      code: 'resource_missing',
      message: "No such payment_intent: 'pi_404'",
    });
    await sim.close();
  });

  it('replays an idempotent POST and refuses the key with other parameters', async () => {
    const { sim, call, events } = await setUp();
    const first = await call('POST', '/v1/payment_intents', 'amount=5000&currency=IDR', { 'idempotency-key': 'k1' });
    const again = await call('POST', '/v1/payment_intents', { amount: 5000, currency: 'IDR' }, { 'idempotency-key': 'k1' });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/v1/payment_intents', 'amount=6000&currency=IDR', { 'idempotency-key': 'k1' });
    expect(other.status).toBe(409);
    expect(other.body.error.type).toBe('idempotency_error');
    expect((await call('GET', '/v1/payment_intents')).body.data).toHaveLength(1);
    expect((await events()).map((event) => event.type)).toEqual(['payment_intent.created']);
    await sim.close();
  });
});

describe('aggregator: payment intents', () => {
  it('pays through the cashier: requires_action, succeeded, ledger moved, return page to return_url', async () => {
    const { sim, call, events } = await setUp();
    const merchant = sim.parties.defaultMerchant();
    const settlement = () => sim.runtime.db.ledger.balance(merchantSettlement(merchant.merchantId));
    const user = () => sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER));
    const [settlementBefore, userBefore] = [settlement(), user()];
    const created = await call('POST', '/v1/payment_intents', `${PAY}&description=Tea&metadata[order]=42`);
    expect(created.status).toBe(200);
    const intent = created.body;
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 10000,
      currency: 'IDR',
      status: 'requires_action',
      livemode: false,
      description: 'Tea',
      metadata: { order: '42' },
      client_secret: clientSecret('test', intent.id),
    });
    expect(intent.id).toMatch(/^pi_\d+$/);
    expect(intent.payment_method).toMatch(/^pm_/);
    const url = intent.next_action.dana_handle_redirect.url;
    expect(url).toContain('/m/portal/cashier/checkout?bizNo=');
    expect(intent.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { url, return_url: RETURN } });
    expect(Math.abs(intent.created - sim.clock.now() / 1000)).toBeLessThan(2);
    const back = await payOnCashier(sim, url);
    expect(back).toContain(`/aggregator/return?payment_intent=${intent.id}`);
    expect((await call('GET', `/v1/payment_intents/${intent.id}`)).body).toMatchObject({
      status: 'succeeded',
      amount_received: 10000,
      next_action: null,
    });
    expect(settlement() - settlementBefore).toBe(10000_00);
    expect(userBefore - user()).toBe(10000_00);
    const redirected = await page(sim, back);
    expect(redirected.status).toBe(302);
    const target = new URL(redirected.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(RETURN);
    expect(Object.fromEntries(target.searchParams)).toEqual({
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: 'succeeded',
    });
    expect((await page(sim, '/aggregator/return?payment_intent=pi_0')).status).toBe(404);
    expect((await events()).map((event) => event.type)).toEqual([
      'payment_intent.created',
      'payment_intent.requires_action',
      'payment_intent.succeeded',
    ]);
    expect((await events())[2]!.object).toMatchObject({ id: intent.id, status: 'succeeded' });
    const cancel = await call('POST', `/v1/payment_intents/${intent.id}/cancel`, '');
    expect(cancel.body.error).toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: 'You cannot cancel this PaymentIntent because it has a status of succeeded.',
    });
    await sim.close();
  });

  it('creates without confirming, updates, confirms later, lists newest first', async () => {
    const { sim, call } = await setUp();
    const bare = (await call('POST', '/v1/payment_intents', { amount: 2000, currency: 'idr', metadata: { a: '1', b: '2' } })).body;
    expect(bare).toMatchObject({ status: 'requires_payment_method', currency: 'IDR', next_action: null, payment_method: null });
    const updated = await call(
      'POST',
      `/v1/payment_intents/${bare.id}`,
      'amount=3000&metadata[a]=&metadata[c]=3&payment_method_data[type]=dana&description=Cake',
    );
    expect(updated.body).toMatchObject({
      status: 'requires_confirmation',
      amount: 3000,
      metadata: { b: '2', c: '3' },
      description: 'Cake',
    });
    expect((await call('POST', `/v1/payment_intents/${bare.id}`, 'amount=1')).body.error.code).toBe('amount_too_small');
    expect((await call('POST', `/v1/payment_intents/${bare.id}/confirm`, '')).body.error.param).toBe('return_url');
    const confirmed = await call('POST', `/v1/payment_intents/${bare.id}/confirm`, { return_url: RETURN });
    expect(confirmed.body).toMatchObject({ status: 'requires_action', return_url: RETURN });
    expect((await call('POST', `/v1/payment_intents/${bare.id}`, 'amount=5000')).body.error.message).toBe(
      'You cannot update this PaymentIntent because it has a status of requires_action.',
    );
    expect((await call('POST', `/v1/payment_intents/${bare.id}/confirm`, '')).body.error.code).toBe('payment_intent_unexpected_state');
    const second = (await call('POST', '/v1/payment_intents', 'amount=4000&currency=IDR&metadata=')).body;
    const list = await call('GET', '/v1/payment_intents?limit=1');
    expect(list.body).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true });
    expect(list.body.data.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const older = await call('GET', `/v1/payment_intents?starting_after=${second.id}&ending_before=${bare.id}`);
    expect(older.status).toBe(400);
    const next = await call('GET', `/v1/payment_intents?starting_after=${second.id}`);
    expect(next.body.data.map((item: { id: string }) => item.id)).toEqual([bare.id]);
    expect((await call('GET', `/v1/payment_intents?ending_before=${bare.id}`)).body.data).toHaveLength(1);
    expect((await call('GET', '/v1/payment_intents?limit=abc')).status).toBe(400);
    expect((await call('GET', '/v1/payment_intents?page=2')).body.error.code).toBe('parameter_unknown');
    expect((await call('GET', `/v1/payment_intents/${bare.id}?colour=red`)).status).toBe(400);
    for (const [path, body] of [
      [`/v1/payment_intents/${bare.id}`, 'colour=red'],
      [`/v1/payment_intents/${bare.id}/confirm`, 'colour=red'],
      [`/v1/payment_intents/${bare.id}/confirm`, 'return_url=x'],
      ['/v1/payment_intents/pi_0', 'amount=100'],
      ['/v1/payment_intents/pi_0/confirm', ''],
    ] as const)
      expect((await call('POST', path, body)).status, path).toBeGreaterThanOrEqual(400);
    await sim.close();
  });

  it('cancels through the API (closing the DANA order) and on expiry (abandoned)', async () => {
    const { sim, call, events } = await setUp();
    const first = (await call('POST', '/v1/payment_intents', PAY)).body;
    expect((await call('POST', `/v1/payment_intents/${first.id}/cancel`, 'cancellation_reason=nope')).body.error.param).toBe(
      'cancellation_reason',
    );
    expect((await call('POST', `/v1/payment_intents/${first.id}/cancel`, 'colour=red')).status).toBe(400);
    expect((await call('POST', '/v1/payment_intents/pi_0/cancel', '')).status).toBe(404);
    const canceled = await call('POST', `/v1/payment_intents/${first.id}/cancel`, 'cancellation_reason=requested_by_customer');
    expect(canceled.body).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer', next_action: null });
    expect(canceled.body.canceled_at).toBeGreaterThan(0);
    const order = (await sim.fetch(new Request('http://127.0.0.1/__sim/orders'))).json() as Promise<
      { partnerReferenceNo: string; status: string }[]
    >;
    expect((await order).find((row) => row.partnerReferenceNo === first.id)?.status).toBe('05');
    const second = (await call('POST', '/v1/payment_intents', PAY)).body;
    await sim.fetch(
      new Request('http://127.0.0.1/__sim/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ duration: '31m' }),
      }),
    );
    await sim.runtime.settle();
    expect((await call('GET', `/v1/payment_intents/${second.id}`)).body).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
    });
    expect((await events()).filter((event) => event.type === 'payment_intent.canceled').map((event) => event.object.id)).toEqual([
      first.id,
      second.id,
    ]);
    await sim.close();
  });
});

describe('aggregator: refunds', () => {
  async function paid() {
    const context = await setUp();
    const intent = (await context.call('POST', '/v1/payment_intents', PAY)).body;
    await payOnCashier(context.sim, intent.next_action.dana_handle_redirect.url);
    return { ...context, intent };
  }

  it('refunds in full once, with the money back to the payer', async () => {
    const { sim, call, events, intent } = await paid();
    const user = () => sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER));
    const before = user();
    const refund = await call('POST', '/v1/refunds', { payment_intent: intent.id, reason: 'requested_by_customer' });
    expect(refund.body).toMatchObject({ object: 'refund', amount: 10000, currency: 'IDR', status: 'succeeded', payment_intent: intent.id });
    expect(refund.body.id).toMatch(/^re_\d+$/);
    expect(user() - before).toBe(10000_00);
    expect((await call('GET', `/v1/refunds/${refund.body.id}`)).body).toEqual(refund.body);
    expect((await call('GET', '/v1/refunds/re_0')).body.error.code).toBe('resource_missing');
    expect((await call('GET', `/v1/refunds/${refund.body.id}?x=1`)).status).toBe(400);
    expect((await call('POST', '/v1/refunds', { payment_intent: intent.id })).body.error.code).toBe('charge_already_refunded');
    expect((await events()).at(-1)).toMatchObject({ type: 'charge.refund.updated', object: { id: refund.body.id } });
    await sim.close();
  });

  it('takes one partial refund, refuses a second and any amount over the remainder', async () => {
    const { sim, call, intent } = await paid();
    const over = await call('POST', '/v1/refunds', `payment_intent=${intent.id}&amount=10001`);
    expect(over.body.error).toMatchObject({
      code: 'amount_too_large',
      message: 'Refund amount (10001) is greater than unrefunded amount on payment (10000).',
    });
    const partial = await call('POST', '/v1/refunds', `payment_intent=${intent.id}&amount=4000`);
    expect(partial.body).toMatchObject({ amount: 4000, status: 'succeeded' });
    const second = await call('POST', '/v1/refunds', `payment_intent=${intent.id}&amount=1000`);
    expect(second.body.error).toMatchObject({ code: 'refund_not_allowed', param: 'payment_intent' });
    expect(second.body.error.message).toContain(partial.body.id);
    for (const body of [
      'amount=100',
      `payment_intent=${intent.id}&amount=0`,
      `payment_intent=${intent.id}&reason=bored`,
      `payment_intent=${intent.id}&metadata=x`,
      'payment_intent=pi_0',
      'colour=red',
      `payment_intent=${intent.id}&amount=x`,
    ])
      expect((await call('POST', '/v1/refunds', body)).status, body).toBeGreaterThanOrEqual(400);
    const unpaid = (await call('POST', '/v1/payment_intents', 'amount=100&currency=IDR')).body;
    expect((await call('POST', '/v1/refunds', `payment_intent=${unpaid.id}`)).body.error.message).toContain('requires_payment_method');
    await sim.close();
  });

  it('refuses a refund after the 45-day window', async () => {
    const { sim, call, intent } = await paid();
    const advanced = await sim.fetch(
      new Request('http://127.0.0.1/__sim/clock/advance', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ duration: '46d' }),
      }),
    );
    expect(advanced.status).toBe(200);
    const refused = await call('POST', '/v1/refunds', `payment_intent=${intent.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'charge_expired_for_refund']);
    await sim.close();
  });
});
