import { describe, expect, it } from 'vitest';
import { refundOrder } from '../../contracts/payment-gateway/index.ts';
import {
  PATHS,
  POSITIVE_ACCOUNT,
  VALID_CUSTOMER,
  controlCall,
  createTestSimulator,
  idr,
  orderBody,
  secondMerchant,
  topUpBody,
  topUpDeposit,
  transferBody,
  type TestSimulator,
} from '../../test/helpers.ts';
import { FEE_INCOME_ACCOUNT, merchantDeposit, merchantDepositReserved, merchantSettlement, userBalance } from '../ledger/accounts.ts';
import { payVaByNumber } from '../products/virtual-account/pay-by-number.ts';
import { bankSettlement } from '../products/virtual-account/sessions.ts';

// GET /__sim/transactions: every product's transactions in one list, newest first, with the postings
// each made and what the control API can still do to it.

const list = async (t: TestSimulator, query = '') => {
  const reply = await controlCall(t.sim, 'GET', `/__sim/transactions${query}`);
  return { status: reply.status, body: JSON.parse(reply.body) };
};
const items = async (t: TestSimulator, query = '') => (await list(t, query)).body as Record<string, any>[];
const control = async (t: TestSimulator, method: string, path: string, body: unknown) => {
  const reply = await controlCall(t.sim, method, path, JSON.stringify(body));
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body);
};
const tick = (t: TestSimulator) => control(t, 'POST', '/__sim/clock/advance', { duration: '1s' });

