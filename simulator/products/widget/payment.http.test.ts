import { afterEach, describe, expect, it } from 'vitest';
import { cashierPayForm } from '../../../test/cashier-login.ts';
import { createTestSimulator, http, idr, sendHttp, VALID_CUSTOMER, type TestSimulator } from '../../../test/helpers.ts';
import { danaCallReceivers, type Answer } from '../../../test/receiver.ts';
import { WIDGET_PATHS, widgetPaymentBody } from '../../../test/widget-bodies.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { merchantSettlement, userBalance } from '../../ledger/accounts.ts';
import { snapRequest } from '../../signature/client.ts';

// A widget payment over HTTP (express adapter): the order is created, the user pays it from their
// DANA balance on the payment page (with the `&ott=` dana-node appends), Finish Notify reaches the
// merchant, and a refund on the widget path gives the money back.

const receivers = danaCallReceivers();
afterEach(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

const ACK: Answer = { status: 200, body: '{"responseCode":"2005600","responseMessage":"Successful"}' };
const send = (t: TestSimulator, path: string, body: unknown) =>
  sendHttp(http(t.sim), snapRequest({ path, body, credentials: t.credentials }));
const balances = (t: TestSimulator) => ({
  merchant: t.sim.runtime.db.ledger.balance(merchantSettlement(t.merchantId)),
  user: t.sim.runtime.db.ledger.balance(userBalance(VALID_CUSTOMER)),
});

describe('Widget Payment over HTTP', () => {
  it('is paid on the payment page from the user balance, notified, queried and refunded', async () => {
    const clock = SimulatorClock.frozen();
    const t = await createTestSimulator({ background: false, clock, notificationTimeoutMs: 300 });
    const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, [ACK]);
    const order = widgetPaymentBody(
      t.merchantId,
      { urlParams: [{ url: `${receiver.url}/v1.0/debit/notify`, type: 'NOTIFICATION', isDeeplink: 'Y' }] },
      15 * 60_000,
      clock.now(),
    );
    const before = balances(t);
    const created = await send(t, WIDGET_PATHS.payment, order);
    expect(created).toMatchObject({ status: 200, body: { responseCode: '2005400', partnerReferenceNo: order.partnerReferenceNo } });
    // dana-node 1.5.11's generateCompletePaymentUrl appends `&ott=<value>` as it is.
    const page = new URL(`${created.body.webRedirectUrl}&ott=ott-value`);
    const agent = http(t.sim);
    const html = await agent.get(page.pathname + page.search);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Widget Order');
    const bizNo = page.searchParams.get('bizNo')!;
    const post = async (path: string, form: Record<string, string>) => (await agent.post(path).type('form').send(form)).text;
    const paid = await agent
      .post('/m/portal/cashier/pay')
      .type('form')
      .send({ ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'pay' });
    expect(paid.status).toBe(200);
    expect(balances(t)).toEqual({ merchant: before.merchant + 1_000_000, user: before.user - 1_000_000 });
    const status = await send(t, WIDGET_PATHS.query, {
      originalPartnerReferenceNo: order.partnerReferenceNo,
      serviceCode: '54',
      merchantId: t.merchantId,
    });
    expect(status.body).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00', transactionStatusDesc: 'SUCCESS' });
    clock.advance(5000);
    await t.sim.runDueWork();
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      originalPartnerReferenceNo: order.partnerReferenceNo,
      latestTransactionStatus: '00',
      amount: idr('10000.00'),
      additionalInfo: { paymentInfo: { payOptionInfos: [{ payMethod: 'BALANCE' }] } },
    });
    const refund = await send(t, WIDGET_PATHS.refund, {
      merchantId: t.merchantId,
      originalPartnerReferenceNo: order.partnerReferenceNo,
      partnerRefundNo: `refund-${order.partnerReferenceNo}`,
      refundAmount: idr('10000.00'),
      additionalInfo: { envInfo: {} },
    });
    expect(refund).toMatchObject({ status: 200, body: { responseCode: '2005800', refundAmount: idr('10000.00') } });
    expect(balances(t)).toEqual(before);
  });
});
