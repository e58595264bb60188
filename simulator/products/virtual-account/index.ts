import { vaInquiry as inquiryContract, vaPayment as paymentContract } from '../../../contracts/virtual-account/index.ts';
import type { Route } from '../../core/route.ts';
import { vaInquiry, vaPayment } from './handlers.ts';

export const virtualAccountRoutes: readonly Route[] = [
  { contract: inquiryContract, handler: vaInquiry },
  { contract: paymentContract, handler: vaPayment },
];
