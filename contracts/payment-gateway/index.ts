export { cancelOrder } from './cancel-order.ts';
export { consultPay } from './consult-pay.ts';
export { createOrder } from './create-order.ts';
export { queryPayment } from './query-payment.ts';
export { refundOrder } from './refund-order.ts';
export * from './common.ts';
