export { widgetPayment } from './payment.ts';
