import type { Provocations } from '../provoke.ts';
import { WIDGET_PAYMENT_TRIGGERS } from '../triggers-widget.ts';

export const triggers: Readonly<Record<string, Provocations>> = {
  widgetPayment: WIDGET_PAYMENT_TRIGGERS,
};
