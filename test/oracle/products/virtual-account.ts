import type { OracleEntry } from '../response-codes.ts';
import { VA_INQUIRY, VA_PAYMENT } from '../virtual-account.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  vaInquiry: { envelope: 'snap', rows: VA_INQUIRY },
  vaPayment: { envelope: 'snap', rows: VA_PAYMENT },
};
