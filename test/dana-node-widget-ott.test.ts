import { WidgetUtils } from 'dana-node/widget/v1';
import { describe, expect, it } from 'vitest';
import { merchantSettlement, userBalance } from '../simulator/ledger/accounts.ts';
import { bindThroughSdkUrl, postForm, sdkHarness } from './dana-sdk.ts';
import { fieldOf } from './widget-binding.ts';
import { widgetPaymentBody } from './widget-bodies.ts';

// dana-node 1.5.11 (npm, unmodified) through a whole Widget flow: its own binding URL opened and its
// forms posted with fetch (msw serves DANA's hosts), applyToken, applyOTT, a restart of the simulator
// on the same data directory (the OTT survives it), widgetPayment, generateCompletePaymentUrl's
// `&ott=` URL opened logged in, paid, and queried.

const USER = '6283811223355';
const sdk = sdkHarness('sdk-widget-ott');

/** The binding page as DANA's UAT drives it, with forms instead of a browser: the authCode it hands back. */
async function bind(): Promise<string> {
  const back = await bindThroughSdkUrl({
    redirectUrl: 'http://127.0.0.1:9/return',
    seamlessData: { mobileNumber: '083811223355' },
  } as never);
  return back.searchParams.get('authCode')!;
}

describe('dana-node 1.5.11 Widget: Apply OTT and the OTT login', () => {
  it('binds, applies a token and an OTT, survives a restart, and pays a widget order logged in by the OTT', async () => {
    const dataDir = await sdk.dataDir();
    const first = await sdk.start(dataDir);
    const authCode = await bind();
    const token = await first.dana.widgetApi.applyToken({
      grantType: 'AUTHORIZATION_CODE',
      authCode,
      refreshToken: '',
      additionalInfo: {},
    } as never);
    expect(token.responseCode).toBe('2007400');
    const additionalInfo = { accessToken: token.accessToken, deviceId: '1234567890' };
    const ott = await first.dana.widgetApi.applyOTT({ userResources: ['OTT'], additionalInfo } as never);
    expect(ott).toMatchObject({ responseCode: '2004900', responseMessage: 'Successful', userResources: [{ resourceType: 'OTT' }] });
    await first.sim.close();

    const second = await sdk.start(dataDir);
    const { simulator, env } = second.sim;
    const order = widgetPaymentBody(env.MERCHANT_ID);
    const payment = await second.dana.widgetApi.widgetPayment(order as never);
    expect(payment.responseCode).toBe('2005400');
    const url = WidgetUtils.generateCompletePaymentUrl(payment, ott);
    expect(url).toBe(`${payment.webRedirectUrl}&ott=${ott.userResources[0]!.value}`);

    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('btn-pay');
    expect(html).not.toContain('txt-input-phone-number-field');
    const balances = () => ({
      merchant: simulator.runtime.db.ledger.balance(merchantSettlement(env.MERCHANT_ID)),
      user: simulator.runtime.db.ledger.balance(userBalance(USER)),
    });
    const before = balances();
    const paid = await postForm(new URL('/m/portal/cashier/pay', url).toString(), {
      bizNo: new URL(url).searchParams.get('bizNo')!,
      session: fieldOf(html, 'session')!,
      action: 'pay',
    });
    expect(paid.status).toBe(200);
    expect(balances()).toEqual({ merchant: before.merchant + 10_000_00, user: before.user - 10_000_00 });
    const status = await second.dana.widgetApi.queryPayment({
      originalPartnerReferenceNo: order.partnerReferenceNo,
      serviceCode: '54',
      merchantId: env.MERCHANT_ID,
    } as never);
    expect(status).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });
    // The OTT was spent: on the next order's page it falls back to phone and PIN.
    const next = await second.dana.widgetApi.widgetPayment(widgetPaymentBody(env.MERCHANT_ID) as never);
    const again = await (await fetch(WidgetUtils.generateCompletePaymentUrl(next, ott))).text();
    expect(again).toContain('The login link was already used.');
    expect(again).toContain('txt-input-phone-number-field');
  });

  it('answers applyOTT for a resource other than OTT with 4004901 through the SDK', async () => {
    const { dana } = await sdk.start();
    const authCode = await bind();
    const token = await dana.widgetApi.applyToken({
      grantType: 'AUTHORIZATION_CODE',
      authCode,
      refreshToken: '',
      additionalInfo: {},
    } as never);
    const failure = await dana.widgetApi
      .applyOTT({ userResources: ['OTTasd!#$'], additionalInfo: { accessToken: token.accessToken, deviceId: '1234567890' } } as never)
      .catch((error: unknown) => error as { status: number; rawResponse: unknown });
    expect(failure).toMatchObject({
      status: 400,
      rawResponse: { responseCode: '4004901', responseMessage: 'Invalid Field Format userResources' },
    });
  });
});
