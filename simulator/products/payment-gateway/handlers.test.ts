import { describe, expect, it } from 'vitest';
import { SimulatorClock, jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { createTestSimulator, idr, orderBody, PATHS } from '../../../test/helpers.ts';
import { PARTNERS, putPartner, type PartnerRecord } from '../../parties/banks.ts';
import { VA_BILLS, type VaBill } from '../virtual-account/bills.ts';
import { orderKey } from './orders.ts';

// Create Order (svc 54) and Query Payment (svc 55) through the simulator, on a frozen clock at a
// whole second so validUpTo (second precision) lands exactly where a test puts it.

const NOW = Date.UTC(2030, 4, 1, 3, 0, 0);
const MINUTE = 60_000;

async function setup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(NOW) });
  const order = (overrides: Record<string, unknown> = {}, validForMs = 10 * MINUTE) => orderBody(t.merchantId, overrides, validForMs, NOW);
  const query = (body: Record<string, unknown>) => t.snap(PATHS.queryPayment, { serviceCode: '54', merchantId: t.merchantId, ...body });
  const record = (partnerReferenceNo: string) =>
    t.sim.runtime.db.get<TransactionRecord>(TRANSACTIONS, orderKey(t.credentials.partnerId, partnerReferenceNo))!;
  return { t, order, query, record };
}

describe('Create Order validUpTo', () => {
  it('accepts up to exactly 30 minutes ahead and refuses one second more', async () => {
    const { t, order } = await setup();
    expect((await t.snap(PATHS.createOrder, order({}, 30 * MINUTE))).body.responseCode).toBe('2005400');
    const late = order({}, 30 * MINUTE + 1_000);
    expect((await t.snap(PATHS.createOrder, late)).body).toEqual({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format validUpTo',
      partnerReferenceNo: late.partnerReferenceNo,
    });
  });

  it('refuses a validUpTo of now, accepts one second ahead', async () => {
    const { t, order } = await setup();
    expect((await t.snap(PATHS.createOrder, order({}, 0))).body).toMatchObject({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format validUpTo',
    });
    expect((await t.snap(PATHS.createOrder, order({}, 1_000))).body.responseCode).toBe('2005400');
  });

  it('defaults to 30 minutes when absent', async () => {
    const { t, order, query, record } = await setup();
    const body = order();
    delete (body as Record<string, unknown>).validUpTo;
    expect((await t.snap(PATHS.createOrder, body)).body.responseCode).toBe('2005400');
    expect(record(body.partnerReferenceNo).details).toMatchObject({ validUntil: NOW + 30 * MINUTE });
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo })).body.additionalInfo.timeDetail).toEqual({
      createdTime: jakartaTimestamp(NOW),
      expiryTime: jakartaTimestamp(NOW + 30 * MINUTE),
    });
  });
});

