import { describe, expect, it } from 'vitest';
import { createTestSimulator, idr, VALID_CUSTOMER, type TestSimulator } from '../../../test/helpers.ts';
import { WIDGET_PATHS, widgetPaymentBody } from '../../../test/widget-bodies.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';

// Widget Payment (svc 54) through the simulator: the order it opens, DANA's sandbox magic amounts
// (no order, no money), its errors, and the widget query, cancel and refund paths on the same order.

const balances = (t: TestSimulator) => ({
  merchant: t.sim.runtime.db.ledger.balance(merchantSettlement(t.merchantId)),
  user: t.sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER)),
});
const query = (t: TestSimulator, ref: string, path: string = WIDGET_PATHS.query) =>
  t.snap(path, { originalPartnerReferenceNo: ref, serviceCode: '54', merchantId: t.merchantId });

async function setup() {
  const t = await createTestSimulator({ background: false });
  const body = (overrides: Record<string, unknown> = {}, validForMs?: number) =>
    widgetPaymentBody(t.merchantId, overrides, validForMs, t.sim.runtime.clock.now());
  return { t, body, before: balances(t) };
}

describe('Widget Payment', () => {
  it('opens an INIT order, answers a payment page URL that already has a query, and moves no money', async () => {
    const { t, body, before } = await setup();
    const order = body();
    const reply = await t.snap(WIDGET_PATHS.payment, order);
    expect(reply).toEqual({
      status: 200,
      body: {
        responseCode: '2005400',
        responseMessage: 'Successful',
        referenceNo: expect.any(String),
        partnerReferenceNo: order.partnerReferenceNo,
        webRedirectUrl: expect.stringMatching(/\/m\/portal\/cashier\/checkout\?bizNo=/),
      },
    });
    expect(new URL(reply.body.webRedirectUrl).searchParams.get('bizNo')).toBe(reply.body.referenceNo);
    for (const path of [WIDGET_PATHS.query, WIDGET_PATHS.queryHtm])
      expect((await query(t, order.partnerReferenceNo, path)).body).toMatchObject({
        responseCode: '2005500',
        originalReferenceNo: reply.body.referenceNo,
        latestTransactionStatus: '01',
        transactionStatusDesc: 'INIT',
        amount: idr('10000.00'),
        title: 'Widget Order',
      });
    expect(balances(t)).toEqual(before);
    // The same request again is answered as the first time (idempotent on partnerReferenceNo).
    expect(await t.snap(WIDGET_PATHS.payment, order)).toEqual(reply);
  });

  it.each([
    ['435415.00', 403, '4035415', 'Transaction Not Permitted'],
    ['445408.00', 404, '4045408', 'Invalid Merchant'],
    ['505400.00', 500, '5005400', 'General Error'],
    ['505401.00', 500, '5005401', 'Internal Server Error'],
    ['21000000.00', 403, '4035402', 'Exceeds Transaction Amount Limit'],
  ])('answers the sandbox amount %s with %s %s and opens no order', async (value, status, code, message) => {
    const { t, body, before } = await setup();
    const order = body({ amount: idr(value) });
    expect(await t.snap(WIDGET_PATHS.payment, order)).toEqual({
      status,
      body: { responseCode: code, responseMessage: message, partnerReferenceNo: order.partnerReferenceNo },
    });
    expect((await query(t, order.partnerReferenceNo)).body.responseCode).toBe('4045501');
    expect(balances(t)).toEqual(before);
  });

  it('opens an order of 205502.00 PAYING (02), as the sandbox does', async () => {
    const { t, body } = await setup();
    const order = body({ amount: idr('205502.00') });
    expect((await t.snap(WIDGET_PATHS.payment, order)).body.responseCode).toBe('2005400');
    expect((await query(t, order.partnerReferenceNo)).body).toMatchObject({
      latestTransactionStatus: '02',
      transactionStatusDesc: 'PAYING',
    });
  });

  it('answers bad input in DANA shape without opening an order', async () => {
    const { t, body, before } = await setup();
    const cases: [Record<string, unknown>, number, string, string | RegExp][] = [
      [body({ amount: { value: '10000.0000', currency: 'IDR' } }), 400, '4005401', 'Invalid Field Format amount'],
      [body({ additionalInfo: { mcc: '5732', order: { orderTitle: 'x' } } }), 400, '4005402', /^Invalid Mandatory Field/],
      [body({ validUpTo: undefined }), 400, '4005402', /^Invalid Mandatory Field/],
      [body({}, 31 * 24 * 3_600_000), 400, '4005401', /^Invalid Field Format/],
      [body({ merchantId: '216600000000000000001' }), 404, '4045408', 'Invalid Merchant'],
    ];
    for (const [order, status, code, message] of cases) {
      const reply = await t.snap(WIDGET_PATHS.payment, order);
      expect(reply.status, code).toBe(status);
      expect(reply.body.responseCode).toBe(code);
      expect(reply.body.responseMessage).toMatch(message);
      expect((await query(t, order.partnerReferenceNo as string)).body.responseCode).toBe('4045501');
    }
    const headers = (name: string, value: string) => (r: { headers: Record<string, string> }) => ({
      ...r,
      headers: { ...r.headers, [name]: value },
    });
    expect((await t.snap(WIDGET_PATHS.payment, body(), headers('x-timestamp', '') as never)).body).toMatchObject({
      responseCode: '4005402',
      responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
    });
    expect((await t.snap(WIDGET_PATHS.payment, body(), headers('x-signature', 'invalid_signature') as never)).body).toMatchObject({
      responseCode: '4015400',
      responseMessage: 'Unauthorized. Invalid Signature',
    });
    const first = body({ amount: idr('1.00') });
    expect((await t.snap(WIDGET_PATHS.payment, first)).body.responseCode).toBe('2005400');
    expect((await t.snap(WIDGET_PATHS.payment, { ...first, amount: idr('10000.00') })).body).toMatchObject({
      responseCode: '4045418',
      responseMessage: 'Inconsistent Request',
    });
    expect(balances(t)).toEqual(before);
  });
});

