import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startMswSimulator } from '../../simulator/adapters/msw.ts';
import { merchantSettlement, userBalance } from '../../simulator/ledger/accounts.ts';
import { CASHIER_TEST_USER } from '../../simulator/parties/users.ts';
import { danaFromEnv } from '../dana-sdk.ts';
import { idr, testKeys } from '../helpers.ts';
import { WIDGET_PATHS, widgetPaymentBody } from '../widget-bodies.ts';
import { browserSuite, serveOnLoopback } from './chromium.ts';

// A Widget Payment's webRedirectUrl in a real browser (Debian's Chromium through playwright-core),
// driven with the selectors of DANA's own widget UAT scripts (dana-id/uat-script): python's
// payment_widget_util.py on a desktop window, go's payment_widget_util.go (XPath, class substrings)
// on a 390x844 phone, and PHP's WebAutomation.php on a payment made with dana-node 1.5.11. Each pays
// and is checked by Query Payment and the ledger; python and go then open the page again and press
// pay once more, which must fail and move nothing. Screenshots go to
// test-artifacts/widget-payment/ (not committed).

const suite = browserSuite('test/browser/widget-payment.test.ts', 'widget-payment');
const { open, shot } = suite;

const balances = () => ({
  user: suite.t.sim.runtime.db.ledger.balance(userBalance(CASHIER_TEST_USER)),
  merchant: suite.t.sim.runtime.db.ledger.balance(merchantSettlement(suite.t.merchantId)),
});

/** A signed Widget Payment (svc 54) for `value` IDR, and the page it answers. */
async function widgetPayment(value: string) {
  const body = widgetPaymentBody(suite.t.merchantId, { amount: idr(value) }, 15 * 60_000, suite.t.sim.clock.now());
  const reply = await suite.t.snap(WIDGET_PATHS.payment, body);
  expect(reply.body.responseCode).toBe('2005400');
  const url = reply.body.webRedirectUrl as string;
  expect(url.startsWith(`${suite.baseUrl}/m/portal/cashier/checkout?`)).toBe(true);
  return { url, partnerReferenceNo: body.partnerReferenceNo };
}

const query = async (partnerReferenceNo: string) =>
  (
    await suite.t.snap(WIDGET_PATHS.query, {
      originalPartnerReferenceNo: partnerReferenceNo,
      serviceCode: '54',
      merchantId: suite.t.merchantId,
    })
  ).body;

interface Opened {
  readonly url: string;
  readonly partnerReferenceNo: string;
  /** Balances before the page was opened. */
  readonly before: ReturnType<typeof balances>;
}

/** A Widget Payment for `value` IDR and a fresh page (`options`) to go through it; the page is closed after `steps`. */
async function onPaymentPage(value: string, options: BrowserContextOptions, steps: (page: Page, order: Opened) => Promise<void>) {
  const { url, partnerReferenceNo } = await widgetPayment(value);
  const before = balances();
  const page = await open(options);
  try {
    await steps(page, { url, partnerReferenceNo, before });
  } finally {
    await page.context().close();
  }
}

/** The order paid: SUCCESS on Query Payment, and exactly the amount moved from the user to the merchant. */
async function expectPaid(partnerReferenceNo: string, before: ReturnType<typeof balances>, minor: number) {
  expect(await query(partnerReferenceNo)).toMatchObject({
    responseCode: '2005500',
    latestTransactionStatus: '00',
    transactionStatusDesc: 'SUCCESS',
  });
  expect(balances()).toEqual({ user: before.user - minor, merchant: before.merchant + minor });
}

/** The paid order's page opened again and pay pressed, as python and go do: it must fail and say nothing was charged. */
async function payAgain(page: Page, url: string, payButton: string) {
  await page.goto(url);
  await page.locator(payButton).click();
  await page.getByText('Nothing was charged again.').waitFor();
  expect(await page.locator('.lbl-failed-payment').isVisible()).toBe(true);
}

