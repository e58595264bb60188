import type { Provocations } from './provoke.ts';
import { ACCESS_TOKEN_B2B_TRIGGERS } from './triggers-auth.ts';
import { BANK_ACCOUNT_INQUIRY_TRIGGERS, TRANSFER_TO_BANK_STATUS_TRIGGERS, TRANSFER_TO_BANK_TRIGGERS } from './triggers-disbursement-to-bank.ts';
import { DANA_ACCOUNT_INQUIRY_TRIGGERS, TOP_UP_STATUS_TRIGGERS, TRANSFER_TO_DANA_TRIGGERS } from './triggers-disbursement-to-dana.ts';
import { BNI_DEPOSIT_TOP_UP_TRIGGERS, QUERY_MERCHANT_RESOURCE_TRIGGERS } from './triggers-merchant.ts';
import { CREATE_ORDER_TRIGGERS, QUERY_PAYMENT_TRIGGERS } from './triggers-payment-gateway.ts';
import { VA_INQUIRY_TRIGGERS, VA_PAYMENT_TRIGGERS } from './triggers-virtual-account.ts';

/** How the catalogue test provokes every code of every endpoint, by contract key and result key. */
export const TRIGGERS: Readonly<Record<string, Provocations>> = {
  queryMerchantResource: QUERY_MERCHANT_RESOURCE_TRIGGERS,
  danaAccountInquiry: DANA_ACCOUNT_INQUIRY_TRIGGERS,
  transferToDana: TRANSFER_TO_DANA_TRIGGERS,
  transferToDanaInquiryStatus: TOP_UP_STATUS_TRIGGERS,
  bankAccountInquiry: BANK_ACCOUNT_INQUIRY_TRIGGERS,
  transferToBank: TRANSFER_TO_BANK_TRIGGERS,
  transferToBankInquiryStatus: TRANSFER_TO_BANK_STATUS_TRIGGERS,
  accessTokenB2b: ACCESS_TOKEN_B2B_TRIGGERS,
  vaInquiry: VA_INQUIRY_TRIGGERS,
  vaPayment: VA_PAYMENT_TRIGGERS,
  bniDepositTopUp: BNI_DEPOSIT_TOP_UP_TRIGGERS,
  createOrder: CREATE_ORDER_TRIGGERS,
  queryPayment: QUERY_PAYMENT_TRIGGERS,
};
