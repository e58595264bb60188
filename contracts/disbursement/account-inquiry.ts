import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS, customerNumber, topUpAdditionalInfo, transactionDate } from './common.ts';

// DANA Account Inquiry, SNAP service 37 (disbursement.md section 4).
export const accountInquiry = {
  key: 'danaAccountInquiry',
  title: 'DANA Account Inquiry',
  envelope: 'snap',
  serviceCode: '37',
  paths: ['/v1.0/emoney/account-inquiry.htm', '/rest/v1.0/emoney/account-inquiry'],
  timeoutMs: 8000,
  request: {
    partnerReferenceNo: optional.string({ maxLength: 64 }),
    customerNumber,
    amount: mandatory.money(),
    transactionDate,
    additionalInfo: mandatory.object(topUpAdditionalInfo),
  },
  resultKeys: ['SUCCESS', 'EXCEEDS_AMOUNT_LIMIT', 'DO_NOT_HONOR', 'INVALID_CUSTOMER_TOKEN', ...SNAP_COMMON_KEYS],
  // DANA echoes the inquired customer on its Do Not Honor replies (sandbox-magic-values.md section 2).
  echoOnError: ['partnerReferenceNo', 'customerNumber'],
} satisfies SnapEndpoint;
