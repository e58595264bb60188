import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { ID_TYPES, MERCHANT_ID, MERCHANT_MANAGEMENT_RESULT_KEYS } from './common.ts';

// Query Shop (payment-gateway.md 12.2; DANA page query-shop, 3 s). merchantId is required with
// EXTERNAL_ID (DANA: conditional), checked by the handler. A shop is only ever found among the
// calling merchant's shops; an unknown one is PARAM_ILLEGAL shopId (DANA's code is not documented).
export const queryShop = {
  key: 'queryShop',
  title: 'Query Shop',
  envelope: 'open-api',
  function: 'dana.merchant.shop.queryShop',
  paths: ['/dana/merchant/shop/queryShop.htm'],
  timeoutMs: 3000,
  request: {
    merchantId: optional.string({ minLength: 21, maxLength: 21, pattern: MERCHANT_ID }),
    shopId: mandatory.string({ maxLength: 64 }),
    shopIdType: mandatory.string({ oneOf: ID_TYPES }),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