describe.skipIf(suite.skip)('the Widget payment page in Chromium', () => {
  it(
    "pays along python's selectors (DANA option, phone with 0, continue, PIN, btn-pay), then fails a second pay",
    () =>
      onPaymentPage('25000.00', { viewport: { width: 1920, height: 1080 } }, async (page, { url, partnerReferenceNo, before }) => {
        await page.goto(url);
        // node's and java's XPath for the option must name one element: java waits on it strictly.
        expect(await page.locator('xpath=//*[contains(@class,"dana")]/*[contains(@class,"bank-title")]').count()).toBe(1);
        const dana = page.locator('.dana>.bank-title');
        if (await dana.isVisible()) await dana.click();
        await shot(page, 'python-checkout');
        await page.locator('.desktop-input>.txt-input-phone-number-field').fill('083811223355');
        await page.locator('.agreement__button>.btn-continue').click();
        await page.locator('.txt-input-pin-field').fill('181818');
        await page.locator('button.btn-pay').waitFor();
        await page.locator('button.btn-pay').click();
        // dana-python's own web automation and PHP wait for this exact, case-sensitive text.
        await page.locator('text="Payment Success"').waitFor();
        expect(await page.locator('.lbl-success').isVisible()).toBe(true);
        await shot(page, 'python-success');
        await expectPaid(partnerReferenceNo, before, 2_500_000);

        await payAgain(page, url, 'button.btn-pay');
        await shot(page, 'python-paid-again');
        await expectPaid(partnerReferenceNo, before, 2_500_000);
      }),
    30_000,
  );

  it(
    "pays along go's XPath selectors on a 390x844 phone, with the phone typed as 628…",
    () =>
      onPaymentPage(
        '12345.00',
        { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
        async (page, { url, partnerReferenceNo, before }) => {
          const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
          await page.goto(url);
          const phone = page.locator('xpath=//*[contains(@class,"desktop-input")]//input');
          // go picks DANA only when the phone field is hidden; here it is open beside the chosen option.
          expect(await phone.isVisible()).toBe(true);
          expect(await page.locator("div.bank-item[class*='dana-pay-option']").isVisible()).toBe(true);
          expect(await scrollWidth()).toBeLessThanOrEqual(390);
          await phone.fill('6283811223355');
          await page.locator('xpath=//*[contains(@class,"agreement__button")]//button').click();
          await page.locator('xpath=//*[contains(@class,"input-pin")]//input').fill('181818');
          const pay = page.locator('xpath=//*[contains(@class,"btn-pay")]');
          await pay.waitFor();
          const box = (await pay.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(390);
          expect(box.y + box.height).toBeLessThanOrEqual(844);
          await pay.tap();
          await page.locator("xpath=//*[contains(@class,'lbl-success')]").waitFor();
          expect(await scrollWidth()).toBeLessThanOrEqual(390);
          await shot(page, 'go-mobile-success');
          await expectPaid(partnerReferenceNo, before, 1_234_500);

          await payAgain(page, url, 'xpath=//*[contains(@class,"btn-pay")]');
          await expectPaid(partnerReferenceNo, before, 1_234_500);
        },
      ),
    30_000,
  );

  it(
    'shows a PAYING order (sandbox amount 205502.00) as being processed, with nothing to press',
    () =>
      onPaymentPage(
        '205502.00',
        { viewport: { width: 390, height: 844 }, isMobile: true },
        async (page, { url, partnerReferenceNo, before }) => {
          await page.goto(url);
          await page.getByText('This payment is being processed.').waitFor();
          expect(await page.locator('.lbl-failed-payment').isVisible()).toBe(true);
          expect(await page.locator('.btn-pay').count()).toBe(0);
          expect(await page.locator('.txt-input-phone-number-field').count()).toBe(0);
          await shot(page, 'paying');
          expect(await query(partnerReferenceNo)).toMatchObject({ latestTransactionStatus: '02', transactionStatusDesc: 'PAYING' });
          expect(balances()).toEqual(before);
        },
      ),
    30_000,
  );
});

describe.skipIf(suite.skip)('a Widget Payment made with dana-node 1.5.11, paid in Chromium', () => {
  it("pays the SDK's webRedirectUrl along PHP's selectors and reads SUCCESS back through the SDK", async () => {
    // msw hands the SDK's calls to DANA's host to this simulator; the browser opens its pages on loopback.
    let pagesUrl = '';
    const { dana: danaKeys, merchant } = testKeys();
    const running = await startMswSimulator({
      danaKeys,
      merchant: { privateKeyPem: merchant.privateKeyPem },
      seed: 'sdk',
      pagesUrl: () => pagesUrl,
    });
    const dana = danaFromEnv(running.env);
    const served = await serveOnLoopback(running.simulator);
    pagesUrl = served.url;
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const { env } = running;
      const request = widgetPaymentBody(env.MERCHANT_ID, { amount: idr('7500.00') });
      const userBefore = running.userBalance(CASHIER_TEST_USER);
      const created = await dana.widgetApi.widgetPayment(request as never);
      expect(created).toMatchObject({ responseCode: '2005400', partnerReferenceNo: request.partnerReferenceNo });
      await page.goto(created.webRedirectUrl!);
      const danaOption = page.locator("xpath=//*[contains(@class,'dana')]/*[contains(@class,'bank-title')]");
      if (await danaOption.isVisible()) await danaOption.click();
      await page.locator('.desktop-input>.txt-input-phone-number-field').fill('083811223355');
      await page.locator('.agreement__button>.btn-continue').click();
      await page.locator('.txt-input-pin-field').fill('181818');
      await page.locator('.btn.btn-primary.btn-pay').click();
      // PHP reads the page source for `Payment Success` (or `Pembayaran Berhasil`).
      await expect.poll(() => page.content()).toContain('Payment Success');
      const query = { originalPartnerReferenceNo: request.partnerReferenceNo, serviceCode: '54', merchantId: env.MERCHANT_ID };
      expect(await dana.widgetApi.queryPayment(query as never)).toMatchObject({
        responseCode: '2005500',
        latestTransactionStatus: '00',
        transactionStatusDesc: 'SUCCESS',
        amount: { value: '7500.00', currency: 'IDR' },
      });
      expect(Number(userBefore) - Number(running.userBalance(CASHIER_TEST_USER))).toBe(7500);
    } finally {
      await page.context().close();
      await served.close();
      await running.close();
    }
  }, 30_000);
});
