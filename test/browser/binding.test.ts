import { describe, expect, it } from 'vitest';
import { applyToken, bindingLink, customerCall } from '../widget-binding.ts';
import { browserSuite } from './chromium.ts';

// Widget account binding in a real browser (Debian's Chromium through playwright-core), the way
// DANA's node UAT script drives it: phone typed with its 0, the Continue button, the PIN typed by
// keyboard into the one PIN field, then no further click: the page must go to redirectUrl by itself.

const suite = browserSuite('test/browser/binding.test.ts', 'binding');

describe.skipIf(suite.skip)('account binding in Chromium', () => {
  it('binds the sandbox test user as DANA\u2019s UAT script does, and the authCode buys a working token', async () => {
    const { t, baseUrl } = suite;
    const page = await suite.open({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    try {
      const redirectUrl = `${baseUrl}/oauth/return`;
      await page.goto(`${baseUrl}${bindingLink(t.credentials.partnerId, { redirectUrl, state: 'browser-state' })}`);
      await page.locator('input.txt-input-phone-number-field').fill('083811223355');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.locator('.txt-input-pin-field').click();
      await page.keyboard.type('181818');
      await page.waitForURL(/authCode=/, { timeout: 10_000 });
      const back = new URL(page.url());
      expect(`${back.origin}${back.pathname}`).toBe(redirectUrl);
      expect(back.searchParams.get('state')).toBe('browser-state');
      const grant = { grantType: 'AUTHORIZATION_CODE', authCode: back.searchParams.get('authCode'), refreshToken: '', additionalInfo: {} };
      const tokens = await applyToken(t, grant);
      expect(tokens.body.responseCode).toBe('2007400');
      const balance = await customerCall(t, '/v1.0/balance-inquiry.htm', { balanceTypes: ['BALANCE'] }, tokens.body.accessToken);
      expect(balance.body.accountInfos[0].amount).toEqual({ value: '100000.00', currency: 'IDR' });
    } finally {
      await page.context().close();
    }
  }, 30_000);
});
