import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { CUSTOMER_ADDITIONAL_INFO, CUSTOMER_RESULT_KEYS } from './b2b2c.ts';

// Widget Apply OTT, SNAP service 49 (issue-17 facts section 3.1): a one-time token (OTT) for the user
// the customer token names, which logs that user in on a Widget order's payment page
// (`webRedirectUrl&ott=<value>`). `OTT` is the only resource: any other is 4004901 "Invalid Field
// Format userResources", answered by the handler so the message names the field, not an item of it.
export const applyOTT = {
  key: 'applyOTT',
  title: 'Widget Apply OTT',
  envelope: 'snap',
  serviceCode: '49',
  paths: ['/rest/v1.1/qr/apply-ott'],
  timeoutMs: 8000,
  request: {
    userResources: mandatory.array(optional.string({ maxLength: 32 }), { minItems: 1 }),
    additionalInfo: CUSTOMER_ADDITIONAL_INFO,
  },
  // DANA's sandbox users answer Do Not Honor, General Error, Internal Server Error (contracts/sandbox-rules.ts).
  resultKeys: [...CUSTOMER_RESULT_KEYS, 'DO_NOT_HONOR'],
} satisfies SnapEndpoint;
