import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { controlCall, createTestSimulator, idr, orderBody, PATHS, testKeys, topUpBody, transferBody } from '../test/helpers.ts';
import { danaCallReceivers } from '../test/receiver.ts';
import { rawClient } from './clients/raw.ts';
import { loadCases, selectCases } from './load.ts';
import { uatProgress } from './progress.ts';
import { runCases } from './runner.ts';
import { simTarget } from './targets/sim.ts';
import type { Target } from './targets/types.ts';
import { portalGroup } from './types.ts';

// Live UAT progress: a merchant's own traffic (here, hand-made requests) is recognised as the mandated
// cases it exercises, by outcome and defining inputs, and counted portal-style.

/**
 * The cases' traffic as a merchant's own app would send it: a runner that opens no run window (and so
 * tags nothing), since a real run's own traffic is never counted (tested in test/uat-leaves-no-change.test.ts).
 */
const asOwnTraffic = (target: Target): Target => ({ ...target, control: { ...target.control!, openRun: async () => undefined } });

const receivers = danaCallReceivers();
afterEach(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

describe('live UAT classification', () => {
  it('counts a hand-made sequence of requests and notifications', async () => {
    const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), extensions: [uatProgress()] });
    const status = async () => {
      const reply = await controlCall(t.sim, 'GET', '/__sim/uat/status', '');
      return Object.fromEntries(
        (JSON.parse(reply.body).groups as Array<{ group: string; covered: number; total: number; coveredCases: string[] }>).map((g) => [
          g.group,
          g,
        ]),
      );
    };
    expect((await status())['Dana Disbursement TopUp (mandatory)']).toMatchObject({ covered: 0, total: 7 });

    const valid = topUpBody();
    await t.snap(PATHS.topUp, valid);
    await t.snap(PATHS.topUp, valid); // a replay is the same case, counted once
    await t.snap(PATHS.topUp, topUpBody({ customerNumber: '628996647679' }));
    await t.snap(PATHS.topUp, { ...valid, amount: idr('4.00') });
    await t.snap(PATHS.topUp, topUpBody({ customerNumber: '62811000000' })); // another success: still TopUpCustomerValid
    await t.snap(PATHS.transfer, transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true } }));
    await t.snap(PATHS.transfer, transferBody({ additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: false } }));

    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, [
      { status: 200, body: '{"responseCode":"2005600","responseMessage":"Successful"}' },
    ]);
    const order = orderBody(
      t.merchantId,
      {
        amount: idr('11011.00'),
        urlParams: [{ url: `${receiver.url}/notify`, type: 'NOTIFICATION', isDeeplink: 'Y' }],
        payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('11011.00') }],
      },
      10 * 60_000,
      t.sim.runtime.clock.now(),
    );
    await t.snap(PATHS.createOrder, order);
    await controlCall(t.sim, 'POST', '/__sim/orders/pay', JSON.stringify({ partnerReferenceNo: order.partnerReferenceNo }));

    const progress = await status();
    expect(progress['Dana Disbursement TopUp (mandatory)']).toMatchObject({ covered: 3, total: 7 });
    expect(progress['Dana Disbursement TopUp (mandatory)'].coveredCases.sort()).toEqual([
      'TopUpCustomerFrozenAccount',
      'TopUpCustomerInconsistentRequest',
      'TopUpCustomerValid',
    ]);
    expect(progress['Dana Disbursement Bank Top Up (mandatory)'].coveredCases.sort()).toEqual([
      'DisbursementBankValidAccount',
      'DisbursementBankValidAccountInProgress',
    ]);
    expect(progress['General Payment finish notify (mandatory)']).toMatchObject({
      covered: 1,
      total: 3,
      coveredCases: ['TransactionSuccessNotify'],
    });

    await controlCall(t.sim, 'POST', '/__sim/uat/reset', '{}');
    expect((await status())['Dana Disbursement TopUp (mandatory)'].covered).toBe(0);
  });
});

