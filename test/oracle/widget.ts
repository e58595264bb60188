import { CREATE_ORDER } from './payment-gateway.ts';
import type { SnapRow } from './rows.ts';

// What DANA answers on Widget Payment (svc 54), written by hand from ../shared/dana-api/widget.md §6.3
// and the issue-17 facts §3.2 (never from contracts/ or simulator/). Svc 54 shares its codes with
// Payment Gateway's Create Order; Widget adds the amount limit (Widget.json PaymentFailExceedAmountLimit).

export const WIDGET_PAYMENT: readonly SnapRow[] = [
  ...CREATE_ORDER,
  {
    key: 'EXCEEDS_AMOUNT_LIMIT',
    responseCode: '4035402',
    httpStatus: 403,
    responseMessage: 'Exceeds Transaction Amount Limit',
    source: 'widget.md §6.3; Widget.json PaymentFailExceedAmountLimit',
  },
];