describe('Cancel and refund on the widget paths', () => {
  it('cancels an unpaid widget order (05) and answers the magic references with their codes', async () => {
    const { t, body, before } = await setup();
    const order = body();
    await t.snap(WIDGET_PATHS.payment, order);
    const cancel = (ref: string) => t.snap(WIDGET_PATHS.cancel, { originalPartnerReferenceNo: ref, merchantId: t.merchantId });
    // Widget's wording on its own path (Widget.json): Successful, where Payment Gateway's path says Success.
    expect((await cancel(order.partnerReferenceNo)).body).toMatchObject({ responseCode: '2005700', responseMessage: 'Successful' });
    expect((await query(t, order.partnerReferenceNo)).body).toMatchObject({
      latestTransactionStatus: '05',
      transactionStatusDesc: 'CANCELLED',
    });
    expect((await cancel('4035705')).body.responseCode).toBe('4035705');
    expect((await cancel('5005701')).body.responseCode).toBe('5005701');
    expect(await t.snap(WIDGET_PATHS.cancel, { merchantId: t.merchantId })).toMatchObject({
      status: 400,
      body: { responseCode: '4005702', responseMessage: 'Invalid Mandatory Field originalPartnerReferenceNo' },
    });
    expect(balances(t)).toEqual(before);
  });

  it('answers the magic refund amounts before looking the order up', async () => {
    const { t, before } = await setup();
    const refund = (value: string) =>
      t.snap(WIDGET_PATHS.refund, {
        merchantId: t.merchantId,
        originalPartnerReferenceNo: '${partnerReferenceNo}',
        partnerRefundNo: `refund-${value}`,
        refundAmount: idr(value),
        additionalInfo: { envInfo: {} },
      });
    expect((await refund('505801.00')).body).toMatchObject({ responseCode: '5005801', responseMessage: 'Internal Server Error' });
    expect((await refund('445808.00')).body).toMatchObject({ responseCode: '4045808', responseMessage: 'Invalid Merchant' });
    expect(balances(t)).toEqual(before);
  });

  it("words each product's answers its own way on the same handler: Widget's path Successful and 4045812, Payment Gateway's Success and 4045801", async () => {
    const { t, body } = await setup();
    const unknown = {
      merchantId: t.merchantId,
      originalPartnerReferenceNo: '123123123123123',
      partnerRefundNo: 'refund-unknown',
      refundAmount: idr('1.00'),
      additionalInfo: { envInfo: {} },
    };
    expect(await t.snap(WIDGET_PATHS.refund, unknown)).toMatchObject({
      status: 404,
      body: { responseCode: '4045812', responseMessage: 'Invalid Bill', originalPartnerReferenceNo: '123123123123123' },
    });
    expect(await t.snap('/payment-gateway/v1.0/debit/refund.htm', unknown)).toMatchObject({
      status: 404,
      body: { responseCode: '4045801', responseMessage: 'Transaction Not Found' },
    });
    const widgetOrder = body();
    const pgOrder = body();
    await t.snap(WIDGET_PATHS.payment, widgetOrder);
    await t.snap(WIDGET_PATHS.payment, pgOrder);
    const cancel = (path: string, ref: string) => t.snap(path, { originalPartnerReferenceNo: ref, merchantId: t.merchantId });
    expect((await cancel(WIDGET_PATHS.cancel, widgetOrder.partnerReferenceNo)).body).toMatchObject({
      responseCode: '2005700',
      responseMessage: 'Successful',
    });
    expect((await cancel('/payment-gateway/v1.0/debit/cancel.htm', pgOrder.partnerReferenceNo)).body).toMatchObject({
      responseCode: '2005700',
      responseMessage: 'Success',
    });
    // Both paths keep the catalogue for what they word alike.
    expect((await cancel(WIDGET_PATHS.cancel, 'no-such-order')).body).toMatchObject({
      responseCode: '4045701',
      responseMessage: 'Transaction Not Found',
    });
  });
});
