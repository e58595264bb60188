import { describe, expect, it } from 'vitest';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import { controlCall, idr, setBalance } from '../../../test/helpers.ts';
import { advance, NOW, pgMoneySetup as setup } from '../../../test/payment-gateway-money.ts';
import { merchantSettlement } from '../../ledger/accounts.ts';
import { VA_BILLS, type VaBill } from '../virtual-account/bills.ts';
import { detailsOf, orderKey } from './orders.ts';

// Cancel Order (svc 57) and Refund Order (svc 58) through the simulator on a frozen clock: the state
// machine, where the money goes, and idempotency of refunds.

const DAY = 24 * 3_600_000;

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
