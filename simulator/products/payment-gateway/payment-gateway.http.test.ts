import { WebhookParser } from 'dana-node/webhook/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../clock/clock.ts';
import type { NotificationRecord } from '../../notifications/outbox.ts';
import { verifyDanaNotification } from '../../signature/notification.ts';
import {
  controlCall,
  createTestSimulator,
  http,
  idr,
  PATHS,
  VALID_CUSTOMER,
  vaInquiryBody,
  vaPaymentBody,
  orderBody,
  type TestSimulator,
} from '../../../test/helpers.ts';
import { notificationSignatureProblem } from '../../../test/oracle/dana-signature.ts';
import { danaCallReceivers, type Answer } from '../../../test/receiver.ts';
import { cashierPayForm } from '../../../test/cashier-login.ts';

// Payment Gateway orders paid by VA (Payment VA or the sandbox tools) or from a DANA balance through
// the cashier page, expiring on the simulator clock, with Finish Notify to a local receiver.

const receivers = danaCallReceivers();
afterEach(async () => {
  expect(await receivers.closeAll()).toEqual([]);
});

const ACK: Answer = { status: 200, body: '{"responseCode":"2005600","responseMessage":"Successful"}' };

async function setup(answers: Answer[] = [ACK]) {
  const clock = SimulatorClock.frozen();
  const t = await createTestSimulator({ background: false, clock, notificationTimeoutMs: 300 });
  const receiver = await receivers.start(t.sim.danaKeys.publicKeyPem, answers);
  const order = (overrides: Record<string, unknown> = {}, validForMs = 10 * 60_000) =>
    orderBody(
      t.merchantId,
      {
        urlParams: [
          { url: `${receiver.url}/return`, type: 'PAY_RETURN', isDeeplink: 'Y' },
          { url: `${receiver.url}/v1.0/debit/notify`, type: 'NOTIFICATION', isDeeplink: 'Y' },
        ],
        ...overrides,
      },
      validForMs,
      clock.now(),
    );
  return { t, receiver, order };
}

const settlement = (t: TestSimulator) => t.sim.runtime.db.ledger.balance(`merchant:${t.merchantId}:settlement`);
const status = async (t: TestSimulator, ref: string) =>
  (await t.snap(PATHS.queryPayment, { originalPartnerReferenceNo: ref, serviceCode: '54', merchantId: t.merchantId })).body;
const finishNotifies = (t: TestSimulator) =>
  [...t.sim.runtime.db.values<NotificationRecord>('notifications')].filter((n) => n.kind === 'finishNotify');
const sandboxTools = (t: TestSimulator, urlEndpoint: string, requestBody: unknown) =>
  http(t.sim)
    .post('/merchant-portal-app/api/sandbox-tools/execute')
    .set('content-type', 'application/json')
    .send(JSON.stringify({ urlEndpoint, requestBody }));

describe('create order', () => {
  it('gives a VA order a paymentCode, is idempotent, and reports INIT', async () => {
    const { t, order } = await setup();
    const body = order();
    const created = await t.snap(PATHS.createOrder, body);
    expect(created).toMatchObject({
      status: 200,
      body: { responseCode: '2005400', responseMessage: 'Successful', partnerReferenceNo: body.partnerReferenceNo },
    });
    expect(created.body.additionalInfo.paymentCode).toMatch(/^\d{10,28}$/);
    expect(created.body.referenceNo).toMatch(/^\d+$/);
    expect(await t.snap(PATHS.createOrder, body)).toEqual(created);
    const changed = await t.snap(PATHS.createOrder, {
      ...body,
      payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('222000.00') }],
    });
    expect(changed).toMatchObject({ status: 404, body: { responseCode: '4045418', responseMessage: 'Inconsistent Request' } });
    expect(await status(t, body.partnerReferenceNo)).toMatchObject({
      responseCode: '2005500',
      serviceCode: '54',
      latestTransactionStatus: '01',
      transactionStatusDesc: 'INIT',
      amount: idr('22200.00'),
      title: 'Payment Gateway Order',
    });
  });

  it("answers DANA's codes for bad amounts, validUpTo out of range, another merchant, unknown orders and a wrong serviceCode", async () => {
    const { t, order } = await setup();
    const bad = order({ amount: { value: '22200', currency: 'IDR' } });
    expect((await t.snap(PATHS.createOrder, bad)).body).toEqual({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format amount',
      partnerReferenceNo: bad.partnerReferenceNo,
    });
    expect((await t.snap(PATHS.createOrder, order({}, 31 * 60_000))).body).toMatchObject({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format validUpTo',
    });
    expect((await t.snap(PATHS.createOrder, order({}, -60_000))).body.responseCode).toBe('4005401');
    expect((await t.snap(PATHS.createOrder, order({ merchantId: '216600000000000000000' }))).body).toMatchObject({
      responseCode: '4045408',
      responseMessage: 'Invalid Merchant',
    });
    expect(
      (await t.snap(PATHS.queryPayment, { originalPartnerReferenceNo: '123456789', serviceCode: '54', merchantId: t.merchantId })).body,
    ).toMatchObject({ responseCode: '4045501', responseMessage: 'Transaction Not Found' });
    expect(
      (await t.snap(PATHS.queryPayment, { originalPartnerReferenceNo: 'x', serviceCode: 'AZ', merchantId: t.merchantId })).body,
    ).toMatchObject({ responseCode: '5005501', responseMessage: 'Internal Server Error' });
  });
});

