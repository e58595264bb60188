import type { EndpointContract } from './common/endpoint.ts';
import { accountInquiry, topUp, topUpStatus } from './disbursement/index.ts';
import { queryMerchantResource } from './merchant/index.ts';

/** Every endpoint the simulator serves, for tests and tooling that iterate over all of them. */
export const ENDPOINTS: readonly EndpointContract[] = [queryMerchantResource, accountInquiry, topUp, topUpStatus];

export * from './response-codes.ts';
export type * from './common/endpoint.ts';
