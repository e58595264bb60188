export { vaInquiry } from './inquiry.ts';
export { vaPayment } from './payment.ts';
export * from './common.ts';
export * from './outbound.ts';