describe('GET /__sim/transactions', () => {
  it('lists top ups and transfers with their postings; a transfer in progress can be completed or failed', async () => {
    const t = await createTestSimulator({ background: false });
    topUpDeposit(t.sim, '1000000.00');
    const deposit = merchantDeposit(t.merchantId);
    expect((await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'tu-1', amount: idr('10000.00') }))).status).toBe(200);
    await tick(t);
    const transfer = transferBody({
      partnerReferenceNo: 'tr-1',
      additionalInfo: { fundType: 'MERCHANT_WITHDRAW_FOR_CORPORATE', needNotify: true },
    });
    expect((await t.snap(PATHS.transfer, transfer)).status).toBe(202);

    const [pending, topUp] = await items(t);
    expect(topUp).toMatchObject({
      kind: 'topup',
      id: `topup:${t.credentials.partnerId}:tu-1`,
      merchantId: t.merchantId,
      partnerId: t.credentials.partnerId,
      partnerReferenceNo: 'tu-1',
      status: 'SUCCESS',
      statusCode: '00',
      amount: idr('10000.00'),
      counterparty: VALID_CUSTOMER,
      actions: [],
    });
    expect(topUp.referenceNo).toMatch(/\S/);
    expect(topUp.createdAt).toMatch(/\+07:00$/);
    expect(topUp.postings).toEqual([
      { account: deposit, amountMinor: -1_000_100 },
      { account: userBalance(VALID_CUSTOMER), amountMinor: 1_000_000 },
      { account: FEE_INCOME_ACCOUNT, amountMinor: 100 },
    ]);
    expect(topUp.feeAmount).toEqual(idr('1.00'));
    expect(pending).toMatchObject({
      kind: 'transfer',
      partnerReferenceNo: 'tr-1',
      status: 'PENDING',
      statusCode: '03',
      amount: idr('50000.00'),
      counterparty: `014 ${POSITIVE_ACCOUNT}`,
      actions: ['complete', 'fail'],
    });
    expect(pending.postings).toEqual([
      { account: deposit, amountMinor: -5_250_000 },
      { account: merchantDepositReserved(t.merchantId), amountMinor: 5_250_000 },
    ]);

    // A business rejection is kept for its status (06) without the product's details.
    expect((await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'tu-2', amount: idr('90000000.00') }))).status).toBe(403);
    expect((await items(t, '?kind=topup'))[0]).toMatchObject({
      partnerReferenceNo: 'tu-2',
      status: 'FAILED',
      statusCode: '06',
      postings: [],
      actions: [],
    });
    expect((await items(t, '?kind=topup'))[0].counterparty).toBeUndefined();

    await control(t, 'POST', '/__sim/transfers/complete', { partnerReferenceNo: 'tr-1', outcome: 'failed' });
    const [failed] = await items(t, '?kind=transfer');
    expect(failed).toMatchObject({ kind: 'transfer', status: 'FAILED', statusCode: '06', actions: [] });
    expect(failed.postings.slice(2)).toEqual([
      { account: merchantDepositReserved(t.merchantId), amountMinor: -5_250_000 },
      { account: deposit, amountMinor: 5_250_000 },
    ]);
    await t.sim.close();
  });

  it('lists orders, refunds and VA bills; open ones can be paid or expired', async () => {
    const t = await createTestSimulator({ background: false });
    const paid = orderBody(t.merchantId, { partnerReferenceNo: 'ord-paid', amount: idr('5000.00'), payOptionDetails: undefined });
    expect((await t.snap(PATHS.createOrder, paid)).status).toBe(200);
    await control(t, 'POST', '/__sim/orders/pay', { partnerReferenceNo: 'ord-paid', customer: VALID_CUSTOMER });
    await tick(t);
    const refund = {
      originalPartnerReferenceNo: 'ord-paid',
      merchantId: t.merchantId,
      partnerRefundNo: 'rf-1',
      refundAmount: idr('1000.00'),
    };
    expect((await t.snap(refundOrder.paths[0], refund)).status).toBe(200);
    await tick(t);
    expect((await t.snap(PATHS.createOrder, orderBody(t.merchantId, { partnerReferenceNo: 'ord-va' }))).status).toBe(200);
    await tick(t);
    const topUpVa = await control(t, 'POST', '/__sim/va', { customer: VALID_CUSTOMER, amount: '7000.00' });
    await payVaByNumber(t.sim.runtime, topUpVa.virtualAccountNo);

    const all = await items(t);
    // The order and its VA come into being at one instant.
    expect(all.map((item) => item.kind)).toEqual(['va', 'order', 'va', 'refund', 'order']);
    const [vaTopUp, open, vaOrder, refunded, order] = all;
    const settlement = merchantSettlement(t.merchantId);
    expect(order).toMatchObject({
      id: `order:${t.credentials.partnerId}:ord-paid`,
      merchantId: t.merchantId,
      status: 'SUCCESS',
      statusCode: '00',
      amount: idr('5000.00'),
      counterparty: VALID_CUSTOMER,
      refunded: idr('1000.00'),
      actions: [],
    });
    expect(order.postings).toEqual([
      { account: userBalance(VALID_CUSTOMER), amountMinor: -500_000 },
      { account: settlement, amountMinor: 500_000 },
      { account: settlement, amountMinor: -100_000 },
      { account: userBalance(VALID_CUSTOMER), amountMinor: 100_000 },
    ]);
    expect(refunded).toMatchObject({
      kind: 'refund',
      id: `refund:${t.credentials.partnerId}:rf-1`,
      merchantId: t.merchantId,
      partnerReferenceNo: 'rf-1',
      originalPartnerReferenceNo: 'ord-paid',
      status: 'SUCCESS',
      amount: idr('1000.00'),
      counterparty: VALID_CUSTOMER,
      actions: [],
    });
    expect(refunded.postings).toEqual(order.postings.slice(2));
    expect(open).toMatchObject({
      kind: 'order',
      partnerReferenceNo: 'ord-va',
      status: 'INIT',
      statusCode: '01',
      actions: ['pay', 'expire'],
      postings: [],
    });
    expect(vaOrder).toMatchObject({
      kind: 'va',
      merchantId: t.merchantId,
      partnerReferenceNo: 'ord-va',
      status: 'ACTIVE',
      amount: idr('22200.00'),
      actions: ['pay', 'expire'],
      postings: [],
    });
    // The VA number as DANA shows it (service id padded with spaces); the order names it without.
    expect(vaOrder.counterparty.trim()).toBe(open.counterparty);
    expect(vaTopUp).toMatchObject({
      id: `va:${topUpVa.virtualAccountNo}`,
      merchantId: null,
      partnerId: t.bank.credentials.partnerId,
      status: 'PAID',
      amount: idr('7000.00'),
      counterparty: topUpVa.virtualAccountNo,
      customerNumber: VALID_CUSTOMER,
      actions: [],
    });
    expect(vaTopUp.referenceNo).toMatch(/\S/);
    expect(vaTopUp.postings).toEqual([
      { account: bankSettlement(t.bank.credentials.partnerId), amountMinor: -700_000 },
      { account: userBalance(VALID_CUSTOMER), amountMinor: 700_000 },
    ]);

    // A VA past its expiry is expired even before anything closes it; an order past validUpTo can only expire.
    await control(t, 'POST', '/__sim/clock/advance', { duration: '2h' });
    const [, laterOrder, laterVa] = await items(t);
    expect(laterVa).toMatchObject({ status: 'EXPIRED', actions: [] });
    expect(laterOrder).toMatchObject({ partnerReferenceNo: 'ord-va', status: 'EXPIRED', statusCode: '05', actions: [] });
    await t.sim.close();
  });

  it('filters by kind and merchant, limits, and names what it accepts', async () => {
    const t = await createTestSimulator({ background: false });
    topUpDeposit(t.sim, '1000000.00');
    const other = await secondMerchant(t);
    for (const ref of ['a-1', 'a-2', 'a-3']) {
      expect((await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: ref }))).status).toBe(200);
      await tick(t);
    }
    expect((await other.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: 'b-1' }))).status).toBe(200);

    expect((await items(t, '?limit=2')).map((item) => item.partnerReferenceNo)).toEqual(['b-1', 'a-3']);
    expect((await items(t, `?merchant=${t.merchantId}`)).map((item) => item.partnerReferenceNo)).toEqual(['a-3', 'a-2', 'a-1']);
    expect((await items(t, '?merchant=second-partner&kind=topup')).map((item) => item.merchantId)).toEqual([other.merchant.merchantId]);
    expect(await items(t, '?kind=refund')).toEqual([]);

    const unknown = await list(t, '?kind=payout');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unknown kind "payout"; kinds: topup, transfer, va, order, refund');
    expect((await list(t, '?limit=0')).body.error).toMatch(/limit must be a whole number/);
    expect((await list(t, '?merchant=nobody')).body.error).toMatch(/^no merchant nobody; merchants: /);
    await t.sim.close();
  });
});
