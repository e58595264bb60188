import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS } from './common.ts';

// Transfer to Bank, SNAP service 43 (disbursement.md section 8). `needNotify: true` makes the
// transfer asynchronous: 2024300 now, a Transfer to Bank Notify when it completes.
export const transferToBank = {
  key: 'transferToBank',
  title: 'Transfer to Bank',
  envelope: 'snap',
  serviceCode: '43',
  paths: ['/v1.0/emoney/transfer-bank.htm'],
  timeoutMs: 8000,
  request: {
    // Optional in the SDK models, but it is the idempotency and status-lookup key, so DANA needs it.
    partnerReferenceNo: mandatory.string({ maxLength: 64 }),
    customerNumber: mandatory.string({ maxLength: 32 }),
    accountType: optional.string({ maxLength: 25 }),
    beneficiaryAccountNumber: mandatory.string({ maxLength: 32 }),
    beneficiaryBankCode: mandatory.string({ maxLength: 8 }),
    amount: mandatory.money(),
    additionalInfo: mandatory.object({
      fundType: mandatory.string({ maxLength: 64 }),
      externalDivisionId: optional.string({ maxLength: 64 }),
      chargeTarget: optional.string({ maxLength: 64 }),
      needNotify: optional.boolean(),
      beneficiaryAccountName: optional.string({ maxLength: 64 }),
      accessToken: optional.string({ maxLength: 512 }),
    }),
  },
  resultKeys: [
    'SUCCESS',
    'IN_PROGRESS',
    'SUSPECTED_FRAUD',
    'INSUFFICIENT_FUNDS',
    'INACTIVE_ACCOUNT',
    'INVALID_ACCOUNT',
    'INVALID_MERCHANT',
    'INCONSISTENT_REQUEST',
    ...SNAP_COMMON_KEYS,
  ],
  messages: { SUCCESS: 'Success' },
  echoOnError: ['partnerReferenceNo'],
  asynchronous: true,
  idempotency: {
    family: 'transferToBank',
    keyField: 'partnerReferenceNo',
    compare: [
      'customerNumber',
      'beneficiaryAccountNumber',
      'beneficiaryBankCode',
      'amount',
      'additionalInfo.fundType',
      'additionalInfo.needNotify',
      'additionalInfo.accessToken',
    ],
  },
} satisfies SnapEndpoint;
