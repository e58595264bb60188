import { describe, expect, it } from 'vitest';
import { controlCall, idr } from '../../../test/helpers.ts';
import { advance, pgMoneySetup as setup } from '../../../test/payment-gateway-money.ts';

// DANA's sandbox magic values on Payment Gateway (default sandbox rules): they win over the order's
// lookup, state and the refund key; the 202s carry what the SDK reply models require.

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
