import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import { CUSTOMER_NO, PARTNER_SERVICE_ID, VA_MESSAGES, VIRTUAL_ACCOUNT_NO } from './common.ts';

// Payment VA, SNAP service 25, bank -> DANA (virtual-account.md section 5). Credits the DANA user,
// funded from the bank's settlement account. Idempotent on paymentRequestId.
export const vaPayment = {
  key: 'vaPayment',
  title: 'Payment Virtual Account',
  envelope: 'snap',
  serviceCode: '25',
  audience: 'bank',
  paths: ['/v1.0/transfer-va/payment.htm'],
  timeoutMs: 8000,
  request: {
    partnerServiceId: mandatory.string({ minLength: 8, maxLength: 8, pattern: PARTNER_SERVICE_ID }),
    customerNo: mandatory.string({ maxLength: 20, pattern: CUSTOMER_NO }),
    virtualAccountNo: mandatory.string({ maxLength: 28, pattern: VIRTUAL_ACCOUNT_NO }),
    virtualAccountName: mandatory.string({ maxLength: 255 }),
    virtualAccountEmail: optional.string({ maxLength: 255 }),
    virtualAccountPhone: optional.string({ maxLength: 30 }),
    trxId: optional.string({ maxLength: 64 }),
    paymentRequestId: mandatory.string({ maxLength: 64 }),
    channelCode: optional.number({ max: 9999 }),
    hashedSourceAccountNo: optional.string({ maxLength: 32 }),
    sourceBankCode: optional.string({ maxLength: 3 }),
    paidAmount: mandatory.money(),
    cumulativePaymentAmount: optional.money(),
    paidBills: optional.string({ maxLength: 6 }),
    totalAmount: optional.money(),
    trxDateTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    referenceNo: optional.string({ maxLength: 64 }),
    journalNum: optional.string({ maxLength: 6 }),
    paymentType: optional.string({ maxLength: 1 }),
    flagAdvise: optional.string({ maxLength: 1 }),
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
  echoOnError: ['paymentRequestId'],
  idempotency: {
    family: 'vaPayment',
    keyField: 'paymentRequestId',
    compare: ['virtualAccountNo', 'paidAmount', 'trxId'],
    amountField: 'paidAmount',
    recordFailures: false,
  },
} satisfies SnapEndpoint;
