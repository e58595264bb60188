import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import { CUSTOMER_NO, PARTNER_SERVICE_ID, VA_MESSAGES, VIRTUAL_ACCOUNT_NO } from './common.ts';

// VA Inquiry, SNAP service 24, bank -> DANA (virtual-account.md section 4). A successful inquiry
// opens the 5-minute window for its payment.
export const vaInquiry = {
  key: 'vaInquiry',
  title: 'Virtual Account Inquiry',
  envelope: 'snap',
  serviceCode: '24',
  audience: 'bank',
  paths: ['/v1.0/transfer-va/inquiry.htm'],
  timeoutMs: 8000,
  request: {
    partnerServiceId: mandatory.string({ minLength: 8, maxLength: 8, pattern: PARTNER_SERVICE_ID }),
    customerNo: mandatory.string({ maxLength: 20, pattern: CUSTOMER_NO }),
    virtualAccountNo: mandatory.string({ maxLength: 28, pattern: VIRTUAL_ACCOUNT_NO }),
    trxDateInit: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    channelCode: optional.number({ max: 9999 }),
    amount: mandatory.money(),
    language: optional.string({ maxLength: 2 }),
    hashedSourceAccountNo: optional.string({ maxLength: 32 }),
    sourceBankCode: optional.string({ maxLength: 3 }),
    passApp: optional.string({ maxLength: 64 }),
    inquiryRequestId: mandatory.string({ maxLength: 64 }),
    additionalInfo: optional.object(),
  },
  resultKeys: [
    'SUCCESS',
    'INVALID_BILL',
    'INVALID_AMOUNT',
    'PAID_BILL',
    'EXPIRED_BILL',
    'EXCEEDS_AMOUNT_LIMIT',
    'INCONSISTENT_REQUEST',
    ...SNAP_COMMON_KEYS,
  ],
  messages: VA_MESSAGES,
  echoOnError: ['inquiryRequestId'],
  idempotency: { family: 'vaInquiry', keyField: 'inquiryRequestId', compare: ['virtualAccountNo', 'amount'], recordFailures: false },
} satisfies SnapEndpoint;