describe('Create Order', () => {
  it('records a VA order with its title, urls, pay option and paymentCode, and issues the VA at the bank', async () => {
    const { t, order, record } = await setup();
    const body = order({ amount: idr('15000.50') });
    const created = await t.snap(PATHS.createOrder, body);
    const paymentCode = created.body.additionalInfo.paymentCode as string;
    expect(created.body).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: created.body.referenceNo,
      partnerReferenceNo: body.partnerReferenceNo,
      additionalInfo: { paymentCode },
    });
    expect(paymentCode).not.toContain(' ');
    expect(record(body.partnerReferenceNo)).toMatchObject({
      status: '01',
      referenceNo: created.body.referenceNo,
      amount: idr('15000.50'),
      details: {
        merchantId: t.merchantId,
        amountMinor: 1_500_050,
        title: 'Payment Gateway Order',
        validUntil: NOW + 10 * MINUTE,
        notificationUrl: 'https://merchant.example/notify',
        payReturnUrl: 'https://merchant.example/return',
        payMethod: 'VIRTUAL_ACCOUNT',
        payOption: 'VIRTUAL_ACCOUNT_CIMB',
        paymentCode,
      },
    });
    const bill = [...t.sim.runtime.db.values<VaBill>(VA_BILLS)].find((entry) => entry.virtualAccountNo.replace(/ /g, '') === paymentCode)!;
    expect(bill).toMatchObject({
      partnerId: t.bank.credentials.partnerId,
      orderKey: orderKey(t.credentials.partnerId, body.partnerReferenceNo),
      name: 'Payment Gateway Order',
      amountMinor: 1_500_050,
      expiresAt: NOW + 10 * MINUTE,
      trxId: created.body.referenceNo,
    });
  });

  it('names the order and its VA after the order title', async () => {
    const { t, order, record } = await setup();
    const title = 'T'.repeat(64);
    const body = order({
      additionalInfo: {
        order: { orderTitle: title, scenario: 'API', merchantTransType: 'SPECIAL_MOVIE', buyer: {} },
        mcc: '5732',
        envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
      },
    });
    const created = await t.snap(PATHS.createOrder, body);
    expect(created.body.responseCode).toBe('2005400');
    expect(record(body.partnerReferenceNo).details).toMatchObject({ title });
    const bill = [...t.sim.runtime.db.values<VaBill>(VA_BILLS)].find((entry) => entry.trxId === created.body.referenceNo)!;
    expect(bill.name).toBe(title);
  });

  it('titles an order without additionalInfo, or without its order part, Payment Gateway Order', async () => {
    const { t, order, record } = await setup();
    const bare = order({ additionalInfo: undefined });
    expect((await t.snap(PATHS.createOrder, bare)).body.responseCode).toBe('2005400');
    expect(record(bare.partnerReferenceNo).details).toMatchObject({ title: 'Payment Gateway Order' });
    const noOrder = order({ additionalInfo: { mcc: '5732' } });
    expect((await t.snap(PATHS.createOrder, noOrder)).body.responseCode).toBe('2005400');
    expect(record(noOrder.partnerReferenceNo).details).toMatchObject({ title: 'Payment Gateway Order' });
  });

  it('accepts an order without a NOTIFICATION url (nobody to notify) or without a PAY_RETURN url', async () => {
    const { t, order, record } = await setup();
    const silent = order({ urlParams: [{ url: 'https://merchant.example/return', type: 'PAY_RETURN', isDeeplink: 'Y' }] });
    expect((await t.snap(PATHS.createOrder, silent)).body.responseCode).toBe('2005400');
    expect(record(silent.partnerReferenceNo).details?.notificationUrl).toBeUndefined();
    expect(record(silent.partnerReferenceNo).details).toMatchObject({ payReturnUrl: 'https://merchant.example/return' });
    const noReturn = order({ urlParams: [{ url: 'https://merchant.example/notify', type: 'NOTIFICATION', isDeeplink: 'Y' }] });
    expect((await t.snap(PATHS.createOrder, noReturn)).body.responseCode).toBe('2005400');
    expect(record(noReturn.partnerReferenceNo).details).toMatchObject({ notificationUrl: 'https://merchant.example/notify' });
  });

  it('sends a balance order (no pay option) to the cashier page, without a VA', async () => {
    const { t, order, record } = await setup();
    const body = order({ payOptionDetails: undefined });
    const created = await t.snap(PATHS.createOrder, body);
    expect(created.body).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: created.body.referenceNo,
      partnerReferenceNo: body.partnerReferenceNo,
      webRedirectUrl: `${t.sim.services.pagesUrl()}/m/portal/cashier/checkout?bizNo=${created.body.referenceNo}`,
    });
    expect(record(body.partnerReferenceNo).details).toMatchObject({ payMethod: 'BALANCE' });
    expect(record(body.partnerReferenceNo).details).not.toHaveProperty('paymentCode');
    expect(record(body.partnerReferenceNo).details).not.toHaveProperty('payOption');
    expect(t.sim.runtime.db.size(VA_BILLS)).toBe(0);
  });

  it('refuses a VA order when no bank issues virtual accounts', async () => {
    const { t, order } = await setup();
    t.sim.runtime.db.transact((tx) => tx.clear(PARTNERS));
    const body = order();
    expect((await t.snap(PATHS.createOrder, body)).body).toMatchObject({
      responseCode: '4035415',
      responseMessage: expect.stringContaining('no bank partner issues virtual accounts'),
    });
  });

  it('issues order VAs at the oldest bank partner', async () => {
    const { t, order } = await setup();
    const older: PartnerRecord = {
      partnerId: 'older-bank',
      name: 'Older',
      clientSecret: 's',
      publicKeyPem: t.sim.parties.defaultBank().publicKeyPem,
      partnerServiceId: '   77777',
      createdAt: 0,
    };
    const newer: PartnerRecord = { ...older, partnerId: 'newer-bank', partnerServiceId: '   88888', createdAt: NOW + 1 };
    t.sim.runtime.db.transact((tx) => {
      putPartner(tx, newer);
      putPartner(tx, older);
    });
    const created = await t.snap(PATHS.createOrder, order());
    expect(created.body.additionalInfo.paymentCode).toMatch(/^77777/);
  });
});

