import { widgetPayment as widgetPaymentContract } from '../../../contracts/widget/index.ts';
import { route } from '../../core/route.ts';
import { widgetPayment } from './payment.ts';

// The Widget payment routes, for the Widget product's index. Query Payment, Cancel Order and Refund
// Order of widget orders are Payment Gateway's routes (their contracts list the widget paths too).
// Pages and payees: the Payment Gateway cashier and ORDER_PAYEE serve widget orders unchanged.

export const WIDGET_PAYMENT_ROUTES = [route(widgetPaymentContract, widgetPayment)];
