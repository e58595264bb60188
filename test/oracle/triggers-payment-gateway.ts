import { randomUUID } from 'node:crypto';
import { idr, orderBody, PATHS, type TestSimulator } from '../helpers.ts';
import { byRule, call, callValid, magic, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of Create Order (svc 54) and Query Payment (svc 55) is provoked; the UAT's values
// are from payment-gateway.md sections 2.7, 3.4 and 10.

/** A well-formed merchant id that is not the caller's. */
const OTHER_MERCHANT_ID = '216600000000000000001';

const order: SnapTarget = {
  endpoint: 'createOrder',
  path: PATHS.createOrder,
  caller: 'merchant',
  valid: (t) => orderBody(t.merchantId, {}, 10 * 60_000, t.sim.runtime.clock.now()),
};
const query: SnapTarget = {
  endpoint: 'queryPayment',
  path: PATHS.queryPayment,
  caller: 'merchant',
  valid: (t) => ({ originalPartnerReferenceNo: 'any', serviceCode: '54', merchantId: t.merchantId }),
};

async function createdOrder(t: TestSimulator) {
  const body = order.valid(t);
  await call(t, order, body);
  return body;
}

const queryOf = async (t: TestSimulator, overrides: Record<string, unknown>) =>
  call(t, query, {
    originalPartnerReferenceNo: (await createdOrder(t)).partnerReferenceNo,
    serviceCode: '54',
    merchantId: t.merchantId,
    ...overrides,
  });

export const CREATE_ORDER_TRIGGERS: Provocations = {
  ...snapCommon(order),
  SUCCESS: real('an API-scenario order paid by VA', callValid(order)),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", (t) =>
    call(t, order, { ...order.valid(t), merchantId: OTHER_MERCHANT_ID }),
  ),
  INCONSISTENT_REQUEST: real('the same partnerReferenceNo again with amount 10000.00', async (t) =>
    call(t, order, { ...(await createdOrder(t)), amount: idr('10000.00') }),
  ),
  TRANSACTION_NOT_PERMITTED: byRule('createOrder', 'TRANSACTION_NOT_PERMITTED', callValid(order)),
  INVALID_FIELD_FORMAT: real('amount.value 1500 without decimals', (t) =>
    call(t, order, { ...order.valid(t), amount: { value: '1500', currency: 'IDR' } }),
  ),
};

export const QUERY_PAYMENT_TRIGGERS: Provocations = {
  ...snapCommon(query),
  SUCCESS: real('the query of an order just created', (t) => queryOf(t, {})),
  TRANSACTION_NOT_FOUND: real('an unknown reference', (t) =>
    call(t, query, { ...query.valid(t), originalPartnerReferenceNo: `${randomUUID()}_NOT_FOUND` }),
  ),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", (t) => queryOf(t, { merchantId: OTHER_MERCHANT_ID })),
  INTERNAL_SERVER_ERROR: magic('serviceCode AZ on an existing order', (t) => queryOf(t, { serviceCode: 'AZ' })),
};
