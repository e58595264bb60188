import type { EndpointContract } from './common/endpoint.ts';
import { accountInquiry, bankAccountInquiry, topUp, topUpStatus, transferToBank, transferToBankStatus } from './disbursement/index.ts';
import { queryMerchantResource } from './merchant/index.ts';
import { b2bAccessToken } from './auth/b2b-token.ts';
import { bniDepositTopUp } from './merchant/bni-deposit-topup.ts';
import { createOrder, queryPayment } from './payment-gateway/index.ts';
import { vaInquiry, vaPayment } from './virtual-account/index.ts';

/** Every endpoint the simulator serves, for tests and tooling that iterate over all of them. */
export const ENDPOINTS: readonly EndpointContract[] = [
  queryMerchantResource,
  accountInquiry,
  topUp,
  topUpStatus,
  bankAccountInquiry,
  transferToBank,
  transferToBankStatus,
  b2bAccessToken,
  vaInquiry,
  vaPayment,
  bniDepositTopUp,
  createOrder,
  queryPayment,
];

export * from './response-codes.ts';
export type * from './common/endpoint.ts';
