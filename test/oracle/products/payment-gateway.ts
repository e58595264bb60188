import { CREATE_ORDER, QUERY_PAYMENT } from '../payment-gateway.ts';
import { CANCEL_ORDER, CONSULT_PAY, REFUND_ORDER } from '../payment-gateway-money.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  createOrder: { envelope: 'snap', rows: CREATE_ORDER },
  queryPayment: { envelope: 'snap', rows: QUERY_PAYMENT },
  cancelOrder: { envelope: 'snap', rows: CANCEL_ORDER },
  refundOrder: { envelope: 'snap', rows: REFUND_ORDER },
  consultPay: { envelope: 'snap', rows: CONSULT_PAY },
};
