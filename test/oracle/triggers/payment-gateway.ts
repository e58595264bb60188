import type { Provocations } from '../provoke.ts';
import { CREATE_ORDER_TRIGGERS, QUERY_PAYMENT_TRIGGERS } from '../triggers-payment-gateway.ts';

export const triggers: Readonly<Record<string, Provocations>> = {
  createOrder: CREATE_ORDER_TRIGGERS,
  queryPayment: QUERY_PAYMENT_TRIGGERS,
};
