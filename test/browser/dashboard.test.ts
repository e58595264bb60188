import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uatProgress } from '../../scenarios/progress.ts';
import { snapRequest } from '../../simulator/signature/client.ts';
import { controlCall, PATHS, topUpBody, topUpDeposit, transferBody, VALID_CUSTOMER } from '../helpers.ts';
import { browserSuite } from './chromium.ts';

// The dashboard at `/` in a real browser: what it shows comes from the control API of the simulator
// serving it, so each test changes state there and reads it on the page. The simulator tracks UAT
// progress as `dana-sim start`'s does.

const suite = browserSuite('test/browser/dashboard.test.ts', 'dashboard', { extensions: [uatProgress()] });

const VIEWPORT = { viewport: { width: 1280, height: 900 } };
/** The page's replies are asynchronous; on two busy cores (the full suite) they can take seconds. */
const POLL = { timeout: 10_000 };

async function control(method: string, path: string, body?: unknown) {
  const reply = await controlCall(suite.t.sim, method, `/__sim${path}`, body === undefined ? '' : JSON.stringify(body));
  expect(reply.status, `${method} ${path}: ${reply.body}`).toBe(200);
  return JSON.parse(reply.body);
}

const rupiah = (value: string) => `Rp${Number(value).toLocaleString('id-ID', { minimumFractionDigits: 2 })}`;

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const page = await suite.open(VIEWPORT);
  try {
    await run(page);
  } finally {
    await page.context().close();
  }
}