describe('Query Payment', () => {
  it('reports an INIT order with amounts, title, times and paymentCode, echoing the external id', async () => {
    const { t, order, query } = await setup();
    const body = order({ amount: idr('22200.00') });
    const created = await t.snap(PATHS.createOrder, body, (request) => ({
      ...request,
      headers: { ...request.headers, 'x-external-id': 'ext-42' },
    }));
    const reply = await query({ originalPartnerReferenceNo: body.partnerReferenceNo });
    expect(reply).toEqual({
      status: 200,
      body: {
        responseCode: '2005500',
        responseMessage: 'Successful',
        originalPartnerReferenceNo: body.partnerReferenceNo,
        originalReferenceNo: created.body.referenceNo,
        originalExternalId: 'ext-42',
        serviceCode: '54',
        latestTransactionStatus: '01',
        transactionStatusDesc: 'INIT',
        transAmount: idr('22200.00'),
        amount: idr('22200.00'),
        title: 'Payment Gateway Order',
        additionalInfo: {
          amountDetail: { orderAmount: idr('22200.00') },
          timeDetail: { createdTime: jakartaTimestamp(NOW), expiryTime: jakartaTimestamp(NOW + 10 * MINUTE) },
          statusDetail: { acquirementStatus: 'INIT' },
          paymentCode: created.body.additionalInfo.paymentCode,
        },
      },
    });
  });

  it("finds an order by DANA's reference alone, and not when the references disagree", async () => {
    const { t, order, query } = await setup();
    const body = order();
    const created = await t.snap(PATHS.createOrder, body);
    expect((await query({ originalReferenceNo: created.body.referenceNo })).body).toMatchObject({
      responseCode: '2005500',
      originalPartnerReferenceNo: body.partnerReferenceNo,
    });
    expect(
      (await query({ originalPartnerReferenceNo: body.partnerReferenceNo, originalReferenceNo: created.body.referenceNo })).body
        .responseCode,
    ).toBe('2005500');
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo, originalReferenceNo: '999' })).body).toMatchObject({
      responseCode: '4045501',
      responseMessage: 'Transaction Not Found',
    });
  });

  it("refuses another merchant's id", async () => {
    const { t, order, query } = await setup();
    const body = order();
    await t.snap(PATHS.createOrder, body);
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo, merchantId: '216600000000000000000' })).body).toMatchObject({
      responseCode: '4045508',
      responseMessage: 'Invalid Merchant',
    });
  });

  it('reports a paid order as 00 SUCCESS with its paid time, and a balance order without paymentCode', async () => {
    const { t, order, query, record } = await setup();
    const body = order({ payOptionDetails: undefined });
    await t.snap(PATHS.createOrder, body);
    const before = await query({ originalPartnerReferenceNo: body.partnerReferenceNo });
    expect(before.body).not.toHaveProperty('paidTime');
    expect(before.body.additionalInfo).not.toHaveProperty('paymentCode');
    const key = orderKey(t.credentials.partnerId, body.partnerReferenceNo);
    const current = record(body.partnerReferenceNo);
    t.sim.runtime.db.transact((tx) =>
      tx.put(TRANSACTIONS, key, { ...current, status: '00', details: { ...current.details, paidAt: NOW + MINUTE } }),
    );
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo })).body).toMatchObject({
      latestTransactionStatus: '00',
      transactionStatusDesc: 'SUCCESS',
      paidTime: jakartaTimestamp(NOW + MINUTE),
      additionalInfo: { statusDetail: { acquirementStatus: 'SUCCESS' } },
    });
    t.sim.runtime.db.transact((tx) => tx.put(TRANSACTIONS, key, { ...current, status: '05' }));
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo })).body).toMatchObject({
      latestTransactionStatus: '05',
      transactionStatusDesc: 'CANCELLED',
    });
    t.sim.runtime.db.transact((tx) => tx.put(TRANSACTIONS, key, { ...current, status: '99' }));
    expect((await query({ originalPartnerReferenceNo: body.partnerReferenceNo })).body).toMatchObject({
      latestTransactionStatus: '01',
      transactionStatusDesc: 'INIT',
    });
  });
});
