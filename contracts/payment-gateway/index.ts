export { createOrder } from './create-order.ts';
export { queryPayment } from './query-payment.ts';
export * from './common.ts';
