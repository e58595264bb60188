import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { CUSTOMER_ADDITIONAL_INFO, CUSTOMER_RESULT_KEYS } from './b2b2c.ts';

// Widget Account Unbinding, SNAP service 09 (issue-17 facts section 3.7): ends the binding of the
// user the customer token names; every access and refresh token of that binding stops working.
// DANA's UAT sends literal `linkId`/`tokenId`/`subMerchantId` values, so they are echoed, not looked up.
export const accountUnbinding = {
  key: 'accountUnbinding',
  title: 'Widget Account Unbinding',
  envelope: 'snap',
  serviceCode: '09',
  paths: ['/v1.0/registration-account-unbinding.htm'],
  timeoutMs: 8000,
  request: {
    merchantId: mandatory.string({ maxLength: 64 }),
    subMerchantId: optional.string({ maxLength: 32 }),
    partnerReferenceNo: optional.string({ maxLength: 64 }),
    linkId: optional.string({ maxLength: 24 }),
    tokenId: optional.string({ maxLength: 128 }),
    additionalInfo: CUSTOMER_ADDITIONAL_INFO,
  },
  resultKeys: CUSTOMER_RESULT_KEYS,
} satisfies SnapEndpoint;
