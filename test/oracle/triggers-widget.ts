import { idr, type TestSimulator } from '../helpers.ts';
import { widgetPaymentBody, WIDGET_PATHS } from '../widget-bodies.ts';
import { call, callValid, magic, real, snapCommon, type Provocations, type SnapTarget } from './provoke.ts';

// How each code of Widget Payment (svc 54) is provoked; the magic amounts are Widget.json's
// (issue-17 facts §4).

const payment: SnapTarget = {
  endpoint: 'widgetPayment',
  path: WIDGET_PATHS.payment,
  caller: 'merchant',
  valid: (t) => widgetPaymentBody(t.merchantId, {}, 15 * 60_000, t.sim.runtime.clock.now()),
};

const withAmount = (value: string) => (t: TestSimulator) => call(t, payment, { ...payment.valid(t), amount: idr(value) });

export const WIDGET_PAYMENT_TRIGGERS: Provocations = {
  ...snapCommon(payment),
  SUCCESS: real('a payment of 10000.00 as Widget.json PaymentSuccess', callValid(payment)),
  INVALID_MERCHANT: real("a merchantId that is not the caller's", (t) =>
    call(t, payment, { ...payment.valid(t), merchantId: '216600000000000000001' }),
  ),
  INCONSISTENT_REQUEST: real('the same partnerReferenceNo again with amount 1.00', async (t) => {
    const body = payment.valid(t);
    await call(t, payment, body);
    return call(t, payment, { ...body, amount: idr('1.00') });
  }),
  INVALID_FIELD_FORMAT: real('amount.value 10000.0000 with four decimals', withAmount('10000.0000')),
  TRANSACTION_NOT_PERMITTED: magic('amount 435415.00', withAmount('435415.00')),
  EXCEEDS_AMOUNT_LIMIT: magic('amount 21000000.00', withAmount('21000000.00')),
  GENERAL_ERROR: magic('amount 505400.00', withAmount('505400.00')),
  INTERNAL_SERVER_ERROR: magic('amount 505401.00', withAmount('505401.00')),
};
