import { vaInquiry as inquiryContract, vaPayment as paymentContract } from '../../../contracts/virtual-account/index.ts';
import { route, type Route } from '../../core/route.ts';
import { vaInquiry, vaPayment } from './handlers.ts';

export const virtualAccountRoutes: readonly Route[] = [
  route(inquiryContract, vaInquiry),
  route(paymentContract, vaPayment),
];
