import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { ID_TYPES, MERCHANT_ID, MERCHANT_MANAGEMENT_RESULT_KEYS } from './common.ts';

// Query Division (payment-gateway.md 12.3; DANA page query-division, 3 s; the page labels it "SNAP
// API" but shows the Open API envelope, which is what the SDKs send). divisionId holds the DANA id
// (INNER_ID, at most 21) or the merchant's externalDivisionId (EXTERNAL_ID, at most 64); merchantId is
// required with EXTERNAL_ID. Both conditions are checked by the handler. An unknown division is
// PARAM_ILLEGAL divisionId (DANA's code is not documented).
export const queryDivision = {
  key: 'queryDivision',
  title: 'Query Division',
  envelope: 'open-api',
  function: 'dana.merchant.division.queryDivision',
  paths: ['/dana/merchant/division/queryDivision.htm'],
  timeoutMs: 3000,
  request: {
    merchantId: optional.string({ minLength: 21, maxLength: 21, pattern: MERCHANT_ID }),
    divisionId: mandatory.string({ maxLength: 64 }),
    divisionIdType: mandatory.string({ oneOf: ID_TYPES }),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
