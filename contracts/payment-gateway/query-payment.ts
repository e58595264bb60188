import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';

// Query Payment, SNAP service 55: the order's status (01 INIT, 00 SUCCESS, 05 CANCELLED).
export const queryPayment = {
  key: 'queryPayment',
  title: 'Payment Gateway Query Payment',
  envelope: 'snap',
  serviceCode: '55',
  // Widget orders are the same records: the SDK's widget query uses /rest/v1.1/debit/status, DANA's UAT
  // the .htm path (issue-17 facts section 3.3).
  paths: ['/payment-gateway/v1.0/debit/status.htm', '/v1.0/debit/status.htm', '/rest/v1.1/debit/status'],
  timeoutMs: 8000,
  request: {
    originalPartnerReferenceNo: optional.string({ maxLength: 64, mandatoryUnless: ['originalReferenceNo'] }),
    originalReferenceNo: optional.string({ maxLength: 64 }),
    originalExternalId: optional.string({ maxLength: 36 }),
    // The UAT sends `AZ` and gets 5005501; that quirk is a sandbox rule, so any two characters pass here.
    serviceCode: mandatory.string({ maxLength: 2 }),
    transactionDate: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    amount: optional.money({ namedErrors: true }),
    merchantId: mandatory.string({ maxLength: 64 }),
    subMerchantId: optional.string({ maxLength: 32 }),
    externalStoreId: optional.string({ maxLength: 64 }),
    additionalInfo: optional.object(),
  },
  resultKeys: ['SUCCESS', 'TRANSACTION_NOT_FOUND', 'INVALID_MERCHANT', ...SNAP_COMMON_KEYS],
  echoOnError: ['originalPartnerReferenceNo'],
} satisfies SnapEndpoint;
