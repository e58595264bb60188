import { describe, expect, it } from 'vitest';
import { cancelOrder, refundOrder } from '../../../contracts/payment-gateway/index.ts';
import { SimulatorClock, jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import {
  controlCall,
  createTestSimulator,
  idr,
  orderBody,
  PATHS,
  setBalance,
  VALID_CUSTOMER,
  type TestSimulator,
} from '../../../test/helpers.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { VA_BILLS, type VaBill } from '../virtual-account/bills.ts';
import { detailsOf, orderKey } from './orders.ts';
import { payOrderNow } from './payments.ts';

// Cancel Order (svc 57) and Refund Order (svc 58) through the simulator on a frozen clock: the state
// machine, where the money goes, idempotency of refunds, and the sandbox magic values.

const NOW = Date.UTC(2030, 4, 1, 3, 0, 0);
const DAY = 24 * 3_600_000;
const CANCEL = cancelOrder.paths[0];
const REFUND = refundOrder.paths[0];

async function setup() {
  const t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(NOW) });
  const db = t.sim.runtime.db;
  const balances = () => ({
    merchant: db.ledger.balance(merchantSettlement(t.merchantId)),
    user: db.ledger.balance(userBalance(VALID_CUSTOMER)),
  });
  /** A BALANCE order (or a VA order with `va`), INIT. */
  const create = async (amount = '22200.00', va = false) => {
    const body = orderBody(
      t.merchantId,
      {
        amount: idr(amount),
        payOptionDetails: va ? [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr(amount) }] : undefined,
      },
      10 * 60_000,
      NOW,
    );
    expect((await t.snap(PATHS.createOrder, body)).body.responseCode).toBe('2005400');
    return body.partnerReferenceNo;
  };
  const pay = (ref: string) => payOrderNow(t.sim.runtime, t.credentials.partnerId, ref, VALID_CUSTOMER);
  const cancel = (ref: string, extra: Record<string, unknown> = {}) =>
    t.snap(CANCEL, { originalPartnerReferenceNo: ref, merchantId: t.merchantId, reason: 'Network timeout', ...extra });
  const refund = (ref: string, value: string, partnerRefundNo = `${ref}-r1`) =>
    t.snap(REFUND, {
      originalPartnerReferenceNo: ref,
      merchantId: t.merchantId,
      partnerRefundNo,
      refundAmount: idr(value),
      reason: 'Customer complain',
    });
  const query = async (ref: string) =>
    (await t.snap(PATHS.queryPayment, { originalPartnerReferenceNo: ref, serviceCode: '54', merchantId: t.merchantId })).body;
  const order = (ref: string) => db.get<TransactionRecord>(TRANSACTIONS, orderKey(t.credentials.partnerId, ref))!;
  return { t, db, balances, create, pay, cancel, refund, query, order };
}

const advance = (t: TestSimulator, ms: number) => t.sim.clock.advance(ms);

