import { describe, expect, it } from 'vitest';
import { createTestSimulator } from '../../../test/helpers.ts';
import { apiKeys } from './ids.ts';
import { SESSIONS_TABLE } from './sessions.ts';
import { ACCOUNT } from './state.ts';

// Checkout Sessions over the API, in process: creation with its intent underneath, every refusal in
// Stripe's error shape with nothing stored, retrieval, expiry by API and on the simulator clock.

const key = apiKeys('test', ACCOUNT).secretKey;
const ITEMS =
  'line_items[0][price_data][currency]=idr&line_items[0][price_data][unit_amount]=15000&line_items[0][price_data][product_data][name]=Kopi%20%3Cb%3E' +
  '&line_items[0][quantity]=2&line_items[1][price_data][currency]=IDR&line_items[1][price_data][unit_amount]=5000' +
  '&line_items[1][price_data][product_data][name]=Roti&line_items[1][quantity]=1';
const SESSION = `mode=payment&${ITEMS}&success_url=www.example.com%2Fok%3Fs%3D%7BCHECKOUT_SESSION_ID%7D&cancel_url=https%3A%2F%2Fshop.test%2Fback`;

async function setUp() {
  const { sim } = await createTestSimulator({ background: false });
  const call = async (method: string, path: string, body?: string | object, headers: Record<string, string> = {}) => {
    const json = typeof body === 'object';
    const reply = await sim.fetch(
      new Request(`http://apitest.wooshpay.com${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: body === undefined ? undefined : json ? JSON.stringify(body) : body,
      }),
    );
    return { status: reply.status, headers: reply.headers, body: (await reply.json()) as any };
  };
  const types = async () =>
    ((await call('GET', '/v1/events?limit=100')).body.data as { type: string }[]).map((event) => event.type).reverse();
  return { sim, call, types };
}

describe('aggregator: checkout sessions', () => {
  it('creates an open, unpaid session with its PaymentIntent underneath, and retrieves it', async () => {
    const { sim, call, types } = await setUp();
    const created = await call('POST', '/v1/checkout/sessions', `${SESSION}&client_reference_id=order-7&metadata[cart]=42`);
    expect(created.status).toBe(200);
    const session = created.body;
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 35000,
      amount_total: 35000,
      currency: 'IDR',
      mode: 'payment',
      success_url: 'www.example.com/ok?s={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.test/back',
      client_reference_id: 'order-7',
      metadata: { cart: '42' },
      livemode: false,
      payment_method_types: ['dana'],
      customer: null,
    });
    expect(session.id).toMatch(/^cs_test_\d+$/);
    expect(session.url).toBe(`${sim.runtime.pagesUrl()}/aggregator/checkout?session=${session.id}`);
    expect(session.expires_at - session.created).toBe(24 * 60 * 60);
    expect(
      session.line_items.data.map((item: any) => [item.description, item.quantity, item.amount_total, item.price.unit_amount]),
    ).toEqual([
      ['Kopi <b>', 2, 30000, 15000],
      ['Roti', 1, 5000, 5000],
    ]);
    expect(session.line_items.data[0].id).toMatch(/^li_/);
    const intent = (await call('GET', `/v1/payment_intents/${session.payment_intent}`)).body;
    expect(intent).toMatchObject({ amount: 35000, currency: 'IDR', status: 'requires_confirmation' });
    expect((await call('GET', `/v1/checkout/sessions/${session.id}`)).body).toEqual(session);
    expect(await types()).toEqual(['payment_intent.created']);
    const missing = await call('GET', '/v1/checkout/sessions/cs_test_1');
    expect([missing.status, missing.body.error.code, missing.body.error.message]).toEqual([
      404,
      'resource_missing',
      "No such checkout.session: 'cs_test_1'",
    ]);
    expect((await call('GET', `/v1/checkout/sessions/${session.id}?foo=1`)).body.error.code).toBe('parameter_unknown');
  });

  it('refuses bad input in the error shape, naming the parameter, and stores nothing', async () => {
    const { sim, call } = await setUp();
    const item = (change: Record<string, unknown>) => ({
      mode: 'payment',
      success_url: 'https://shop.test/ok',
      line_items: [{ price_data: { currency: 'IDR', unit_amount: 1000, product_data: { name: 'Tea' } }, quantity: 1, ...change }],
    });
    const price = (change: Record<string, unknown>) =>
      item({ price_data: { currency: 'IDR', unit_amount: 1000, product_data: { name: 'Tea' }, ...change } });
    const cases: [string | object, number, string | undefined, string | undefined][] = [
      [`${ITEMS}&success_url=https://a.test`, 400, 'parameter_missing', 'mode'],
      [`mode=subscription&${ITEMS}&success_url=https://a.test`, 400, undefined, 'mode'],
      [`mode=payment&${ITEMS}`, 400, 'parameter_missing', 'success_url'],
      [`mode=payment&${ITEMS}&success_url=javascript:alert(1)`, 400, 'url_invalid', 'success_url'],
      [`mode=payment&${ITEMS}&success_url=https://a.test&cancel_url=http://`, 400, 'url_invalid', 'cancel_url'],
      [`mode=payment&success_url=https://a.test`, 400, 'parameter_missing', 'line_items'],
      [`mode=payment&success_url=https://a.test&line_items=x`, 400, undefined, 'line_items'],
      [`${SESSION}&payment_method_types[]=card`, 400, undefined, 'payment_method_types'],
      [`${SESSION}&customer=cus_1`, 400, 'parameter_unknown', 'customer'],
      [`${SESSION}&mode=`, 400, undefined, 'mode'],
      [{ ...item({}), mode: 1 }, 400, 'parameter_invalid_string', 'mode'],
      [{ ...item({}), line_items: ['x'] }, 400, undefined, 'line_items[0]'],
      [item({ price: 'price_1' }), 400, 'parameter_unknown', 'line_items[0][price]'],
      [item({ price_data: undefined }), 400, 'parameter_missing', 'line_items[0][price_data]'],
      [price({ recurring: {} }), 400, 'parameter_unknown', 'line_items[0][price_data][recurring]'],
      [price({ currency: undefined }), 400, 'parameter_missing', 'line_items[0][price_data][currency]'],
      [price({ currency: 3 }), 400, 'parameter_invalid_string', 'line_items[0][price_data][currency]'],
      [price({ currency: 'usd' }), 400, 'currency_not_supported', 'currency'],
      [price({ unit_amount: undefined }), 400, 'parameter_missing', 'line_items[0][price_data][unit_amount]'],
      [price({ unit_amount: '10.5' }), 400, 'parameter_invalid_integer', 'line_items[0][price_data][unit_amount]'],
      [price({ unit_amount: -1 }), 400, undefined, 'line_items[0][price_data][unit_amount]'],
      [price({ product_data: undefined }), 400, 'parameter_missing', 'line_items[0][price_data][product_data]'],
      [price({ product_data: { name: 7 } }), 400, 'parameter_invalid_string', 'line_items[0][price_data][product_data][name]'],
      [price({ product_data: {} }), 400, 'parameter_missing', 'line_items[0][price_data][product_data][name]'],
      [item({ quantity: undefined }), 400, 'parameter_missing', 'line_items[0][quantity]'],
      [item({ quantity: 'x' }), 400, 'parameter_invalid_integer', 'line_items[0][quantity]'],
      [item({ quantity: 0 }), 400, undefined, 'line_items[0][quantity]'],
      [price({ unit_amount: 99 }), 400, 'amount_too_small', 'amount'],
      [item({ quantity: 300_001 }), 400, 'amount_too_large', 'amount'],
    ];
    for (const [body, status, code, param] of cases) {
      const reply = await call('POST', '/v1/checkout/sessions', body);
      expect([reply.status, reply.body.error.type, reply.body.error.code, reply.body.error.param], JSON.stringify(body)).toEqual([
        status,
        'invalid_request_error',
        code,
        param,
      ]);
    }
    expect(sim.runtime.db.size(SESSIONS_TABLE)).toBe(0);
    expect((await call('GET', '/v1/payment_intents')).body.data).toEqual([]);
  });

  it('expires an open session by API (its intent canceled), then refuses to expire it again', async () => {
    const { call, types } = await setUp();
    const session = (await call('POST', '/v1/checkout/sessions', SESSION)).body;
    const expired = await call('POST', `/v1/checkout/sessions/${session.id}/expire`);
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
    expect((await call('GET', `/v1/payment_intents/${session.payment_intent}`)).body).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
    });
    const again = await call('POST', `/v1/checkout/sessions/${session.id}/expire`);
    expect([again.status, again.body.error.code]).toEqual([400, 'checkout_session_not_open']);
    expect(again.body.error.message).toContain('expired');
    expect((await call('POST', '/v1/checkout/sessions/cs_test_9/expire')).status).toBe(404);
    expect((await call('POST', `/v1/checkout/sessions/${session.id}/expire`, 'foo=1')).body.error.code).toBe('parameter_unknown');
    expect(await types()).toEqual(['payment_intent.created', 'payment_intent.canceled', 'checkout.session.expired']);
  });

  it('expires at expires_at on the simulator clock, also when its intent was canceled already', async () => {
    const { sim, call, types } = await setUp();
    const first = (await call('POST', '/v1/checkout/sessions', SESSION)).body;
    const second = (await call('POST', '/v1/checkout/sessions', SESSION)).body;
    await call('POST', `/v1/payment_intents/${second.payment_intent}/cancel`);
    const advance = (duration: string) =>
      sim.fetch(
        new Request('http://127.0.0.1/__sim/clock/advance', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ duration }),
        }),
      );
    await advance('23h');
    await sim.runtime.settle();
    expect((await call('GET', `/v1/checkout/sessions/${first.id}`)).body.status).toBe('open');
    await advance('1h');
    await sim.runtime.settle();
    for (const session of [first, second]) {
      expect((await call('GET', `/v1/checkout/sessions/${session.id}`)).body.status).toBe('expired');
      expect((await call('GET', `/v1/payment_intents/${session.payment_intent}`)).body.status).toBe('canceled');
    }
    expect((await types()).filter((type) => type === 'checkout.session.expired')).toHaveLength(2);
  });

  it('replays a create under the same Idempotency-Key and refuses the key with other parameters', async () => {
    const { sim, call } = await setUp();
    const first = await call('POST', '/v1/checkout/sessions', SESSION, { 'idempotency-key': 'cs-1' });
    const replay = await call('POST', '/v1/checkout/sessions', SESSION, { 'idempotency-key': 'cs-1' });
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await call('POST', '/v1/checkout/sessions', `${SESSION}&client_reference_id=x`, { 'idempotency-key': 'cs-1' });
    expect([other.status, other.body.error.type]).toEqual([409, 'idempotency_error']);
    expect(sim.runtime.db.size(SESSIONS_TABLE)).toBe(1);
    const log = (await (await sim.fetch(new Request('http://127.0.0.1/__sim/log'))).json()) as any;
    expect(JSON.stringify(log)).toContain(first.body.id);
  });
});
