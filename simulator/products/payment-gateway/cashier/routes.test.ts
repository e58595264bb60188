import { describe, expect, it } from 'vitest';
import { cashierPayForm } from '../../../../test/cashier-login.ts';
import { createTestSimulator, http, idr, orderBody, PATHS, VALID_CUSTOMER, type TestSimulator } from '../../../../test/helpers.ts';
import { SimulatorClock } from '../../../clock/clock.ts';
import { userBalance } from '../../../ledger/accounts.ts';
import { MERCHANTS } from '../../../parties/merchants.ts';
import { closeOrder, orderKey } from '../orders.ts';

// The cashier's pages over HTTP, for what a browser test need not drive: refusals, forged or stale
// logins, orders without a web return address, escaping. test/browser/ drives the happy paths in Chromium.

async function setup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
  const agent = http(t.sim);
  const post = async (path: string, form: Record<string, string>) => agent.post(path).type('form').send(form);
  const order = async (returnUrl: string | null = 'https://merchant.example/return', validForMs = 10 * 60_000) => {
    const body = orderBody(
      t.merchantId,
      {
        urlParams: [
          ...(returnUrl ? [{ url: returnUrl, type: 'PAY_RETURN', isDeeplink: 'Y' }] : []),
          { url: 'http://127.0.0.1:9/notify', type: 'NOTIFICATION', isDeeplink: 'Y' },
        ],
        payOptionDetails: [{ payMethod: 'BALANCE', payOption: '', transAmount: idr('22200.00') }],
      },
      validForMs,
      t.sim.clock.now(),
    );
    const created = await t.snap(PATHS.createOrder, body);
    expect(created.body.responseCode).toBe('2005400');
    return { body, bizNo: created.body.referenceNo as string };
  };
  const payForm = (bizNo: string) => cashierPayForm(async (path, form) => (await post(path, form)).text, bizNo, VALID_CUSTOMER);
  return { t, agent, post, order, payForm };
}

const balance = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER));

describe('the cashier pages', () => {
  it('answer an unknown order with a not-found page on every step', async () => {
    const { agent, post } = await setup();
    for (const reply of [
      await agent.get('/m/portal/cashier/checkout?bizNo=nothing'),
      await agent.get('/m/portal/cashier/checkout'),
      await post('/m/portal/cashier/login', { bizNo: 'nothing', phoneNumber: '83811223355' }),
      await post('/m/portal/cashier/verify-pin', { bizNo: 'nothing', session: 'x', pin: '181818' }),
      await post('/m/portal/cashier/pay', { action: 'pay' }),
    ]) {
      expect(reply.status).toBe(404);
      expect(reply.text).toContain('no order has this reference');
    }
  });

  it('ask again for a phone that is not one, showing what was typed as text', async () => {
    const { post, order } = await setup();
    const { bizNo } = await order();
    const reply = await post('/m/portal/cashier/login', { bizNo, phoneNumber: '<script>alert(1)</script>' });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('Enter a DANA phone number');
    expect(reply.text).toContain('value="&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(reply.text).not.toContain('<script>alert');
  });

  it('refuse a forged login, one for another order or step, and one that timed out; nothing is paid', async () => {
    const { t, post, order, payForm } = await setup();
    const first = await order(null, 30 * 60_000);
    const second = await order();
    const { session } = await payForm(first.bizNo);
    const before = balance(t);
    for (const form of [
      { bizNo: first.bizNo, session: `${session}x`, action: 'pay' },
      { bizNo: second.bizNo, session, action: 'pay' },
      { bizNo: first.bizNo, session: 'not-a-token', action: 'pay' },
    ]) {
      const reply = await post('/m/portal/cashier/pay', form);
      expect(reply.status).toBe(403);
      expect(reply.text).toContain('This login is no longer valid');
    }
    const pinStep = await post('/m/portal/cashier/verify-pin', { bizNo: first.bizNo, session, pin: '181818' });
    expect(pinStep.status).toBe(403);
    t.sim.clock.advance(11 * 60_000);
    const late = await post('/m/portal/cashier/pay', { bizNo: first.bizNo, session, action: 'pay' });
    expect(late.status).toBe(403);
    expect(late.text).toContain('Your login has timed out');
    expect(late.text).toContain(`href="/m/portal/cashier/checkout?bizNo=${first.bizNo}"`);
    expect(balance(t)).toBe(before);
  });

  it('stay on the cashier when the order has no web return address (none, or a deep link)', async () => {
    const { t, post, order, payForm } = await setup();
    const none = await order(null);
    const cancelled = await post('/m/portal/cashier/pay', { ...(await payForm(none.bizNo)), action: 'cancel' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toContain('Payment cancelled');
    const deepLink = await order('myshop://orders/return');
    const before = balance(t);
    const paid = await post('/m/portal/cashier/pay', { ...(await payForm(deepLink.bizNo)), action: 'pay' });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Payment Rp22.200 to');
    expect(paid.text).toContain('gave no return address');
    expect(paid.text).not.toContain('http-equiv="refresh"');
    expect(before - balance(t)).toBe(2_220_000);
  });

  it('say an order the merchant closed before it expired can no longer be paid, and link back with EXPIRED', async () => {
    const { t, agent, post, order, payForm } = await setup();
    const { body, bizNo } = await order();
    const form = await payForm(bizNo);
    t.sim.runtime.db.transact((tx) => closeOrder(tx, orderKey(t.credentials.partnerId, body.partnerReferenceNo), t.sim.clock.now()));
    for (const reply of [
      await agent.get(`/m/portal/cashier/checkout?bizNo=${bizNo}`),
      await post('/m/portal/cashier/login', { bizNo, phoneNumber: '83811223355' }),
      await post('/m/portal/cashier/pay', { ...form, action: 'pay' }),
    ]) {
      expect(reply.status).toBe(410);
      expect(reply.text).toContain('This order was cancelled by the merchant.');
      expect(reply.text).toContain(`href="https://merchant.example/return?bizNo=${bizNo}&#38;status=EXPIRED"`);
    }
  });

  it("show the merchant's name as text", async () => {
    const { t, agent, order } = await setup();
    const merchant = t.sim.parties.defaultMerchant();
    t.sim.runtime.db.transact((tx) =>
      tx.put(MERCHANTS, merchant.partnerId, { ...merchant, name: '<img src=x onerror=alert(1)> Toko & Co' }),
    );
    const { bizNo } = await order();
    const page = await agent.get(`/m/portal/cashier/checkout?bizNo=${bizNo}`);
    expect(page.text).toContain('<p class="merchant-name">&#60;img src=x onerror=alert(1)&#62; Toko &#38; Co</p>');
    expect(page.text).not.toContain('<img');
  });
});
