import { createVa } from '../../simulator/products/virtual-account/operations.ts';
import { idr, PATHS, topUpBody, VALID_CUSTOMER, vaInquiryBody, vaPaymentBody, type TestSimulator } from '../helpers.ts';
import { call, callValid, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of VA Inquiry (svc 24) and Payment VA (svc 25) is provoked, as the bank calls them:
// static VAs (partnerServiceId + phone), dynamic VAs DANA created with a fixed amount and an expiry,
// and the 5-minute window on the simulator clock (virtual-account.md sections 2, 3).

const random = () => Math.random().toString(36).slice(2);
const inquiry: SnapTarget = {
  endpoint: 'vaInquiry',
  path: PATHS.vaInquiry,
  caller: 'bank',
  valid: (t) => vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER),
};
const payment: SnapTarget = {
  endpoint: 'vaPayment',
  path: PATHS.vaPayment,
  caller: 'bank',
  valid: (t) => vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, `pay-${random()}`),
};

/** A DANA user nobody has paid yet, so the balance cap is the whole 21000000.00. */
const UNFUNDED_CUSTOMER = '6281299990001';

function dynamicVa(t: TestSimulator, options: { amount?: string; expiresInMinutes?: number } = {}) {
  return createVa(
    t.sim.runtime.db,
    t.sim.runtime.seed,
    t.sim.services.ids,
    { customerNumber: '6281200000077', amount: '50000.00', ...options },
    t.sim.runtime.clock.now(),
  );
}

async function inquire(t: TestSimulator, customerNo = VALID_CUSTOMER, overrides: Record<string, unknown> = {}) {
  const body = vaInquiryBody(t.bank.partnerServiceId, customerNo, overrides);
  await call(t, inquiry, body);
  return body;
}

const pay = (t: TestSimulator, customerNo: string, paymentRequestId: string, overrides: Record<string, unknown> = {}) =>
  call(t, payment, vaPaymentBody(t.bank.partnerServiceId, customerNo, paymentRequestId, overrides));

/** Pays a dynamic VA by its trxId, without an inquiry (the Create VA flow). */
async function paidDynamicVa(t: TestSimulator) {
  const bill = dynamicVa(t);
  await pay(t, bill.customerNo, `pay-${random()}`, { trxId: bill.trxId });
  return bill;
}

const sevenCharacterServiceId = (t: TestSimulator) => t.bank.partnerServiceId.slice(1);

export const VA_INQUIRY_TRIGGERS: Provocations = {
  ...snapCommon(inquiry),
  SUCCESS: real("a static VA: the bank's code and a user's phone", callValid(inquiry)),
  INVALID_BILL: real('customerNo 123: neither a phone nor a VA DANA created', (t) =>
    call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, '123')),
  ),
  INVALID_AMOUNT: real('40000.00 on a dynamic VA fixed at 50000.00', (t) =>
    call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, dynamicVa(t).customerNo, { amount: idr('40000.00') })),
  ),
  PAID_BILL: real('a dynamic VA already paid', async (t) =>
    call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, (await paidDynamicVa(t)).customerNo)),
  ),
  EXPIRED_BILL: real('a dynamic VA one minute past its expiry', (t) => {
    const bill = dynamicVa(t, { expiresInMinutes: 1 });
    t.sim.clock.advance(60_001);
    return call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, bill.customerNo));
  }),
  EXCEEDS_AMOUNT_LIMIT: real("21000000.01 for a user holding nothing: above the user's balance cap", (t) =>
    call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, UNFUNDED_CUSTOMER, { amount: idr('21000000.01') })),
  ),
  INCONSISTENT_REQUEST: real('the same inquiryRequestId again with another amount', async (t) => {
    const body = await inquire(t);
    return call(t, inquiry, { ...body, amount: idr('60000.00') });
  }),
  INVALID_FIELD_FORMAT: real('a partnerServiceId of 7 characters', (t) =>
    call(t, inquiry, vaInquiryBody(sevenCharacterServiceId(t), VALID_CUSTOMER)),
  ),
  INVALID_MANDATORY_FIELD: real('an inquiry without inquiryRequestId', (t) =>
    call(t, inquiry, vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER, { inquiryRequestId: undefined })),
  ),
};

export const VA_PAYMENT_TRIGGERS: Provocations = {
  ...snapCommon(payment),
  SUCCESS: real('the payment of an inquiry within its window', async (t) => pay(t, VALID_CUSTOMER, (await inquire(t)).inquiryRequestId)),
  INVALID_BILL: real('a payment no inquiry preceded', (t) => pay(t, VALID_CUSTOMER, `never-inquired-${random()}`)),
  INVALID_AMOUNT: real('49999.00 paid on an inquiry of 50000.00', async (t) =>
    pay(t, VALID_CUSTOMER, (await inquire(t)).inquiryRequestId, { paidAmount: idr('49999.00') }),
  ),
  PAID_BILL: real('a second payment of a dynamic VA', async (t) => {
    const bill = await paidDynamicVa(t);
    return pay(t, bill.customerNo, `pay-${random()}`, { trxId: bill.trxId });
  }),
  EXPIRED_BILL: real('a payment 300.001 s after its inquiry', async (t) => {
    const body = await inquire(t);
    t.sim.clock.advance(300_001);
    return pay(t, VALID_CUSTOMER, body.inquiryRequestId);
  }),
  EXCEEDS_AMOUNT_LIMIT: real("a payment whose user was topped up after the inquiry, so it crosses the user's balance cap", async (t) => {
    const body = await inquire(t, UNFUNDED_CUSTOMER, { amount: idr('20999999.00') });
    await call(
      t,
      { endpoint: 'transferToDana', path: PATHS.topUp, caller: 'merchant', valid: () => topUpBody() },
      topUpBody({ customerNumber: UNFUNDED_CUSTOMER, amount: idr('2.00') }),
    );
    return pay(t, UNFUNDED_CUSTOMER, body.inquiryRequestId, { paidAmount: idr('20999999.00') });
  }),
  INCONSISTENT_REQUEST: real('the same paymentRequestId again with another amount', async (t) => {
    const { inquiryRequestId } = await inquire(t);
    await pay(t, VALID_CUSTOMER, inquiryRequestId);
    return pay(t, VALID_CUSTOMER, inquiryRequestId, { paidAmount: idr('49999.00') });
  }),
  INVALID_FIELD_FORMAT: real('a partnerServiceId of 7 characters', (t) =>
    call(t, payment, vaPaymentBody(sevenCharacterServiceId(t), VALID_CUSTOMER, `pay-${random()}`)),
  ),
  INVALID_MANDATORY_FIELD: real('a payment without virtualAccountName', (t) =>
    call(t, payment, vaPaymentBody(t.bank.partnerServiceId, VALID_CUSTOMER, `pay-${random()}`, { virtualAccountName: undefined })),
  ),
};
