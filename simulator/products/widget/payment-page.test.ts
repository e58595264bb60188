import { describe, expect, it } from 'vitest';
import { createTestSimulator, http, idr, type TestSimulator } from '../../../test/helpers.ts';
import { WIDGET_PATHS, widgetPaymentBody } from '../../../test/widget-bodies.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { CASHIER_TEST_USER } from '../../parties/users.ts';

// A Widget Payment's webRedirectUrl over plain HTTP: the markers DANA's widget UAT scripts (node,
// python, go, PHP) look for on every step, the three ways they type the phone, and the re-opened
// page of a paid order (a pay button that charges nothing). test/browser/widget-payment.test.ts
// drives the same pages in Chromium.

async function setup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen() });
  const agent = http(t.sim);
  const post = async (path: string, form: Record<string, string>) => agent.post(path).type('form').send(form);
  const order = async (value = '10000.00') => {
    const body = widgetPaymentBody(t.merchantId, { amount: idr(value) }, 15 * 60_000, t.sim.clock.now());
    const reply = await t.snap(WIDGET_PATHS.payment, body);
    expect(reply.body.responseCode).toBe('2005400');
    const url = new URL(reply.body.webRedirectUrl as string);
    return { body, bizNo: reply.body.referenceNo as string, page: `${url.pathname}${url.search}` };
  };
  return { t, agent, post, order };
}

const balances = (t: TestSimulator) => ({
  user: t.sim.runtime.db.ledger.balance(userBalance(CASHIER_TEST_USER)),
  merchant: t.sim.runtime.db.ledger.balance(merchantSettlement(t.merchantId)),
});
const sessionOf = (html: string) => /name="session" value="([^"]+)"/.exec(html)![1]!;
const status = async (t: TestSimulator, partnerReferenceNo: string) =>
  (await t.snap(WIDGET_PATHS.query, { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId })).body
    .latestTransactionStatus;

describe('the Widget payment page', () => {
  it('shows the chosen DANA option beside the phone field, and takes the phone as 8…, 08… or 628…', async () => {
    const { agent, post, order } = await setup();
    const { page, bizNo } = await order();
    const checkout = await agent.get(page);
    expect(checkout.status).toBe(200);
    // python `.dana>.bank-title`, go `div.bank-item.sdetfe-lbl-dana-pay-option`, node contains(@class,"dana")/bank-title
    expect(checkout.text).toMatch(
      /<div class="bank-item dana dana-pay-option sdetfe-lbl-dana-pay-option selected"[^>]*>\s*<div class="bank-title">DANA<\/div>/,
    );
    expect(checkout.text).toMatch(/<div class="desktop-input">.*<input id="phone" class="txt-input-phone-number-field"/);
    expect(checkout.text).toContain('<div class="agreement__button"><button type="submit" class="btn-continue">');
    for (const phoneNumber of ['83811223355', '083811223355', '6283811223355']) {
      const pin = await post('/m/portal/cashier/login', { bizNo, phoneNumber });
      expect(pin.status, phoneNumber).toBe(200);
      expect(pin.text).toContain('0838');
      // go: //*[contains(@class,"input-pin")]//input — an input inside the wrapper, not the field itself
      expect(pin.text).toMatch(/<div class="input-pin"><input id="pin" class="txt-input-pin-field"/);
    }
  });

  it('says `Payment Success` after paying; the paid page offers `btn-pay` again, which fails and moves no money', async () => {
    const { t, post, agent, order } = await setup();
    const { page, bizNo, body } = await order('25000.00');
    const before = balances(t);
    const pinPage = await post('/m/portal/cashier/login', { bizNo, phoneNumber: '083811223355' });
    const payPage = await post('/m/portal/cashier/verify-pin', { bizNo, session: sessionOf(pinPage.text), pin: '181818' });
    expect(payPage.text).toMatch(/<button type="submit" class="btn btn-primary btn-pay">/);
    const paid = await post('/m/portal/cashier/pay', { bizNo, session: sessionOf(payPage.text), action: 'pay' });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('<h1>Payment Success</h1>');
    // go waits for //*[contains(@class,'lbl-success')] with a strict locator: one match only.
    expect(paid.text.match(/class="[^"]*lbl-success[^"]*"/g)).toHaveLength(1);
    expect(balances(t)).toEqual({ user: before.user - 2_500_000, merchant: before.merchant + 2_500_000 });
    expect(await status(t, body.partnerReferenceNo)).toBe('00');

    const reopened = await agent.get(page);
    expect(reopened.status).toBe(409);
    expect(reopened.text).toContain('lbl-failed-payment');
    expect(reopened.text).toContain('This order is already paid.');
    expect(reopened.text).toMatch(/<button type="submit" class="btn btn-primary btn-pay">/);
    // The re-opened page's button posts no login at all; a stale login from the first visit changes nothing either.
    for (const session of [undefined, sessionOf(payPage.text)]) {
      const again = await post('/m/portal/cashier/pay', { bizNo, action: 'pay', ...(session ? { session } : {}) });
      expect(again.status).toBe(409);
      expect(again.text).toContain('lbl-failed-payment');
      expect(again.text).toContain('Nothing was charged again.');
    }
    expect(balances(t)).toEqual({ user: before.user - 2_500_000, merchant: before.merchant + 2_500_000 });
    expect(await status(t, body.partnerReferenceNo)).toBe('00');
  });

  it('refuses a payment larger than the balance on the page, and moves nothing', async () => {
    const { t, post, order } = await setup();
    const { bizNo, body } = await order('150000.00');
    const before = balances(t);
    const pinPage = await post('/m/portal/cashier/login', { bizNo, phoneNumber: '83811223355' });
    const payPage = await post('/m/portal/cashier/verify-pin', { bizNo, session: sessionOf(pinPage.text), pin: '181818' });
    expect(payPage.text).toContain('lbl-insufficient-balance');
    const refused = await post('/m/portal/cashier/pay', { bizNo, session: sessionOf(payPage.text), action: 'pay' });
    expect(refused.status).toBe(402);
    expect(refused.text).toContain('lbl-failed-payment');
    expect(refused.text).toContain('not enough');
    expect(balances(t)).toEqual(before);
    expect(await status(t, body.partnerReferenceNo)).toBe('01');
  });

  it('tells that a PAYING order (sandbox amount 205502.00) is being processed, and offers no way to pay it', async () => {
    const { t, post, agent, order } = await setup();
    const { page, bizNo, body } = await order('205502.00');
    const before = balances(t);
    const shown = await agent.get(page);
    expect(shown.status).toBe(409);
    expect(shown.text).toContain('This payment is being processed.');
    expect(shown.text).not.toContain('btn-pay');
    const login = await post('/m/portal/cashier/login', { bizNo, phoneNumber: '083811223355' });
    expect(login.text).toContain('This payment is being processed.');
    expect(login.text).not.toContain('name="session"');
    expect(balances(t)).toEqual(before);
    expect(await status(t, body.partnerReferenceNo)).toBe('02');
  });
});
