import { accountInquiry, bankAccountInquiry, topUp, topUpStatus, transferToBank, transferToBankStatus } from '../../../contracts/disbursement/index.ts';
import { route, type Route } from '../../core/route.ts';
import * as bank from './bank-handlers.ts';
import { danaAccountInquiry, transferToDana, transferToDanaInquiryStatus } from './handlers.ts';

export const disbursementRoutes: readonly Route[] = [
  route(accountInquiry, danaAccountInquiry),
  route(topUp, transferToDana),
  route(topUpStatus, transferToDanaInquiryStatus),
  route(bankAccountInquiry, bank.bankAccountInquiry),
  route(transferToBank, bank.transferToBank),
  route(transferToBankStatus, bank.transferToBankInquiryStatus),
];