/** The Requests tab once its backlog is shown and the event stream is connected: what follows arrives live. */
async function openRequests(page: Page): Promise<void> {
  await page.goto(`${suite.baseUrl}/#/requests`);
  await page.locator('.requests-card[data-loaded]').waitFor();
  await page.locator('.live.on').waitFor();
  // Set once: a reload would lose it, so finding it later proves the rows came without one.
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

/** The log's entry for a reference, as the control API has it. */
async function logEntryFor(reference: string) {
  const { entries } = await control('GET', `/log?reference=${encodeURIComponent(reference)}`);
  expect(entries).toHaveLength(1);
  return entries[0] as {
    seq: number;
    code: string;
    httpStatus: number;
    postings: { account: string; amountMinor: number }[];
    diagnosis?: { mistake: { kind: string } };
  };
}

describe.skipIf(suite.skip)('dashboard in Chromium', () => {
  it('the overview shows the merchant deposit, the users with their balances and secrets hidden until clicked', async () => {
    const { t, baseUrl } = suite;
    const before = (await control('GET', '/balance')).deposit as string;
    topUpDeposit(t.sim, '1234567.00');
    const deposit = (Number(before) + 1234567).toLocaleString('id-ID', { minimumFractionDigits: 2 });
    const user = ((await control('GET', '/users')) as { customerNumber: string; balance: string }[]).find(
      (entry) => entry.customerNumber === VALID_CUSTOMER,
    )!;
    expect(user.balance).toBe(t.userBalance());
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/`);
      const row = page.locator(`tr[data-merchant="${t.merchantId}"]`);
      await expect.poll(() => row.locator('.merchant-deposit').textContent(), POLL).toBe(`Rp${deposit}`);
      await expect
        .poll(() => page.locator(`tr[data-customer="${VALID_CUSTOMER}"] .user-balance`).textContent(), POLL)
        .toBe(rupiah(user.balance));
      const secret = page.locator(`.credentials[data-merchant="${t.merchantId}"] .secret[data-secret="CLIENT_SECRET"]`);
      await expect.poll(() => secret.getAttribute('class'), POLL).toBe('secret');
      // Hidden means absent: nothing to select, nothing for a screen reader to read out.
      expect(await page.content()).not.toContain(t.credentials.clientSecret);
      await suite.shot(page, 'overview');
      await secret.click();
      await expect.poll(() => secret.getAttribute('class'), POLL).toBe('secret shown');
      expect(await secret.textContent()).toContain(t.credentials.clientSecret);
      // Each language's block, and Copy says what it did (copied, or selected where the clipboard is refused).
      const credentials = page.locator(`.credentials[data-merchant="${t.merchantId}"]`);
      await credentials.locator('button.lang[data-lang="python"]').click();
      await expect.poll(() => credentials.locator('.env-block').getAttribute('data-lang'), POLL).toBe('python');
      // The block is the control API's for that language, as `dana-sim env --lang python --format dotenv` prints it.
      const served = await control('GET', `/credentials?merchant=${t.merchantId}`);
      const python = served.languages.find((entry: { lang: string }) => entry.lang === 'python').env as string;
      expect(python).toContain(`MERCHANT_ID="${t.merchantId}"`);
      expect(python).toContain('SSL_CERT_FILE=');
      const hidden = credentials.locator('.env-block button.secret');
      while ((await hidden.count()) > 0) await hidden.first().click();
      expect(await credentials.locator('.env-block').textContent()).toBe(python);
      await credentials.locator('button.copy').click();
      await expect.poll(() => credentials.locator('.copy-state').textContent(), POLL).not.toBe('');
    });
  }, 30_000);

  it('a signed top up made after the page opened appears live with its code, HTTP status and an OK verdict', async () => {
    const { t } = suite;
    topUpDeposit(t.sim, '100000.00');
    await withPage(async (page) => {
      await openRequests(page);
      const body = topUpBody({ amount: { value: '25000.00', currency: 'IDR' } });
      const reply = await t.snap(PATHS.topUp, body);
      expect(reply.body.responseCode).toBe('2003800');
      const entry = await logEntryFor(body.partnerReferenceNo);
      const row = page.locator(`tr.request-row[data-seq="${entry.seq}"]`);
      await expect.poll(() => row.locator('.request-code').textContent(), POLL).toBe('2003800');
      expect(await row.locator('.request-status').textContent()).toBe('200');
      expect(await row.locator('.request-verdict').textContent()).toContain('OK');
      // Money moved: what the postings credited, the amount plus the fee.
      const credited = entry.postings.filter((p) => p.amountMinor > 0).reduce((sum, p) => sum + p.amountMinor, 0);
      expect(credited).toBe(2_500_100);
      expect(await row.locator('.request-money').textContent()).toBe('Rp25.001,00');
      // Newest first, and no reload brought it.
      expect(await page.locator('tr.request-row').first().getAttribute('data-seq')).toBe(String(entry.seq));
      expect(await notReloaded(page)).toBe(true);
      await suite.shot(page, 'requests');
      // The filter box keeps the rows carrying a reference.
      await page.locator('.request-filter').fill(body.partnerReferenceNo);
      await expect.poll(() => page.locator('tr.request-row').count(), POLL).toBe(1);
      expect(await page.locator('tr.request-row').getAttribute('data-seq')).toBe(String(entry.seq));
    });
  }, 30_000);

  it('a transfer to bank moves its amount and fee once, and a request refused before its signature was read says not checked', async () => {
    const { t } = suite;
    topUpDeposit(t.sim, '100000.00');
    await withPage(async (page) => {
      await openRequests(page);
      const depositBefore = Number((await control('GET', '/balance')).deposit);
      const body = transferBody({ amount: { value: '50000.00', currency: 'IDR' } });
      const reply = await t.snap(PATHS.transfer, body);
      expect(reply.body.responseCode).toBe('2004300');
      const entry = await logEntryFor(body.partnerReferenceNo);
      // Reserved and settled in one request: the reserve account's lines cancel out, and what moved is
      // what left the deposit (the amount and the fee).
      const left = depositBefore - Number((await control('GET', '/balance')).deposit);
      expect(left).toBeGreaterThan(50000);
      const row = page.locator(`tr.request-row[data-seq="${entry.seq}"]`);
      await expect.poll(() => row.locator('.request-money').textContent(), POLL).toBe(rupiah(String(left)));
      expect(await row.locator('.request-verdict').textContent()).toBe('OK');

      const unsigned = await t.sim.fetch(
        new Request(`${suite.baseUrl}${PATHS.topUp}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      );
      expect((await unsigned.json()).responseCode).toBe('4003802');
      const { entries } = await control('GET', '/log?code=4003802');
      const refusedRow = page.locator(`tr.request-row[data-seq="${entries.at(-1).seq}"]`);
      await expect.poll(() => refusedRow.locator('.request-verdict').textContent(), POLL).toBe('not checked');
    });
  }, 30_000);

  it('a top up signed with another partner’s key appears refused, and its detail shows the diagnosis', async () => {
    const { t } = suite;
    await withPage(async (page) => {
      await openRequests(page);
      const body = topUpBody();
      // Signed with the bank partner's private key while naming the merchant as the partner.
      const wrongKey = { ...t.credentials, privateKey: t.bank.credentials.privateKey };
      const reply = await t.snap(PATHS.topUp, body, () => snapRequest({ path: PATHS.topUp, body, credentials: wrongKey }));
      expect(reply.status).toBe(401);
      expect(reply.body.responseCode).toBe('4013800');
      const entry = await logEntryFor(body.partnerReferenceNo);
      expect(entry.diagnosis?.mistake.kind).toBe('other-partner-key');
      const row = page.locator(`tr.request-row[data-seq="${entry.seq}"]`);
      await expect.poll(() => row.locator('.request-code').textContent(), POLL).toBe('4013800');
      expect(await row.locator('.request-status').textContent()).toBe('401');
      expect(await row.locator('.request-verdict').textContent()).toContain('refused');
      expect(await notReloaded(page)).toBe(true);
      await row.click();
      const diagnosis = page.locator(`.request-detail[data-seq="${entry.seq}"] .diagnosis`);
      await expect.poll(() => diagnosis.getAttribute('data-mistake'), POLL).toBe('other-partner-key');
      const text = (await diagnosis.textContent())!;
      expect(text).toContain(`private key of partner ${t.bank.credentials.partnerId}`);
      expect(text).toContain(`partner ${t.credentials.partnerId}'s RSA key`);
      expect(await page.locator('.request-detail .string-to-sign').textContent()).toContain(`POST:${PATHS.topUp}:`);
      // The detail scrolled itself into view; the full-page shot is taken from the top (the header is sticky).
      await page.evaluate(() => scrollTo(0, 0));
      await suite.shot(page, 'request-detail');
    });
  }, 30_000);

  it('the UAT panel shows a case the traffic covered and how to trigger a missing one', async () => {
    const { t, baseUrl } = suite;
    topUpDeposit(t.sim, '100000.00');
    await control('POST', '/uat/reset', { merchant: t.merchantId });
    await withPage(async (page) => {
      await page.goto(`${baseUrl}/#/uat`);
      const group = page.locator('.uat-group[data-group="Dana Disbursement TopUp (mandatory)"]');
      await expect.poll(() => group.locator('.uat-count').textContent(), POLL).toBe('0 of 7');
      await page.locator('.live.on').waitFor();
      expect((await t.snap(PATHS.topUp, topUpBody())).body.responseCode).toBe('2003800');
      // Refreshed by the request event, no reload.
      await expect.poll(() => group.locator('.uat-count').textContent(), POLL).toBe('1 of 7');
      await expect.poll(() => group.locator('.uat-covered li[data-case="TopUpCustomerValid"]').count(), POLL).toBe(1);
      const status = await control('GET', `/uat/status?merchant=${t.merchantId}`);
      const topUp = status.groups.find((g: { group: string }) => g.group === 'Dana Disbursement TopUp (mandatory)');
      expect(topUp.coveredCases).toEqual(['TopUpCustomerValid']);
      const missing = topUp.missingHints[0] as { id: string; hint: string };
      expect(await group.locator(`.uat-missing li[data-case="${missing.id}"] .uat-hint`).textContent()).toBe(missing.hint);
      await suite.shot(page, 'uat');
      // Reset forgets the merchant's coverage.
      await page.locator('button.uat-reset').click();
      await expect.poll(() => group.locator('.uat-count').textContent(), POLL).toBe('0 of 7');
      const after = await control('GET', `/uat/status?merchant=${t.merchantId}`);
      expect(after.groups.every((g: { covered: number }) => g.covered === 0)).toBe(true);
    });
  }, 30_000);
});
