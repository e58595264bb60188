import { accountInquiry, bankAccountInquiry, topUp, topUpStatus, transferToBank, transferToBankStatus } from '../../../contracts/disbursement/index.ts';
import type { Route } from '../../core/route.ts';
import * as bank from './bank-handlers.ts';
import { danaAccountInquiry, transferToDana, transferToDanaInquiryStatus } from './handlers.ts';

export const disbursementRoutes: readonly Route[] = [
  { contract: accountInquiry, handler: danaAccountInquiry },
  { contract: topUp, handler: transferToDana },
  { contract: topUpStatus, handler: transferToDanaInquiryStatus },
  { contract: bankAccountInquiry, handler: bank.bankAccountInquiry },
  { contract: transferToBank, handler: bank.transferToBank },
  { contract: transferToBankStatus, handler: bank.transferToBankInquiryStatus },
];
