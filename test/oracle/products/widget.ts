import { WIDGET_PAYMENT } from '../widget.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  widgetPayment: { envelope: 'snap', rows: WIDGET_PAYMENT },
};
