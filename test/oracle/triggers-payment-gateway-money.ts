import { randomUUID } from 'node:crypto';
import { payOrderNow } from '../../simulator/products/payment-gateway/payments.ts';
import { idr, orderBody, PATHS, VALID_CUSTOMER, type TestSimulator } from '../helpers.ts';
import { call, callValid, magic, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of Cancel Order (svc 57), Refund Order (svc 58) and Consult Pay is provoked; the
// magic references and amounts are those of DANA's UAT fixture PaymentGateway.json.

/** A well-formed merchant id that is not the caller's. */
const OTHER_MERCHANT_ID = '216600000000000000001';

const cancel: SnapTarget = {
  endpoint: 'cancelOrder',
  path: '/payment-gateway/v1.0/debit/cancel.htm',
  caller: 'merchant',
  valid: (t) => ({ originalPartnerReferenceNo: `${randomUUID()}`.slice(0, 30), merchantId: t.merchantId, reason: 'Network timeout' }),
};
const refund: SnapTarget = {
  endpoint: 'refundOrder',
  path: '/payment-gateway/v1.0/debit/refund.htm',
  caller: 'merchant',
  valid: (t) => ({
    originalPartnerReferenceNo: `${randomUUID()}`.slice(0, 30),
    merchantId: t.merchantId,
    partnerRefundNo: randomUUID(),
    refundAmount: idr('1.00'),
    reason: 'Customer complain',
  }),
};
const consult: SnapTarget = {
  endpoint: 'consultPay',
  path: '/v1.0/payment-gateway/consult-pay.htm',
  caller: 'merchant',
  valid: (t) => ({
    merchantId: t.merchantId,
    amount: idr('100000.00'),
    additionalInfo: {
      buyer: { externalUserType: '', nickname: '', externalUserId: '8392183912832913821', userId: '' },
      envInfo: { sourcePlatform: 'IPG', terminalType: 'SYSTEM', orderTerminalType: 'WEB' },
    },
  }),
};

/** An order of `value` created unpaid (validFor from now), or paid from the UAT customer's balance. */
async function order(t: TestSimulator, value: string, paid: boolean, validForMs = 10 * 60_000) {
  const body = orderBody(t.merchantId, { amount: idr(value), payOptionDetails: undefined }, validForMs, t.sim.runtime.clock.now());
  await call(t, { ...cancel, path: PATHS.createOrder }, body);
  if (paid) await payOrderNow(t.sim.runtime, t.credentials.partnerId, body.partnerReferenceNo, VALID_CUSTOMER);
  return body.partnerReferenceNo;
}

const cancelRef = (ref: string) => (t: TestSimulator) => call(t, cancel, { ...cancel.valid(t), originalPartnerReferenceNo: ref });
const refundOf = async (t: TestSimulator, overrides: Record<string, unknown>) => call(t, refund, { ...refund.valid(t), ...overrides });

export const CANCEL_ORDER_TRIGGERS: Provocations = {
  ...snapCommon(cancel),
  SUCCESS: real('the cancel of an unpaid order', async (t) => cancelRef(await order(t, '1.00', false))(t)),
  IN_PROGRESS: magic('originalPartnerReferenceNo 2025700', cancelRef('2025700')),
  TRANSACTION_EXPIRED: magic('originalPartnerReferenceNo 4035700', cancelRef('4035700')),
  DO_NOT_HONOR: magic('originalPartnerReferenceNo 4035705', cancelRef('4035705')),
  INSUFFICIENT_FUNDS: magic('originalPartnerReferenceNo 4035714', cancelRef('4035714')),
  TRANSACTION_NOT_PERMITTED: magic('originalPartnerReferenceNo 4035715', cancelRef('4035715')),
  INTERNAL_SERVER_ERROR: magic('originalPartnerReferenceNo 5005701', cancelRef('5005701')),
  INVALID_TRANSACTION_STATUS: real('the cancel of a paid order refunded in full', async (t) => {
    const ref = await order(t, '1.00', true);
    await refundOf(t, { originalPartnerReferenceNo: ref, refundAmount: idr('1.00') });
    return cancelRef(ref)(t);
  }),
  TRANSACTION_NOT_FOUND: real('an unknown reference', callValid(cancel)),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", async (t) =>
    call(t, cancel, { ...cancel.valid(t), originalPartnerReferenceNo: await order(t, '1.00', false), merchantId: OTHER_MERCHANT_ID }),
  ),
};

export const REFUND_ORDER_TRIGGERS: Provocations = {
  ...snapCommon(refund),
  INVALID_FIELD_FORMAT: real('refundAmount.value 10000 without decimals', (t) => refundOf(t, { refundAmount: idr('10000') })),
  SUCCESS: real('a full refund of a paid order', async (t) => refundOf(t, { originalPartnerReferenceNo: await order(t, '1.00', true) })),
  IN_PROGRESS: magic('refundAmount 225800.00', (t) => refundOf(t, { refundAmount: idr('225800.00') })),
  EXCEEDS_AMOUNT_LIMIT: real('a refund above the paid amount', async (t) =>
    refundOf(t, { originalPartnerReferenceNo: await order(t, '1.00', true), refundAmount: idr('1.01') }),
  ),
  INSUFFICIENT_FUNDS: magic('refundAmount 435814.00', (t) => refundOf(t, { refundAmount: idr('435814.00') })),
  TRANSACTION_NOT_PERMITTED: magic('refundAmount 435815.00', (t) => refundOf(t, { refundAmount: idr('435815.00') })),
  INTERNAL_SERVER_ERROR: magic('refundAmount 505801.00', (t) => refundOf(t, { refundAmount: idr('505801.00') })),
  INVALID_TRANSACTION_STATUS: real('the refund of an unpaid order', async (t) =>
    refundOf(t, { originalPartnerReferenceNo: await order(t, '1.00', false) }),
  ),
  TRANSACTION_NOT_FOUND: real('an unknown reference', callValid(refund)),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", async (t) =>
    refundOf(t, { originalPartnerReferenceNo: await order(t, '1.00', true), merchantId: OTHER_MERCHANT_ID }),
  ),
  INCONSISTENT_REQUEST: real('the same partnerRefundNo again with amount 10000.00', async (t) => {
    const ref = await order(t, '1.00', true);
    await refundOf(t, { originalPartnerReferenceNo: ref, partnerRefundNo: ref });
    return refundOf(t, { originalPartnerReferenceNo: ref, partnerRefundNo: ref, refundAmount: idr('10000.00') });
  }),
};

export const CONSULT_PAY_TRIGGERS: Provocations = {
  ...snapCommon(consult),
  SUCCESS: real("the UAT's consult of 100000.00", callValid(consult)),
  INVALID_FIELD_FORMAT: real('an empty merchantId', (t) => call(t, consult, { ...consult.valid(t), merchantId: '' })),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", (t) =>
    call(t, consult, { ...consult.valid(t), merchantId: OTHER_MERCHANT_ID }),
  ),
};
