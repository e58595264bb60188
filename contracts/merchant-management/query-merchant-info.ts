import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { MERCHANT_MANAGEMENT_RESULT_KEYS } from './common.ts';

const LOGIN_TYPES = ['ROLE', 'MOBILE_NO'] as const;

/** Account types of merchantInformation.accounts (dana-python MerchantAccountInfo). */
export const MERCHANT_ACCOUNT_TYPES = ['MERCHANT_SETTLEMENT_ACCOUNT', 'MERCHANT_PAYABLE_ACCOUNT', 'MERCHANT_DEPOSIT_ACCOUNT'] as const;
export type MerchantAccountType = (typeof MERCHANT_ACCOUNT_TYPES)[number];

// Query Merchant Info (merchant.md section 3; payment-gateway.md 12.5). DANA's UAT disbursement
// setup calls it with roleId = MERCHANT_ID, loginType ROLE, isQueryAccount true and reads the
// MERCHANT_DEPOSIT_ACCOUNT amount. DANA publishes no timeout for it; 8 s as for queryMerchantResource.
// roleId's length is not documented; 64 is the longest login id DANA uses elsewhere.
export const queryMerchantInfo = {
  key: 'queryMerchantInfo',
  title: 'Query Merchant Info',
  envelope: 'open-api',
  function: 'dana.ap.bizprod.biz.service.openapi.merchant.queryMerchantInfo',
  paths: ['/dana/member/merchant/queryMerchantInfo.htm'],
  timeoutMs: 8000,
  request: {
    roleId: mandatory.string({ maxLength: 64 }),
    loginType: mandatory.string({ oneOf: LOGIN_TYPES }),
    isQueryAccount: optional.boolean(),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
