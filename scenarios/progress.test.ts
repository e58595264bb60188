import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { controlCall, createTestSimulator, idr, orderBody, PATHS, topUpBody, transferBody } from '../test/helpers.ts';
import { danaCallReceivers } from '../test/receiver.ts';
import { uatProgress } from './progress.ts';

// Live UAT progress: a merchant's own traffic (here, hand-made requests) is recognised as the mandated
// cases it exercises, by outcome and defining inputs, and counted portal-style.

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