describe('Cancel Order', () => {
  it('closes an unpaid order (05 CANCELLED) without moving money, and answers a repeat the same way', async () => {
    const { create, cancel, query, balances } = await setup();
    const ref = await create();
    const before = balances();
    const first = await cancel(ref);
    expect(first).toEqual({
      status: 200,
      body: {
        responseCode: '2005700',
        responseMessage: 'Success',
        originalPartnerReferenceNo: ref,
        originalReferenceNo: first.body.originalReferenceNo,
        // The order's X-EXTERNAL-ID (36 characters: within the cancel model's limit).
        originalExternalId: expect.stringMatching(/^.{36}$/),
        cancelTime: jakartaTimestamp(NOW),
        transactionDate: jakartaTimestamp(NOW),
      },
    });
    expect(balances()).toEqual(before);
    const status = await query(ref);
    // The query models allow 32 characters; the 36-character X-EXTERNAL-ID is left out.
    expect(status).not.toHaveProperty('originalExternalId');
    expect(status).toMatchObject({
      latestTransactionStatus: '05',
      transactionStatusDesc: 'CANCELLED',
      additionalInfo: {
        timeDetail: { cancelledTime: jakartaTimestamp(NOW) },
        statusDetail: { acquirementStatus: 'CANCELLED', cancelled: 'true' },
      },
    });
    expect((await cancel(ref)).body).toEqual(first.body);
  });

  it("closes an unpaid order's VA, so it takes no payment", async () => {
    const { create, cancel, order, db } = await setup();
    const ref = await create('15000.00', true);
    const paymentCode = detailsOf(order(ref)).paymentCode!;
    expect((await cancel(ref)).body.responseCode).toBe('2005700');
    const bill = [...db.values<VaBill>(VA_BILLS)].find((b) => b.virtualAccountNo.replace(/ /g, '') === paymentCode)!;
    expect(bill).toMatchObject({ status: 'EXPIRED', expiresAt: NOW });
  });

  it('refunds the whole of a paid order to the payer and closes it; a second cancel moves nothing', async () => {
    const { create, pay, cancel, query, balances } = await setup();
    const ref = await create('22200.00');
    const before = balances();
    await pay(ref);
    expect(balances()).toEqual({ merchant: before.merchant + 2_220_000, user: before.user - 2_220_000 });
    expect((await cancel(ref)).body.responseCode).toBe('2005700');
    expect(balances()).toEqual(before);
    expect(await query(ref)).toMatchObject({
      latestTransactionStatus: '05',
      additionalInfo: { amountDetail: { refundAmount: idr('22200.00') }, statusDetail: { acquirementStatus: 'CANCELLED' } },
    });
    expect((await cancel(ref)).body.responseCode).toBe('2005700');
    expect(balances()).toEqual(before);
  });

  it('refunds only what a partial refund left', async () => {
    const { create, pay, cancel, refund, balances } = await setup();
    const ref = await create('22200.00');
    const before = balances();
    await pay(ref);
    expect((await refund(ref, '2200.00')).body.responseCode).toBe('2005800');
    expect((await cancel(ref)).body.responseCode).toBe('2005700');
    expect(balances()).toEqual(before);
  });

  it('answers 4045700 for a fully refunded order, an expired one and one past validUpTo', async () => {
    const { t, create, pay, cancel, refund, balances } = await setup();
    const refunded = await create('1.00');
    await pay(refunded);
    expect((await refund(refunded, '1.00')).body.responseCode).toBe('2005800');
    const before = balances();
    expect(await cancel(refunded)).toEqual({
      status: 404,
      body: { responseCode: '4045700', responseMessage: 'Invalid Transaction Status', originalPartnerReferenceNo: refunded },
    });
    expect(balances()).toEqual(before);
    const late = await create();
    advance(t, 10 * 60_000);
    expect((await cancel(late)).body.responseCode).toBe('4045700');
    await t.sim.runDueWork();
    expect((await cancel(late)).body.responseCode).toBe('4045700');
  });

  it('answers 4035714 when the merchant cannot cover the refund, and changes nothing', async () => {
    const { t, create, pay, cancel, order, balances } = await setup();
    const ref = await create('22200.00');
    await pay(ref);
    setBalance(t.sim, merchantSettlement(t.merchantId), 100);
    const before = balances();
    expect((await cancel(ref)).body).toEqual({
      responseCode: '4035714',
      responseMessage: 'Insufficient Funds',
      originalPartnerReferenceNo: ref,
    });
    expect(balances()).toEqual(before);
    expect(order(ref).status).toBe('00');
  });

  it('answers 4035700 for a paid order past the 45-day window, 4045701 for an unknown one, 4045708 for another merchant', async () => {
    const { t, create, pay, cancel } = await setup();
    const ref = await create();
    await pay(ref);
    advance(t, 45 * DAY + 1_000);
    expect((await cancel(ref)).body.responseCode).toBe('4035700');
    expect((await cancel('no-such-order')).body).toEqual({
      responseCode: '4045701',
      responseMessage: 'Transaction Not Found',
      originalPartnerReferenceNo: 'no-such-order',
    });
    expect((await cancel(ref, { merchantId: '216600000000000000000' })).body.responseCode).toBe('4045708');
    expect((await cancel(ref, { originalReferenceNo: 'another' })).body.responseCode).toBe('4045701');
  });
});

