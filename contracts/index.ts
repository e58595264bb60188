import type { EndpointContract } from './common/endpoint.ts';
import { accountInquiry, bankAccountInquiry, topUp, topUpStatus, transferToBank, transferToBankStatus } from './disbursement/index.ts';
import { queryMerchantResource } from './merchant/index.ts';

/** Every endpoint the simulator serves, for tests and tooling that iterate over all of them. */
export const ENDPOINTS: readonly EndpointContract[] = [queryMerchantResource, accountInquiry, topUp, topUpStatus, bankAccountInquiry, transferToBank, transferToBankStatus];

export * from './response-codes.ts';
export type * from './common/endpoint.ts';
