import { describe, expect, it } from 'vitest';
import { createTestSimulator, VALID_CUSTOMER } from '../../../test/helpers.ts';
import { cashierPayForm } from '../../../test/cashier-login.ts';
import { apiKeys } from './ids.ts';
import { ACCOUNT } from './state.ts';

// The hosted checkout page in process: the page lists the items (escaped) and DANA, "Pay with DANA"
// opens the DANA order and goes to the cashier, paying there lands on success_url with the session's
// id filled in, and the session completes with its webhook event; the cancel paths and closed pages.

const key = apiKeys('test', ACCOUNT).secretKey;
const ITEM = (name: string) =>
  `mode=payment&line_items[0][price_data][currency]=IDR&line_items[0][price_data][unit_amount]=17500&line_items[0][price_data][product_data][name]=${encodeURIComponent(name)}&line_items[0][quantity]=2`;

async function setUp() {
  const { sim } = await createTestSimulator({ background: false });
  const api = async (method: string, path: string, body?: string) =>
    (await (
      await sim.fetch(
        new Request(`http://apitest.wooshpay.com${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      )
    ).json()) as any;
  const visit = (url: string, form?: Record<string, string>) =>
    sim.fetch(
      new Request(url.startsWith('http') ? url : `${sim.runtime.pagesUrl()}${url}`, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        ...(form ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() } : {}),
      }),
    );
  return { sim, api, visit };
}

describe('aggregator: hosted checkout page', () => {
  it('shows the items and DANA, pays on the cashier and lands on success_url with the session complete', async () => {
    const { sim, api, visit } = await setUp();
    const session = await api(
      'POST',
      '/v1/checkout/sessions',
      `${ITEM('Kopi <script>')}&success_url=www.shop.test/ok?s={CHECKOUT_SESSION_ID}&cancel_url=https://shop.test/back`,
    );
    const shown = await visit(session.url);
    const html = await shown.text();
    expect(shown.status).toBe(200);
    expect(html).toContain('Kopi &#60;script&#62; × 2');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Rp35.000');
    expect(html).toContain('Pay with DANA');
    expect(html).toContain('href="https://shop.test/back"');
    const toCashier = await visit('/aggregator/checkout/pay', { session: session.id });
    expect(toCashier.status).toBe(303);
    const cashierUrl = toCashier.headers.get('location')!;
    expect(cashierUrl).toContain('/m/portal/cashier/checkout?bizNo=');
    // A second click goes back to the same DANA order.
    expect((await visit('/aggregator/checkout/pay', { session: session.id })).headers.get('location')).toBe(cashierUrl);
    const bizNo = new URL(cashierUrl).searchParams.get('bizNo')!;
    const post = async (path: string, form: Record<string, string>) => (await visit(path, form)).text();
    const paid = await post('/m/portal/cashier/pay', { ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'pay' });
    await sim.runtime.settle();
    const back = /url=([^"]+)"/.exec(paid)![1]!.replace(/&#38;/g, '&');
    const landed = await visit(back);
    expect([landed.status, landed.headers.get('location')]).toEqual([302, `https://www.shop.test/ok?s=${session.id}`]);
    expect(await api('GET', `/v1/checkout/sessions/${session.id}`)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      url: null,
    });
    expect((await api('GET', `/v1/payment_intents/${session.payment_intent}`)).status).toBe('succeeded');
    const events = (await api('GET', '/v1/events?limit=100')).data.reverse();
    expect(events.map((event: any) => event.type).slice(-2)).toEqual(['payment_intent.succeeded', 'checkout.session.completed']);
    expect(events.at(-1).data.object).toMatchObject({ id: session.id, status: 'complete' });
    const closed = await visit(session.url.replace('?', '?x=1&'));
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('complete');
  });

  it('sends an unpaid return to cancel_url or back to the page, and refuses pages that cannot pay', async () => {
    const { api, visit } = await setUp();
    const withCancel = await api(
      'POST',
      '/v1/checkout/sessions',
      `${ITEM('Tea')}&success_url=https://shop.test/ok&cancel_url=shop.test/back`,
    );
    const bare = await api('POST', '/v1/checkout/sessions', `${ITEM('Tea')}&success_url=https://shop.test/ok`);
    expect(await (await visit(bare.url)).text()).not.toContain('cancel-link');
    for (const session of [withCancel, bare]) await visit('/aggregator/checkout/pay', { session: session.id });
    const returned = async (session: any) =>
      (await visit(`/aggregator/return?payment_intent=${session.payment_intent}`)).headers.get('location');
    expect(await returned(withCancel)).toBe('https://shop.test/back');
    expect(await returned(bare)).toBe(bare.url);
    const canceled = await api('POST', '/v1/checkout/sessions', `${ITEM('Tea')}&success_url=https://shop.test/ok`);
    await api('POST', `/v1/payment_intents/${canceled.payment_intent}/cancel`);
    expect((await visit('/aggregator/checkout/pay', { session: canceled.id })).status).toBe(409);
    expect((await visit('/aggregator/checkout?session=cs_test_0')).status).toBe(404);
    expect((await visit('/aggregator/checkout/pay', { session: 'cs_test_0' })).status).toBe(404);
  });
});