describe('Refund Order', () => {
  it('moves money once from the settlement account back to the payer; a replay gets the same reply', async () => {
    const { create, pay, refund, query, balances } = await setup();
    const ref = await create('22200.00');
    await pay(ref);
    const paid = balances();
    const first = await refund(ref, '1000.00', 'refund-1');
    expect(first).toEqual({
      status: 200,
      body: {
        responseCode: '2005800',
        responseMessage: 'Successful',
        originalPartnerReferenceNo: ref,
        originalReferenceNo: first.body.originalReferenceNo,
        originalExternalId: expect.stringMatching(/^.{36}$/),
        partnerRefundNo: 'refund-1',
        refundNo: first.body.refundNo,
        refundAmount: idr('1000.00'),
        refundTime: jakartaTimestamp(NOW),
      },
    });
    expect(balances()).toEqual({ merchant: paid.merchant - 100_000, user: paid.user + 100_000 });
    expect(await refund(ref, '1000.00', 'refund-1')).toEqual(first);
    expect(balances()).toEqual({ merchant: paid.merchant - 100_000, user: paid.user + 100_000 });
    expect(await query(ref)).toMatchObject({
      latestTransactionStatus: '00',
      additionalInfo: { amountDetail: { orderAmount: idr('22200.00'), refundAmount: idr('1000.00') } },
    });
  });

  it('takes several partial refunds up to the paid amount, then 4035802', async () => {
    const { t, create, pay, refund, balances } = await setup();
    const ref = await create('22200.00');
    const before = balances();
    await pay(ref);
    expect((await refund(ref, '20000.00', 'a')).body.responseCode).toBe('2005800');
    expect((await refund(ref, '2200.01', 'b')).body).toEqual({
      responseCode: '4035802',
      responseMessage: 'Exceeds Transaction Amount Limit',
      originalPartnerReferenceNo: ref,
      partnerRefundNo: 'b',
    });
    expect((await refund(ref, '2200.00', 'c')).body.responseCode).toBe('2005800');
    expect(balances()).toEqual(before);
    expect((await refund(ref, '0.01', 'd')).body.responseCode).toBe('4035802');
    const listed = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/orders')).body) as Array<Record<string, string>>;
    expect(listed.find((o) => o.partnerReferenceNo === ref)).toMatchObject({ status: '00', amount: '22200.00', refunded: '22200.00' });
  });

  it('answers 4045818 for a changed request under a used partnerRefundNo', async () => {
    const { create, pay, refund, balances } = await setup();
    const ref = await create('1.00');
    await pay(ref);
    expect((await refund(ref, '1.00', ref)).body.responseCode).toBe('2005800');
    const after = balances();
    expect((await refund(ref, '10000.00', ref)).body).toMatchObject({ responseCode: '4045818', responseMessage: 'Inconsistent Request' });
    expect(balances()).toEqual(after);
  });

  it('answers 4045800 for an unpaid order, 4045801 for an unknown one, 4035815 past 45 days, 4035814 without the balance', async () => {
    const { t, create, pay, refund, balances } = await setup();
    const unpaid = await create();
    expect((await refund(unpaid, '1.00')).body).toMatchObject({ responseCode: '4045800', responseMessage: 'Invalid Transaction Status' });
    expect((await refund('f77466d6-1825-4091', '1.00')).body).toMatchObject({
      responseCode: '4045801',
      responseMessage: 'Transaction Not Found',
    });
    const ref = await create('22200.00');
    await pay(ref);
    setBalance(t.sim, merchantSettlement(t.merchantId), 100);
    const before = balances();
    expect((await refund(ref, '2.00')).body).toMatchObject({ responseCode: '4035814', responseMessage: 'Insufficient Funds' });
    expect((await refund(ref, '1.00')).body.responseCode).toBe('2005800');
    advance(t, 45 * DAY + 1_000);
    expect((await refund(ref, '0.01', 'late')).body).toMatchObject({
      responseCode: '4035815',
      responseMessage: 'Transaction Not Permitted',
    });
    expect(balances()).toEqual({ merchant: before.merchant - 100, user: before.user + 100 });
  });

  it('refunds a VA payment to the bank it came from', async () => {
    const { t, db, create, pay, refund } = await setup();
    const ref = await create('15000.00', true);
    await pay(ref);
    const source = (db.get<TransactionRecord>(TRANSACTIONS, orderKey(t.credentials.partnerId, ref))!.details as { payerAccount: string })
      .payerAccount;
    const before = db.ledger.balance(source);
    expect((await refund(ref, '15000.00')).body.responseCode).toBe('2005800');
    expect(db.ledger.balance(source)).toBe(before + 1_500_000);
  });
});

