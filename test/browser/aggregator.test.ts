import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userBalance } from '../../simulator/ledger/accounts.ts';
import { apiKeys } from '../../simulator/products/aggregator/ids.ts';
import { ACCOUNT } from '../../simulator/products/aggregator/state.ts';
import { verifyWooshpaySignature } from '../../simulator/verify.ts';
import { startReceiver, type Receiver } from '../receiver.ts';
import { browserSuite } from './chromium.ts';

// DANA through the aggregator, as a merchant's customer goes through it: the merchant's server creates
// a PaymentIntent over HTTP with its secret key, the browser follows the redirect to DANA's cashier,
// logs in and pays, and lands on the merchant's return_url; the merchant learns the outcome from a
// signed webhook that dana-sim/verify accepts. Money moves in the ledger.

const suite = browserSuite('test/browser/aggregator.test.ts', 'aggregator');
const TEST_USER = '6283811223355';
const PHONE_AS_TYPED = '83811223355';

let merchantSite: Receiver;
beforeAll(async () => {
  if (!suite.skip) merchantSite = await startReceiver([{ status: 200, body: '{"received":true}' }]);
});
afterAll(() => merchantSite?.close());

async function api(method: string, path: string, form?: Record<string, string>) {
  const { secretKey } = apiKeys(suite.t.sim.runtime.seed, ACCOUNT);
  const response = await fetch(`${suite.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form && new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe.skipIf(suite.skip)('a PaymentIntent paid with DANA in Chromium', () => {
  it('redirects to DANA, is paid there, returns to return_url, and the signed webhook verifies', async () => {
    const { t } = suite;
    const endpoint = await api('POST', '/v1/webhook_endpoints', { url: `${merchantSite.url}/webhooks/wooshpay`, 'enabled_events[]': '*' });
    expect(endpoint.status).toBe(200);
    const secret = endpoint.body.secret as string;
    expect(secret).toMatch(/^whsec_/);

    const returnUrl = `${merchantSite.url}/order/42/return`;
    const created = await api('POST', '/v1/payment_intents', {
      amount: '25000',
      currency: 'IDR',
      confirm: 'true',
      'payment_method_data[type]': 'dana',
      return_url: returnUrl,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      object: 'payment_intent',
      status: 'requires_action',
      amount: 25000,
      currency: 'IDR',
      livemode: false,
    });
    const intent = created.body.id as string;
    const redirect = created.body.next_action.dana_handle_redirect.url as string;
    expect(created.body.next_action.redirect_to_url.url).toBe(redirect);
    const before = t.sim.runtime.db.ledger.balance(userBalance(TEST_USER));

    const page = await suite.open({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(redirect);
      await page.locator('.desktop-input>.txt-input-phone-number-field').fill(PHONE_AS_TYPED);
      await page.locator('.agreement__button>.btn-continue').click();
      await page.locator('.txt-input-pin-field').fill('181818');
      await page.locator('button.btn-pay').waitFor();
      expect(await page.locator('.amount').textContent()).toBe('Rp25.000');
      await suite.shot(page, 'cashier');
      await page.locator('button.btn-pay').click();
      await page.waitForURL((url) => url.href.startsWith(`${returnUrl}?`), { timeout: 10_000 });
      const landed = new URL(page.url());
      expect(landed.searchParams.get('payment_intent')).toBe(intent);
      expect(landed.searchParams.get('payment_intent_client_secret')).toBe(created.body.client_secret);
      expect(landed.searchParams.get('redirect_status')).toBe('succeeded');
    } finally {
      await page.context().close();
    }

    expect((await api('GET', `/v1/payment_intents/${intent}`)).body.status).toBe('succeeded');
    expect(t.sim.runtime.db.ledger.balance(userBalance(TEST_USER))).toBe(before - 2_500_000);

    // The return is no proof of payment; the webhook is, and its signature verifies with the endpoint's secret.
    const webhookOf = (type: string) =>
      merchantSite.received.find((call) => call.path === '/webhooks/wooshpay' && JSON.parse(call.body).type === type);
    await expect.poll(() => webhookOf('payment_intent.succeeded'), { timeout: 10_000 }).toBeDefined();
    const delivery = webhookOf('payment_intent.succeeded')!;
    expect(JSON.parse(delivery.body).data.object).toMatchObject({ id: intent, status: 'succeeded', amount: 25000 });
    const header = String(delivery.headers['wooshpay-signature']);
    const now = t.sim.clock.now();
    expect(verifyWooshpaySignature(delivery.body, header, secret, { now })).toMatchObject({ ok: true });
    expect(verifyWooshpaySignature(delivery.body.replace('25000', '25001'), header, secret, { now })).toMatchObject({ ok: false });
  }, 40_000);
});

describe.skipIf(suite.skip)('a Checkout Session paid with DANA in Chromium', () => {
  it('shows the hosted page, pays on DANA, lands on success_url, completes the session, and the webhook verifies', async () => {
    const { t } = suite;
    const endpoint = await api('POST', '/v1/webhook_endpoints', {
      url: `${merchantSite.url}/webhooks/checkout`,
      'enabled_events[]': 'checkout.session.completed',
    });
    const secret = endpoint.body.secret as string;
    const created = await api('POST', '/v1/checkout/sessions', {
      mode: 'payment',
      'line_items[0][price_data][currency]': 'IDR',
      'line_items[0][price_data][unit_amount]': '12500',
      'line_items[0][price_data][product_data][name]': 'Es teh <manis>',
      'line_items[0][quantity]': '2',
      success_url: `${merchantSite.url}/thanks?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${merchantSite.url}/cart`,
    });
    expect(created.status).toBe(200);
    const session = created.body.id as string;
    const before = t.sim.runtime.db.ledger.balance(userBalance(TEST_USER));

    const page = await suite.open({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(created.body.url as string);
      expect(await page.locator('.item-name').textContent()).toBe('Es teh <manis> × 2');
      expect(await page.locator('.total .amount').textContent()).toBe('Rp25.000');
      expect(await page.locator('.cancel-link').getAttribute('href')).toBe(`${merchantSite.url}/cart`);
      await suite.shot(page, 'checkout-session');
      await page.locator('button.pay-with-dana').click();
      await page.locator('.desktop-input>.txt-input-phone-number-field').fill(PHONE_AS_TYPED);
      await page.locator('.agreement__button>.btn-continue').click();
      await page.locator('.txt-input-pin-field').fill('181818');
      await page.locator('button.btn-pay').click();
      await page.waitForURL((url) => url.href === `${merchantSite.url}/thanks?session=${session}`, { timeout: 10_000 });
    } finally {
      await page.context().close();
    }

    expect((await api('GET', `/v1/checkout/sessions/${session}`)).body).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(t.sim.runtime.db.ledger.balance(userBalance(TEST_USER))).toBe(before - 2_500_000);
    const delivered = () => merchantSite.received.find((call) => call.path === '/webhooks/checkout');
    await expect.poll(delivered, { timeout: 10_000 }).toBeDefined();
    const delivery = delivered()!;
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'checkout.session.completed',
      data: { object: { id: session, status: 'complete' } },
    });
    const now = t.sim.clock.now();
    expect(verifyWooshpaySignature(delivery.body, String(delivery.headers['wooshpay-signature']), secret, { now })).toMatchObject({
      ok: true,
    });
  }, 40_000);
});
