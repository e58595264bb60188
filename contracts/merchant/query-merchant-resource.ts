import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory } from '../common/fields.ts';
import { OPEN_API_ENVELOPE_KEYS } from '../common/open-api.ts';

const MERCHANT_RESOURCE_TYPES = ['MERCHANT_AVAILABLE_BALANCE', 'MERCHANT_TOTAL_BALANCE', 'MERCHANT_DEPOSIT_BALANCE'] as const;
export type MerchantResourceType = (typeof MERCHANT_RESOURCE_TYPES)[number];

// Check Disbursement Account (merchant.md section 2). Open API envelope; HTTP 200 always, the
// outcome travels in resultInfo.
export const queryMerchantResource = {
  key: 'queryMerchantResource',
  title: 'Check Disbursement Account',
  envelope: 'open-api',
  function: 'dana.merchant.queryMerchantResource',
  // The bare path is what dana-node v1.2.0-v1.3.0 and dana-go v1.1.0 called.
  paths: ['/dana/merchant/queryMerchantResource.htm', '/merchant/queryMerchantResource.htm'],
  timeoutMs: 8000,
  request: {
    requestMerchantId: mandatory.string({ minLength: 21, maxLength: 21, pattern: /^\d{21}$/ }),
    merchantResourceInfoList: mandatory.array(mandatory.string({ oneOf: MERCHANT_RESOURCE_TYPES }), { minItems: 1 }),
  },
  resultKeys: ['SUCCESS', 'PARAM_ILLEGAL', 'PARAM_MISSING', 'MERCHANT_NOT_EXIST', 'SYSTEM_ERROR', ...OPEN_API_ENVELOPE_KEYS],
} satisfies OpenApiEndpoint;
