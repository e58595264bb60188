import { describe, expect, it } from 'vitest';
import { PATHS, VALID_CUSTOMER, controlCall, createTestSimulator, idr, orderBody, type TestSimulator } from '../../../test/helpers.ts';
import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';

// POST /__sim/orders/expire: an open order closes now exactly as its validUpTo passing closes it
// (status 05, Finish Notify saying ORDER_EXPIRED), and its VA stops taking payments.

const call = async (t: TestSimulator, method: string, path: string, body?: unknown) => {
  const reply = await controlCall(t.sim, method, path, body === undefined ? '' : JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.body) };
};
const create = async (t: TestSimulator, partnerReferenceNo: string, overrides: Record<string, unknown> = {}) =>
  expect((await t.snap(PATHS.createOrder, orderBody(t.merchantId, { partnerReferenceNo, ...overrides }))).body.responseCode).toBe(
    '2005400',
  );
const finishNotify = async (t: TestSimulator, partnerReferenceNo: string) =>
  ((await call(t, 'GET', '/__sim/webhooks')).body as { body: Record<string, unknown> }[]).find(
    (record) => record.body.originalPartnerReferenceNo === partnerReferenceNo,
  );

describe('POST /__sim/orders/expire', () => {
  it("closes an open order as the clock would, notifies the merchant, and expires the order's VA", async () => {
    const t = await createTestSimulator({ background: false });
    await create(t, 'by-hand');
    await create(t, 'by-clock');
    const expired = await call(t, 'POST', '/__sim/orders/expire', { partnerReferenceNo: 'by-hand' });
    expect(expired).toMatchObject({ status: 200, body: { partnerReferenceNo: 'by-hand', status: ORDER_STATUS.CANCELLED.code } });
    await call(t, 'POST', '/__sim/clock/advance', { duration: '11m' });

    const [byHand, byClock] = [await finishNotify(t, 'by-hand'), await finishNotify(t, 'by-clock')];
    expect(byHand?.body).toMatchObject({ latestTransactionStatus: '05', additionalInfo: { extendInfoClosedReason: 'ORDER_EXPIRED' } });
    expect(Object.keys(byHand!.body).sort()).toEqual(Object.keys(byClock!.body).sort());
    expect(byHand!.body.additionalInfo).toEqual(byClock!.body.additionalInfo);

    const listed = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/transactions?kind=order')).body) as Record<string, unknown>[];
    for (const order of listed) expect(order).toMatchObject({ status: 'EXPIRED', statusCode: '05', actions: [], postings: [] });
    const vas = JSON.parse((await controlCall(t.sim, 'GET', '/__sim/transactions?kind=va')).body) as Record<string, unknown>[];
    expect(vas.map((va) => va.status)).toEqual(['EXPIRED', 'EXPIRED']);
    await t.sim.close();
  });

  it('refuses an order that is not open, and names the orders it has', async () => {
    const t = await createTestSimulator({ background: false });
    await create(t, 'paid', { payOptionDetails: undefined, amount: idr('1000.00') });
    await call(t, 'POST', '/__sim/orders/pay', { partnerReferenceNo: 'paid', customer: VALID_CUSTOMER });
    await create(t, 'open');
    expect((await call(t, 'POST', '/__sim/orders/expire', { partnerReferenceNo: 'paid' })).body.error).toBe(
      'order paid is not open (status 00); only an INIT or PAYING order expires',
    );
    const open = await call(t, 'POST', '/__sim/orders/expire', { partnerReferenceNo: 'open', merchant: t.merchantId });
    expect(open.status).toBe(200);
    const again = await call(t, 'POST', '/__sim/orders/expire', { partnerReferenceNo: 'open' });
    expect(again).toEqual({ status: 400, body: { error: 'order open is not open (status 05); only an INIT or PAYING order expires' } });
    expect((await call(t, 'POST', '/__sim/orders/expire', { partnerReferenceNo: 'nope' })).body.error).toBe(
      'no order "nope"; orders: paid, open',
    );
    // Paying the expired order's VA is refused: the VA closed with it.
    expect((await call(t, 'POST', '/__sim/orders/pay', { partnerReferenceNo: 'open' })).body.error).toMatch(/has expired$/);
    await t.sim.close();
  });
});