describe('Payment Gateway sandbox magic values', () => {
  it('are sandbox default rules, as `dana-sim fault list --defaults` shows them', async () => {
    const { t } = await setup();
    const listed = await controlCall(t.sim, 'GET', '/__sim/faults?source=sandbox');
    const ids = (JSON.parse(listed.body) as Array<{ id: string; endpoint: string }>).map((rule) => rule.id);
    for (const value of ['2025700', '4035700', '4035705', '4035714', '4035715', '4045708', '5005701'])
      expect(ids).toContain(`sandbox.cancel-order.${value}`);
    for (const value of ['225800.00', '435814.00', '435815.00', '445808.00', '505801.00'])
      expect(ids).toContain(`sandbox.refund-order.${value}`);
    expect(ids).toContain('sandbox.create-order.205502.00');
  });

  it('answers the cancel magic references whatever orders exist, and keeps the required echo', async () => {
    const { cancel } = await setup();
    expect(await cancel('2025700')).toEqual({
      status: 202,
      body: { responseCode: '2025700', responseMessage: 'Request In Progress', originalPartnerReferenceNo: '2025700' },
    });
    const expected: Record<string, [number, string]> = {
      '4035700': [403, 'Transaction Expired'],
      '4035705': [403, 'Do Not Honor'],
      '4035714': [403, 'Insufficient Funds'],
      '4035715': [403, 'Transaction Not Permitted'],
      '4045708': [404, 'Invalid Merchant'],
      '5005701': [500, 'Internal Server Error'],
    };
    for (const [ref, [status, message]] of Object.entries(expected))
      expect(await cancel(ref)).toEqual({ status, body: { responseCode: ref, responseMessage: message, originalPartnerReferenceNo: ref } });
  });

  it('answers the refund magic amounts before lookup, state and the refund key; 202 moves nothing', async () => {
    const { create, pay, refund, balances } = await setup();
    const ref = await create('1.00');
    await pay(ref);
    expect((await refund(ref, '1.00', ref)).body.responseCode).toBe('2005800');
    const after = balances();
    // UAT RefundOrderIdempotent: the used partnerRefundNo with 225800.00 still gets 202, twice alike.
    const inProgress = await refund(ref, '225800.00', ref);
    expect(inProgress).toEqual({
      status: 202,
      body: {
        responseCode: '2025800',
        responseMessage: 'Request In Progress',
        originalPartnerReferenceNo: ref,
        partnerRefundNo: ref,
        refundAmount: idr('225800.00'),
      },
    });
    expect(await refund(ref, '225800.00', ref)).toEqual(inProgress);
    const expected: Record<string, [number, string, string]> = {
      '435814.00': [403, '4035814', 'Insufficient Funds'],
      '435815.00': [403, '4035815', 'Transaction Not Permitted'],
      '445808.00': [404, '4045808', 'Invalid Merchant'],
      '505801.00': [500, '5005801', 'Internal Server Error'],
    };
    for (const [value, [status, code, message]] of Object.entries(expected))
      expect(await refund('${partnerReferenceNo}', value, 'lit')).toEqual({
        status,
        body: {
          responseCode: code,
          responseMessage: message,
          originalPartnerReferenceNo: '${partnerReferenceNo}',
          partnerRefundNo: 'lit',
          refundAmount: idr(value),
        },
      });
    expect(balances()).toEqual(after);
  });

  it('keeps an order of 205502.00 PAYING (02): not cancellable, not refundable, closed at validUpTo', async () => {
    const { t, create, cancel, refund, query } = await setup();
    const ref = await create('205502.00');
    expect(await query(ref)).toMatchObject({
      latestTransactionStatus: '02',
      transactionStatusDesc: 'PAYING',
      additionalInfo: { statusDetail: { acquirementStatus: 'PAYING' } },
    });
    expect((await cancel(ref)).body.responseCode).toBe('4045700');
    expect((await refund(ref, '1.00')).body.responseCode).toBe('4045800');
    advance(t, 10 * 60_000);
    await t.sim.runDueWork();
    expect(await query(ref)).toMatchObject({
      latestTransactionStatus: '05',
      additionalInfo: { statusDetail: { acquirementStatus: 'CLOSED' }, closeReason: 'ORDER_EXPIRED' },
    });
  });

  it("does the work under a user's completion-success rule, answering 202 with the full reply", async () => {
    const { t, create, pay, refund, balances } = await setup();
    const ref = await create('22200.00');
    await pay(ref);
    const paid = balances();
    t.sim.rules.add({ endpoint: 'refundOrder', effect: { completion: 'success' }, times: 1 });
    const reply = await refund(ref, '200.00', 'accepted-later');
    expect(reply).toMatchObject({ status: 202, body: { responseCode: '2025800', partnerRefundNo: 'accepted-later' } });
    expect(reply.body.refundNo).toBeDefined();
    expect(balances()).toEqual({ merchant: paid.merchant - 20_000, user: paid.user + 20_000 });
    expect(await refund(ref, '200.00', 'accepted-later')).toEqual(reply);
    expect(balances()).toEqual({ merchant: paid.merchant - 20_000, user: paid.user + 20_000 });
  });

  it('answers 4005801 for an amount without decimals', async () => {
    const { refund } = await setup();
    expect((await refund('x', '10000')).body).toMatchObject({
      responseCode: '4005801',
      responseMessage: 'Invalid Field Format refundAmount',
    });
  });
});
