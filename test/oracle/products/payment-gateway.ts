import { CREATE_ORDER, QUERY_PAYMENT } from '../payment-gateway.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  createOrder: { envelope: 'snap', rows: CREATE_ORDER },
  queryPayment: { envelope: 'snap', rows: QUERY_PAYMENT },
};
