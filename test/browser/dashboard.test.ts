import { describe, expect, it } from 'vitest';
import { controlCall, topUpDeposit } from '../helpers.ts';
import { browserSuite } from './chromium.ts';

// The dashboard at `/` in a real browser: what it shows comes from the control API of the simulator
// serving it, so each test changes state there and reads it on the page.

const suite = browserSuite('test/browser/dashboard.test.ts', 'dashboard');

describe.skipIf(suite.skip)('dashboard in Chromium', () => {
  it('the overview shows the merchant deposit', async () => {
    const { t, baseUrl } = suite;
    const before = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/balance')).body).deposit as string;
    topUpDeposit(t.sim, '1234567.00');
    const deposit = (Number(before) + 1234567).toLocaleString('id-ID', { minimumFractionDigits: 2 });
    const page = await suite.open({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${baseUrl}/`);
      const row = page.locator(`tr[data-merchant="${t.merchantId}"]`);
      await expect.poll(() => row.locator('.merchant-deposit').textContent()).toBe(`Rp${deposit}`);
      await suite.shot(page, 'overview');
    } finally {
      await page.context().close();
    }
  }, 30_000);
});
