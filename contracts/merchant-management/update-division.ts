import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import {
  ADDRESS,
  DIVISION_TYPES,
  ID_TYPES,
  MERCHANT_ID,
  MERCHANT_MANAGEMENT_RESULT_KEYS,
  OWNER_FIELDS,
  SIZE_TYPES,
  TRUE_FALSE,
} from './common.ts';

// Update Division (payment-gateway.md 12.3; DANA page update-division, 3 s). The division is named
// by divisionIdType: INNER_ID with divisionId (at most 21), EXTERNAL_ID with externalDivisionId;
// the one the type needs is required (checked by the handler, as the field language cannot say
// "required when another field is X").
//
// Left open by DANA and decided here:
// - newExternalDivisionId is required (SDK models) and becomes the division's external id; the same
//   value keeps it; one another division of the merchant uses is PARAM_ILLEGAL newExternalDivisionId.
// - Fields sent replace the stored ones; optional fields left out keep their value.
// - An unknown division is PARAM_ILLEGAL divisionId (DANA's code is not documented).
export const updateDivision = {
  key: 'updateDivision',
  title: 'Update Division',
  envelope: 'open-api',
  function: 'dana.merchant.division.updateDivision',
  paths: ['/dana/merchant/division/updateDivision.htm'],
  timeoutMs: 3000,
  request: {
    merchantId: mandatory.string({ minLength: 21, maxLength: 21, pattern: MERCHANT_ID }),
    divisionId: optional.string({ maxLength: 21 }),
    divisionName: mandatory.string({ maxLength: 256 }),
    divisionAddress: mandatory.object(ADDRESS),
    divisionDescription: optional.string({ maxLength: 1024 }),
    divisionType: mandatory.string({ oneOf: DIVISION_TYPES }),
    divisionIdType: mandatory.string({ oneOf: ID_TYPES }),
    externalDivisionId: optional.string({ maxLength: 64 }),
    newExternalDivisionId: mandatory.string({ maxLength: 64 }),
    logoUrlMap: optional.object(),
    mccCodes: mandatory.array(mandatory.string({ maxLength: 64 })),
    extInfo: mandatory.object(),
    apiVersion: optional.string({ maxLength: 8 }),
    ...OWNER_FIELDS,
    businessEndDate: optional.string({ maxLength: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ }),
    sizeType: optional.string({ oneOf: SIZE_TYPES }),
    pgDivisionFlag: optional.string({ oneOf: TRUE_FALSE }),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