describe('live UAT classification of Payment Gateway traffic', () => {
  it("recognises every Payment Gateway case in the runner's traffic, refused headers and order statuses included", async () => {
    const { dana, merchant } = testKeys();
    const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem }, extensions: [uatProgress()] });
    try {
      const cases = selectCases(loadCases(), { product: 'payment_gateway' });
      const run = await runCases({
        target: asOwnTraffic(target),
        client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) },
        cases,
      });
      expect(run.cases.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([]);
      const reply = await fetch('https://api.sandbox.dana.id/__sim/uat/status');
      const groups = (await reply.json()).groups as Array<{ group: string; covered: number; total: number; missing: string[] }>;
      const pgGroups = new Set(cases.map((c) => portalGroup(c)));
      const progress = groups.filter((g) => pgGroups.has(g.group));
      expect(progress.map((g) => g.group).sort()).toEqual([...pgGroups].sort());
      for (const g of progress) expect(g.missing, g.group).toEqual([]);
      expect(progress.find((g) => g.group === 'Payment Gateway Payment (mandatory)')).toMatchObject({ covered: 5, total: 5 });
    } finally {
      await target.close();
    }
  });

  it("tells Widget's cancel, refund and query cases from Payment Gateway's by the path, and recognises every Widget case", async () => {
    const { dana, merchant } = testKeys();
    const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem }, extensions: [uatProgress()] });
    const progress = async () => {
      const reply = await fetch('https://api.sandbox.dana.id/__sim/uat/status');
      return (await reply.json()).groups as Array<{ group: string; covered: number; total: number; missing: string[] }>;
    };
    const run = (product: string) =>
      runCases({
        target: asOwnTraffic(target),
        client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) },
        cases: selectCases(loadCases(), { product }),
      });
    try {
      await run('payment_gateway');
      const shared = ['Widget Cancel Order', 'Widget Refund Order', 'Widget Query Payment'];
      expect((await progress()).filter((g) => shared.includes(g.group)).map((g) => [g.group, g.covered])).toEqual(
        shared.map((group) => [group, 0]).sort(),
      );
      const widget = await run('widget');
      expect(widget.cases.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([]);
      const groups = new Set(widget.cases.map((c) => portalGroup(c)));
      const covered = (await progress()).filter((g) => groups.has(g.group));
      expect(covered.map((g) => g.group).sort()).toEqual([...groups].sort());
      for (const g of covered) expect(g.missing, g.group).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('tells an unpaid order from a paid one by the query reply, and counts a refused signature', async () => {
    const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), extensions: [uatProgress()] });
    const covered = async () => {
      const reply = await controlCall(t.sim, 'GET', '/__sim/uat/status', '');
      return (JSON.parse(reply.body).groups as Array<{ coveredCases: string[] }>).flatMap((g) => g.coveredCases).sort();
    };
    const balance = [{ payMethod: 'BALANCE', payOption: '', transAmount: idr('1.00') }];
    const order = orderBody(t.merchantId, { amount: idr('1.00'), payOptionDetails: balance }, 10 * 60_000, t.sim.runtime.clock.now());
    await t.snap(PATHS.createOrder, order);
    const query = { originalPartnerReferenceNo: order.partnerReferenceNo, serviceCode: '54', merchantId: t.merchantId };
    await t.snap(PATHS.queryPayment, query);
    expect(await covered()).toEqual(['CreateOrderApi', 'QueryPaymentCreatedOrder']);
    await controlCall(t.sim, 'POST', '/__sim/orders/pay', JSON.stringify({ partnerReferenceNo: order.partnerReferenceNo }));
    await t.snap(PATHS.queryPayment, query);
    expect(await covered()).toEqual(['CreateOrderApi', 'QueryPaymentCreatedOrder', 'QueryPaymentPaidOrder']);
    const refused = await t.snap(PATHS.createOrder, order, (r) => ({
      ...r,
      headers: { ...r.headers, 'x-signature': 'bm90IGEgc2lnbmF0dXJl' },
    }));
    expect(refused.body.responseCode).toBe('4015400');
    expect(await covered()).toContain('CreateOrderUnauthorized');
  });
});
