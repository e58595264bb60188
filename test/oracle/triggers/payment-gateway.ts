import type { Provocations } from '../provoke.ts';
import { CREATE_ORDER_TRIGGERS, QUERY_PAYMENT_TRIGGERS } from '../triggers-payment-gateway.ts';
import { CANCEL_ORDER_TRIGGERS, CONSULT_PAY_TRIGGERS, REFUND_ORDER_TRIGGERS } from '../triggers-payment-gateway-money.ts';

export const triggers: Readonly<Record<string, Provocations>> = {
  createOrder: CREATE_ORDER_TRIGGERS,
  queryPayment: QUERY_PAYMENT_TRIGGERS,
  cancelOrder: CANCEL_ORDER_TRIGGERS,
  refundOrder: REFUND_ORDER_TRIGGERS,
  consultPay: CONSULT_PAY_TRIGGERS,
};
