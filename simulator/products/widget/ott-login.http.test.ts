import { describe, expect, it } from 'vitest';
import { createTestSimulator, http, secondMerchant, setBalance, type TestSimulator } from '../../../test/helpers.ts';
import { customerCall, customerTokens, fieldOf } from '../../../test/widget-binding.ts';
import { WIDGET_PATHS, widgetPaymentBody } from '../../../test/widget-bodies.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { snapRequest } from '../../signature/client.ts';
import { OTTS } from './ott.ts';

// The OTT login on a Widget order's payment page over HTTP (express adapter, plain form posts):
// `webRedirectUrl&ott=<value>` opens the pay step as the OTT's user; the OTT works once, for ten
// minutes on the simulator clock, and only on its merchant's orders; otherwise phone and PIN, with why.

const USER = '6283811223355';

async function setup() {
  const clock = SimulatorClock.frozen(Date.parse('2026-12-06T05:00:00Z'));
  const t = await createTestSimulator({ background: false, clock });
  return { t, clock };
}

async function newOrder(t: TestSimulator, clock: SimulatorClock): Promise<string> {
  const body = widgetPaymentBody(t.merchantId, {}, 60 * 60_000, clock.now());
  const reply = await t.sim.handle(snapRequest({ path: WIDGET_PATHS.payment, body, credentials: t.credentials }));
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body).webRedirectUrl as string;
}

async function newOtt(t: TestSimulator, accessToken: string): Promise<string> {
  const reply = await customerCall(t, '/rest/v1.1/qr/apply-ott', { userResources: ['OTT'] }, accessToken);
  expect(reply.body.responseCode).toBe('2004900');
  return reply.body.userResources[0].value as string;
}

/** Opens the URL as dana-node 1.5.11's generateCompletePaymentUrl builds it: `webRedirectUrl&ott=<value>`. */
async function open(t: TestSimulator, webRedirectUrl: string, ott: string) {
  const url = new URL(`${webRedirectUrl}&ott=${ott}`);
  return http(t.sim).get(url.pathname + url.search);
}

const balances = (t: TestSimulator) => ({
  merchant: t.sim.runtime.db.ledger.balance(merchantSettlement(t.merchantId)),
  user: t.sim.runtime.db.ledger.balance(userBalance(USER)),
});

describe('OTT login on the payment page', () => {
  it('opens the pay step as the OTT\u2019s user, and paying moves the money from that user to the merchant', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    setBalance(t.sim, userBalance(USER), 50_000_00);
    const webRedirectUrl = await newOrder(t, clock);
    const page = await open(t, webRedirectUrl, await newOtt(t, accessToken));
    expect(page.status).toBe(200);
    expect(page.text).toContain('btn-pay');
    expect(page.text).not.toContain('txt-input-phone-number-field');
    expect(page.text).toContain('50.000');
    const before = balances(t);
    const bizNo = new URL(webRedirectUrl).searchParams.get('bizNo')!;
    const paid = await http(t.sim)
      .post('/m/portal/cashier/pay')
      .type('form')
      .send({ bizNo, session: fieldOf(page.text, 'session')!, action: 'pay' });
    expect(paid.status).toBe(200);
    expect(balances(t)).toEqual({ merchant: before.merchant + 10_000_00, user: before.user - 10_000_00 });
    expect(before.user).toBe(50_000_00);
  });

  it('works once: the same OTT again falls back to phone and PIN and says why', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    const ott = await newOtt(t, accessToken);
    expect((await open(t, await newOrder(t, clock), ott)).text).toContain('btn-pay');
    const again = await open(t, await newOrder(t, clock), ott);
    expect(again.status).toBe(200);
    expect(again.text).toContain('txt-input-phone-number-field');
    expect(again.text).toContain('The login link was already used.');
    expect(again.text).not.toContain('btn-pay');
    expect(t.sim.runtime.db.get(OTTS, ott)).toMatchObject({ usedAt: clock.now() });
  });

  it('ends after ten minutes on the simulator clock', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    const webRedirectUrl = await newOrder(t, clock);
    const fresh = await newOtt(t, accessToken);
    clock.advance(10 * 60_000 - 1);
    expect((await open(t, webRedirectUrl, fresh)).text).toContain('btn-pay');
    const late = await newOtt(t, accessToken);
    clock.advance(10 * 60_000);
    const expired = await open(t, webRedirectUrl, late);
    expect(expired.text).toContain('The login link has expired.');
    expect(expired.text).not.toContain('btn-pay');
  });

  it('ends with the binding: an OTT unused at Account Unbinding logs nobody in', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    const ott = await newOtt(t, accessToken);
    const unbind = { merchantId: t.merchantId, partnerReferenceNo: 'unbind-1' };
    expect((await customerCall(t, '/v1.0/registration-account-unbinding.htm', unbind, accessToken)).body.responseCode).toBe('2000900');
    const page = await open(t, await newOrder(t, clock), ott);
    expect(page.text).toContain('The login link is not valid for this payment.');
    expect(page.text).not.toContain('btn-pay');
  });

  it('refuses an unknown OTT and another merchant\u2019s, moving no money', async () => {
    const { t, clock } = await setup();
    const before = balances(t);
    const webRedirectUrl = await newOrder(t, clock);
    expect((await open(t, webRedirectUrl, 'not-an-ott')).text).toContain('The login link is not valid for this payment.');
    const second = await secondMerchant(t);
    const other: TestSimulator = { ...t, credentials: second.credentials, merchantId: second.merchant.merchantId };
    const theirs = await customerTokens(other);
    const ott = await newOtt(other, theirs.accessToken);
    const page = await open(t, webRedirectUrl, ott);
    expect(page.text).toContain('The login link is not valid for this payment.');
    expect(page.text).not.toContain('btn-pay');
    // Unspent: it still logs its user in on its own merchant's order.
    expect((await open(other, await newOrder(other, clock), ott)).text).toContain('btn-pay');
    expect(balances(t)).toEqual(before);
  });
});
