import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS, controlCall, topUpBody, topUpDeposit, transferBody } from '../helpers.ts';
import { danaCallReceivers } from '../receiver.ts';
import { browserSuite } from './chromium.ts';

// The dashboard's action panels in a real browser: what a user does on the page (resend a webhook,
// add and remove a fault rule, move the clock, complete or fail a transfer) changes the simulator
// serving it, which the test then checks through the API as well as on the page.

const suite = browserSuite('test/browser/dashboard-actions.test.ts', 'dashboard');
const receivers = danaCallReceivers();

afterAll(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

const control = async (method: string, url: string, body?: unknown) => {
  const reply = await controlCall(suite.t.sim, method, url, body === undefined ? '' : JSON.stringify(body));
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body);
};

/** A transfer to bank that stays in progress (needNotify) until its completion is due or forced. */
async function transferInProgress() {
  const { t } = suite;
  topUpDeposit(t.sim, '1000000.00');
  const body = transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } });
  const reply = await t.snap(PATHS.transfer, body);
  expect(reply.body.responseCode).toBe('2024300');
  return body.partnerReferenceNo as string;
}

async function transferStatus(partnerReferenceNo: string): Promise<string> {
  const reply = await suite.t.snap(PATHS.transferStatus, { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '00' });
  return reply.body.latestTransactionStatus;
}

async function openPanel(panel: string): Promise<Page> {
  const page = await suite.open({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${suite.baseUrl}/#/${panel}`);
  return page;
}

describe.skipIf(suite.skip)('dashboard actions in Chromium', () => {
  it('Resend on a notification adds an attempt on the page and a call to the receiver', async () => {
    const { t } = suite;
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    await control('POST', '/__sim/merchants/notify-url', { url: `${receiver.url}/notify` });
    const ref = await transferInProgress();
    await control('POST', '/__sim/transfers/complete', { partnerReferenceNo: ref });
    expect(receiver.received).toHaveLength(1);
    const records = (await control('GET', '/__sim/webhooks')) as Array<{ id: string; body: Record<string, unknown> }>;
    const record = records.find((candidate) => candidate.body.originalPartnerReferenceNo === ref)!;
    const page = await openPanel('notifications');
    try {
      const card = page.locator(`.notification[data-id="${record.id}"]`);
      await expect.poll(() => card.locator('.attempt').count()).toBe(1);
      await card.getByRole('button', { name: 'Resend', exact: true }).click();
      await expect.poll(() => card.locator('.attempt').count()).toBe(2);
      await expect.poll(() => card.locator('.attempt-count').textContent()).toBe('2 attempts');
      expect(receiver.received).toHaveLength(2);
      expect(JSON.parse(receiver.received[1].body).originalPartnerReferenceNo).toBe(ref);
      await suite.shot(page, 'notifications');
    } finally {
      await page.context().close();
      await control('POST', '/__sim/merchants/notify-url', { url: null });
    }
  }, 30_000);

  it('a fault rule added on the page answers the next top up, counts down, and is gone once removed', async () => {
    const { t } = suite;
    topUpDeposit(t.sim, '1000.00');
    const page = await openPanel('faults');
    try {
      const form = page.locator('form.rule-form');
      await form.locator('input[name="endpoint"]').fill('transferToDana');
      await form.locator('select[name="effect"]').selectOption('result');
      await form.locator('input[name="value"]').fill('INTERNAL_SERVER_ERROR');
      await form.locator('input[name="times"]').fill('2');
      await form.getByRole('button', { name: 'Add rule' }).click();
      const row = page.locator('.rule[data-source="user"]').filter({ hasText: 'transferToDana' });
      await expect.poll(() => row.locator('.rule-times').textContent()).toBe('2');
      const [rule] = (await control('GET', '/__sim/faults?source=user')) as Array<{ id: string; times: number }>;
      expect(rule).toMatchObject({ endpoint: 'transferToDana', times: 2, effect: { kind: 'result', result: 'INTERNAL_SERVER_ERROR' } });

      const failed = await t.snap(PATHS.topUp, topUpBody());
      expect(failed).toMatchObject({ status: 500, body: { responseCode: '5003801' } });
      // The request's live event refreshes the list: one of the two firings is used.
      await expect.poll(() => row.locator('.rule-times').textContent()).toBe('1');
      await suite.shot(page, 'faults');

      await row.getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => page.locator(`.rule[data-id="${rule.id}"]`).count()).toBe(0);
      expect(await control('GET', '/__sim/faults?source=user')).toEqual([]);
      const paid = await t.snap(PATHS.topUp, topUpBody());
      expect(paid.body.responseCode).toBe('2003800');
    } finally {
      await page.context().close();
    }
  }, 30_000);

  it('advancing the clock on the page completes a transfer in progress', async () => {
    const ref = await transferInProgress();
    const page = await openPanel('transactions');
    try {
      const row = page.locator(`tr.transaction-row[data-kind="transfer"][data-ref="${ref}"]`);
      await expect.poll(() => row.locator('.transaction-status').textContent()).toBe('PENDING (03)');
      await suite.shot(page, 'transactions');
      await page.getByRole('tab', { name: 'Clock' }).click();
      const before = await page.locator('.clock-now').textContent();
      await page.locator('.clock-advance').getByRole('button', { name: '1m', exact: true }).click();
      await expect.poll(() => page.locator('.clock-now').textContent()).not.toBe(before);
      await suite.shot(page, 'clock');
      await page.getByRole('tab', { name: 'Transactions' }).click();
      await expect.poll(() => row.locator('.transaction-status').textContent()).toBe('SUCCESS (00)');
      expect(await transferStatus(ref)).toBe('00');
    } finally {
      await page.context().close();
    }
  }, 30_000);

  it('Fail on a transfer in progress fails it; Complete on another completes it', async () => {
    const failing = await transferInProgress();
    const completing = await transferInProgress();
    const page = await openPanel('transactions');
    try {
      const rowOf = (ref: string) => page.locator(`tr.transaction-row[data-ref="${ref}"]`);
      await rowOf(failing).getByRole('button', { name: 'Fail' }).click();
      await expect.poll(() => rowOf(failing).locator('.transaction-status').textContent()).toBe('FAILED (06)');
      await expect.poll(() => rowOf(failing).getByRole('button').count()).toBe(0);
      await rowOf(completing).getByRole('button', { name: 'Complete' }).click();
      await expect.poll(() => rowOf(completing).locator('.transaction-status').textContent()).toBe('SUCCESS (00)');
      expect(await transferStatus(failing)).toBe('06');
      expect(await transferStatus(completing)).toBe('00');
      // The row opens on a click to the postings that moved the money.
      await rowOf(completing).click();
      await expect.poll(() => page.locator('.transaction-detail .posting').count()).toBeGreaterThan(0);
    } finally {
      await page.context().close();
    }
  }, 30_000);
});
