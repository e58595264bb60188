import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS, VALID_CUSTOMER, controlCall, orderBody, topUpBody, topUpDeposit, transferBody } from '../helpers.ts';
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

      // Resend to another URL: the same record, one more attempt, delivered there.
      const other = await receivers.start(t.sim.danaKeys.publicKeyPem);
      await card.locator('form.resend-to input[name="url"]').fill(`${other.url}/elsewhere`);
      await card.getByRole('button', { name: 'Resend to…' }).click();
      await expect.poll(() => card.locator('.attempt').count()).toBe(3);
      expect(other.received.map((call) => call.path)).toEqual(['/elsewhere']);

      // Trigger with an overridden field: a new record, marked triggered, whose body carries the override.
      await card.locator('details.trigger summary').click();
      const trigger = card.locator('form.trigger-form');
      await expect.poll(() => trigger.locator('input[name="reference"]').inputValue()).toBe(ref);
      await trigger.locator('textarea[name="set"]').fill('latestTransactionStatus="06"\ntransactionStatusDesc=Failed');
      await trigger.getByRole('button', { name: 'Trigger' }).click();
      const triggered = page.locator(`.notification[data-id="${record.id}-trigger-1"]`);
      await expect.poll(() => triggered.locator('.attempt').count()).toBe(1);
      expect(receiver.received).toHaveLength(3);
      expect(JSON.parse(receiver.received[2].body)).toMatchObject({
        originalPartnerReferenceNo: ref,
        latestTransactionStatus: '06',
        transactionStatusDesc: 'Failed',
      });
      // The transfer itself is untouched by a triggered notification.
      expect(await transferStatus(ref)).toBe('00');
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

  it('Pay on an open order pays it', async () => {
    const { t } = suite;
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    const order = orderBody(
      t.merchantId,
      {
        urlParams: [
          { url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' },
          { url: `${receiver.url}/finish`, type: 'NOTIFICATION', isDeeplink: 'Y' },
        ],
      },
      10 * 60_000,
      t.sim.clock.now(),
    );
    expect((await t.snap(PATHS.createOrder, order)).body.responseCode).toBe('2005400');
    const page = await openPanel('transactions');
    try {
      await page.locator('.kind-tab[data-kind="order"]').click();
      const row = page.locator(`tr.transaction-row[data-kind="order"][data-ref="${order.partnerReferenceNo}"]`);
      await expect.poll(() => row.locator('.transaction-status').textContent()).toBe('INIT (01)');
      await row.getByRole('button', { name: 'Pay' }).click();
      await expect.poll(() => row.locator('.transaction-status').textContent()).toBe('SUCCESS (00)');
      const query = { originalPartnerReferenceNo: order.partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId };
      expect((await t.snap(PATHS.queryPayment, query)).body.latestTransactionStatus).toBe('00');
      expect(receiver.received.map((call) => call.path)).toEqual(['/finish']);
    } finally {
      await page.context().close();
    }
  }, 30_000);

  it('Pay and Expire on virtual accounts and Expire on an order change their status', async () => {
    const { t } = suite;
    const paying = (await control('POST', '/__sim/va', { customer: VALID_CUSTOMER, amount: '50000.00' })).virtualAccountNo as string;
    const expiring = (await control('POST', '/__sim/va', { customer: VALID_CUSTOMER, amount: '20000.00' })).virtualAccountNo as string;
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem);
    const order = orderBody(
      t.merchantId,
      { urlParams: [{ url: `${receiver.url}/finish`, type: 'NOTIFICATION', isDeeplink: 'Y' }] },
      10 * 60_000,
      t.sim.clock.now(),
    );
    expect((await t.snap(PATHS.createOrder, order)).body.responseCode).toBe('2005400');
    const userBefore = t.userBalance(VALID_CUSTOMER);
    const page = await openPanel('transactions');
    try {
      await page.locator('.kind-tab[data-kind="va"]').click();
      const vaRow = (number: string) => page.locator(`tr.transaction-row[data-kind="va"][data-ref="${number}"]`);
      await vaRow(paying).getByRole('button', { name: 'Pay' }).click();
      await expect.poll(() => vaRow(paying).locator('.transaction-status').textContent()).toBe('PAID');
      await vaRow(expiring).getByRole('button', { name: 'Expire' }).click();
      await expect.poll(() => vaRow(expiring).locator('.transaction-status').textContent()).toBe('EXPIRED');
      // The paid top-up VA credited its DANA user; the expired one moved nothing.
      expect(Number(t.userBalance(VALID_CUSTOMER)) - Number(userBefore)).toBe(50000);
      const bills = (await control('GET', '/__sim/va')) as Array<{ virtualAccountNo: string; status: string }>;
      expect(bills.find((bill) => bill.virtualAccountNo === expiring)?.status).toBe('EXPIRED');

      await page.locator('.kind-tab[data-kind="order"]').click();
      const orderRow = page.locator(`tr.transaction-row[data-kind="order"][data-ref="${order.partnerReferenceNo}"]`);
      await orderRow.getByRole('button', { name: 'Expire' }).click();
      await expect.poll(() => orderRow.locator('.transaction-status').textContent()).toBe('EXPIRED (05)');
      const query = { originalPartnerReferenceNo: order.partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId };
      expect((await t.snap(PATHS.queryPayment, query)).body.latestTransactionStatus).toBe('05');
    } finally {
      await page.context().close();
    }
  }, 30_000);

  it('the sandbox switch turns the magic values off and on; Edit changes a rule in place', async () => {
    const { t } = suite;
    topUpDeposit(t.sim, '1000.00');
    const frozen = () => t.snap(PATHS.topUp, topUpBody({ customerNumber: '628996647679' }));
    expect((await frozen()).body.responseCode).toBe('4033805');
    const page = await openPanel('faults');
    try {
      const toggle = page.locator('.sandbox-toggle');
      await expect.poll(() => toggle.isChecked()).toBe(true);
      await toggle.click();
      await expect.poll(() => page.locator('.faults-sandbox strong').textContent()).toBe('off');
      expect(await control('GET', '/__sim/faults/sandbox')).toMatchObject({ enabled: false });
      expect((await frozen()).body.responseCode).toBe('2003800');
      await toggle.click();
      await expect.poll(() => page.locator('.faults-sandbox strong').textContent()).toBe('on');
      expect((await frozen()).body.responseCode).toBe('4033805');

      // A rule from the JSON editor, then edited: same id, new times.
      await page.locator('details.rule-json summary').click();
      await page
        .locator('.rule-json-input')
        .fill(JSON.stringify({ endpoint: 'transferToDana', times: 3, effect: { result: 'GENERAL_ERROR' } }));
      await page.getByRole('button', { name: 'Add JSON rule' }).click();
      // The click only starts the page's POST: wait for the rule to exist before reading its id.
      const userRules = async () => (await control('GET', '/__sim/faults?source=user')) as Array<{ id: string }>;
      await expect.poll(async () => (await userRules()).length).toBe(1);
      const [added] = await userRules();
      const row = page.locator(`.rule[data-id="${added.id}"]`);
      await expect.poll(() => row.locator('.rule-times').textContent()).toBe('3');
      await row.getByRole('button', { name: 'Edit' }).click();
      const editor = page.locator('.rule-edit-json');
      const edited = { ...JSON.parse(await editor.inputValue()), times: 5 };
      await editor.fill(JSON.stringify(edited));
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => row.locator('.rule-times').textContent()).toBe('5');
      expect(await control('GET', '/__sim/faults?source=user')).toMatchObject([{ id: added.id, times: 5 }]);
      await row.getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => row.count()).toBe(0);
    } finally {
      await page.context().close();
    }
  }, 30_000);
});
