import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS, customerNumber, topUpAdditionalInfo, transactionDate } from './common.ts';

// Customer Top Up (transfer to DANA balance), SNAP service 38 (disbursement.md section 5).
export const topUp = {
  key: 'transferToDana',
  title: 'Customer Top Up',
  envelope: 'snap',
  serviceCode: '38',
  paths: ['/v1.0/emoney/topup.htm', '/rest/v1.0/emoney/topup'],
  timeoutMs: 8000,
  request: {
    partnerReferenceNo: mandatory.string({ maxLength: 64 }),
    customerNumber,
    amount: mandatory.money(),
    feeAmount: mandatory.money(),
    transactionDate,
    sessionId: optional.string({ maxLength: 25 }),
    categoryId: optional.number({ max: 9999999999 }),
    notes: optional.string({ maxLength: 255 }),
    additionalInfo: mandatory.object(topUpAdditionalInfo),
  },
  resultKeys: [
    'SUCCESS',
    'EXCEEDS_AMOUNT_LIMIT',
    'DO_NOT_HONOR',
    'INSUFFICIENT_FUNDS',
    'INACTIVE_ACCOUNT',
    'INCONSISTENT_REQUEST',
    'INVALID_CUSTOMER_TOKEN',
    ...SNAP_COMMON_KEYS,
  ],
  echoOnError: ['partnerReferenceNo'],
  idempotency: {
    family: 'topUp',
    keyField: 'partnerReferenceNo',
    // DANA: a retry is "the same" when amount and payee match; the fee and fund type are part of
    // what the merchant is charged, so they are compared too.
    compare: [
      'customerNumber',
      'amount',
      'feeAmount',
      'additionalInfo.fundType',
      'additionalInfo.accessToken',
      'additionalInfo.customerId',
    ],
    // DANA's top-up page: a retry of a request that was created and failed gets General Error.
    failedReplay: 'general-error',
  },
} satisfies SnapEndpoint;
