import { accountInquiry, topUp, topUpStatus } from '../../../contracts/disbursement/index.ts';
import type { Route } from '../../core/route.ts';
import { danaAccountInquiry, transferToDana, transferToDanaInquiryStatus } from './handlers.ts';

export const disbursementRoutes: readonly Route[] = [
  { contract: accountInquiry, handler: danaAccountInquiry },
  { contract: topUp, handler: transferToDana },
  { contract: topUpStatus, handler: transferToDanaInquiryStatus },
];
