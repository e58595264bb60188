import type { Product } from '../../core/product.ts';
import { WIDGET_PAYMENT_ROUTES } from './payment-routes.ts';

// DANA Widget: payment on DANA's page (widget orders are Payment Gateway orders). Binding, tokens,
// OTT, balance and profile are registered here when they exist.

export const widget: Product = {
  name: 'widget',
  routes: [...WIDGET_PAYMENT_ROUTES],
};