describe('paying a VA order and Finish Notify', () => {
  it('Payment VA from the bank pays the order: merchant credited, status 00, a verifiable Finish Notify 00', async () => {
    const { t, receiver, order } = await setup();
    const body = order({
      amount: idr('11011.00'),
      payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('11011.00') }],
    });
    const paymentCode = (await t.snap(PATHS.createOrder, body)).body.additionalInfo.paymentCode as string;
    const customerNo = paymentCode.slice(t.bank.partnerServiceId.trim().length);
    const before = settlement(t);
    const inquiry = vaInquiryBody(t.bank.partnerServiceId, customerNo, { amount: idr('11011.00') });
    expect((await t.bank.snap(PATHS.vaInquiry, inquiry)).body.responseCode).toBe('2002400');
    expect(
      (
        await t.bank.snap(
          PATHS.vaPayment,
          vaPaymentBody(t.bank.partnerServiceId, customerNo, inquiry.inquiryRequestId, { paidAmount: idr('11011.00') }),
        )
      ).body.responseCode,
    ).toBe('2002500');
    await t.sim.runDueWork();
    expect(settlement(t) - before).toBe(1_101_100);
    expect((await status(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('00');
    expect(receiver.received).toHaveLength(1);
    const notify = receiver.received[0];
    expect(notify.path).toBe('/v1.0/debit/notify');
    expect(notificationSignatureProblem(notify, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
    expect(verifyDanaNotification({ path: notify.path, headers: notify.headers, body: notify.body }, t.sim.danaKeys.publicKeyPem)).toBe(
      true,
    );
    const parsed = new WebhookParser(t.sim.danaKeys.publicKeyPem).parseWebhook(
      'POST',
      notify.path,
      notify.headers as Record<string, string>,
      notify.body,
    );
    expect(parsed).toMatchObject({
      originalPartnerReferenceNo: body.partnerReferenceNo,
      merchantId: t.merchantId,
      latestTransactionStatus: '00',
      amount: idr('11011.00'),
    });
    expect(JSON.parse(notify.body).additionalInfo.paymentInfo.payOptionInfos[0]).toMatchObject({
      payMethod: 'VIRTUAL_ACCOUNT',
      payOption: 'VIRTUAL_ACCOUNT_CIMB',
      paymentCode,
    });
    expect(t.sim.runtime.db.ledger.totalMinor()).toBe(0);
  });

  it('the sandbox tools pay it by paymentCode; paying again is refused', async () => {
    const { t, receiver, order } = await setup();
    const body = order();
    const paymentCode = (await t.snap(PATHS.createOrder, body)).body.additionalInfo.paymentCode;
    const paid = await sandboxTools(t, '/v1.0/transfer-va/payment.htm', { virtualAccountNo: paymentCode });
    expect(paid.status).toBe(200);
    expect((await status(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('00');
    expect(JSON.parse(receiver.received[0].body).latestTransactionStatus).toBe('00');
    expect((await sandboxTools(t, '/v1.0/transfer-va/payment.htm', { virtualAccountNo: paymentCode })).status).toBe(400);
  });

  it('the receiver answering 5005601 is recorded and retried until it acknowledges (InternalServerErrorNotify)', async () => {
    const { t, receiver, order } = await setup([
      { status: 500, body: '{"responseCode":"5005601","responseMessage":"Internal Server Error"}' },
      ACK,
    ]);
    const body = order({
      amount: idr('11012.00'),
      payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('11012.00') }],
    });
    const paymentCode = (await t.snap(PATHS.createOrder, body)).body.additionalInfo.paymentCode;
    await sandboxTools(t, '/v1.0/transfer-va/payment.htm', { virtualAccountNo: paymentCode });
    expect(finishNotifies(t)[0]).toMatchObject({ status: 'pending' });
    t.sim.clock.advance(5000);
    await t.sim.runDueWork();
    const [record] = finishNotifies(t);
    expect(record.status).toBe('delivered');
    expect(record.attempts.map((a) => [a.httpStatus, a.acknowledged])).toEqual([
      [500, false],
      [200, true],
    ]);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
  });

  it('an unpaid order closes at validUpTo: status 05, Finish Notify 05, no money moved (ExpiredNotify)', async () => {
    const { t, receiver, order } = await setup();
    const body = order(
      {
        amount: idr('11013.00'),
        payOptionDetails: [{ payMethod: 'VIRTUAL_ACCOUNT', payOption: 'VIRTUAL_ACCOUNT_CIMB', transAmount: idr('11013.00') }],
      },
      135_000,
    );
    const paymentCode = (await t.snap(PATHS.createOrder, body)).body.additionalInfo.paymentCode;
    const before = settlement(t);
    t.sim.clock.advance(134_000);
    await t.sim.runDueWork();
    expect((await status(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('01');
    t.sim.clock.advance(1_000);
    await t.sim.runDueWork();
    expect(await status(t, body.partnerReferenceNo)).toMatchObject({ latestTransactionStatus: '05', transactionStatusDesc: 'CANCELLED' });
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      latestTransactionStatus: '05',
      originalPartnerReferenceNo: body.partnerReferenceNo,
    });
    expect(settlement(t)).toBe(before);
    expect((await sandboxTools(t, '/v1.0/transfer-va/payment.htm', { virtualAccountNo: paymentCode })).status).toBe(400);
  });
});

describe('balance orders and the cashier page', () => {
  it('redirects to a cashier where a test user pays with their balance, then back to PAY_RETURN', async () => {
    const { t, receiver, order } = await setup();
    const body = order({ payOptionDetails: [{ payMethod: 'BALANCE', payOption: '', transAmount: idr('22200.00') }] });
    const created = await t.snap(PATHS.createOrder, body);
    const page = new URL(created.body.webRedirectUrl);
    expect(page.pathname).toBe('/m/portal/cashier/checkout');
    const agent = http(t.sim);
    const html = await agent.get(page.pathname + page.search);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Payment Gateway Order');
    expect(html.text).toContain('Rp22.200');
    const user = t.sim.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`);
    const bizNo = page.searchParams.get('bizNo')!;
    const post = async (path: string, form: Record<string, string>) => (await agent.post(path).type('form').send(form)).text;
    const cancelled = await agent
      .post('/m/portal/cashier/pay')
      .type('form')
      .send({ ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'cancel' });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.location).toBe(`${receiver.url}/return?bizNo=${bizNo}&status=CANCELLED`);
    expect((await status(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('01');
    const paid = await agent
      .post('/m/portal/cashier/pay')
      .type('form')
      .send({ ...(await cashierPayForm(post, bizNo, VALID_CUSTOMER)), action: 'pay' });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Payment Rp22.200 to');
    expect(paid.text).toContain(`url=${receiver.url}/return?bizNo=${bizNo}&#38;status=SUCCESS`);
    expect(user - t.sim.runtime.db.ledger.balance(`user:${VALID_CUSTOMER}`)).toBe(2_220_000);
    expect((await status(t, body.partnerReferenceNo)).latestTransactionStatus).toBe('00');
    expect(JSON.parse(receiver.received[0].body).additionalInfo.paymentInfo.payOptionInfos[0].payMethod).toBe('BALANCE');
  });

  it('dana-sim order pay (control API) pays a balance order from a chosen user', async () => {
    const { t, order } = await setup();
    const body = order({ payOptionDetails: [{ payMethod: 'BALANCE', payOption: '', transAmount: idr('22200.00') }] });
    await t.snap(PATHS.createOrder, body);
    const reply = await controlCall(
      t.sim,
      'POST',
      '/__sim/orders/pay',
      JSON.stringify({ partnerReferenceNo: body.partnerReferenceNo, customer: '62817345544' }),
    );
    expect(JSON.parse(reply.body)).toMatchObject({ status: '00', partnerReferenceNo: body.partnerReferenceNo });
    const again = await controlCall(t.sim, 'POST', '/__sim/orders/pay', JSON.stringify({ partnerReferenceNo: body.partnerReferenceNo }));
    expect(again.status).toBe(400);
  });
});

describe('sandbox tools top up', () => {
  it('credits a test user given in 08... form', async () => {
    const { t } = await setup();
    const before = t.sim.runtime.db.ledger.balance('user:62811742234');
    const reply = await sandboxTools(t, '/v1.0/emoney/topup.htm', {
      partnerReferenceNo: 'st-1',
      customerNumber: '0811742234',
      amount: idr('1000000.00'),
      feeAmount: idr('0.00'),
      additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
    });
    expect(reply.status).toBe(200);
    expect(t.sim.runtime.db.ledger.balance('user:62811742234') - before).toBe(100_000_000);
  });
});
