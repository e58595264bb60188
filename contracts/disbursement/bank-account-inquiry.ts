import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { SNAP_COMMON_KEYS } from './common.ts';

// Transfer to Bank Account Inquiry, SNAP service 42 (disbursement.md section 7). The bank code sits
// inside additionalInfo here, at the top level in Transfer to Bank.
export const bankAccountInquiry = {
  key: 'bankAccountInquiry',
  title: 'Transfer to Bank Account Inquiry',
  envelope: 'snap',
  serviceCode: '42',
  paths: ['/v1.0/emoney/bank-account-inquiry.htm'],
  timeoutMs: 8000,
  request: {
    partnerReferenceNo: optional.string({ maxLength: 64 }),
    customerNumber: mandatory.string({ maxLength: 32 }),
    beneficiaryAccountNumber: mandatory.string({ maxLength: 32 }),
    amount: mandatory.money(),
    additionalInfo: mandatory.object({
      fundType: mandatory.string({ maxLength: 64 }),
      externalDivisionId: optional.string({ maxLength: 64 }),
      chargeTarget: optional.string({ maxLength: 64 }),
      beneficiaryBankCode: mandatory.string({ maxLength: 8 }),
      beneficiaryAccountName: optional.string({ maxLength: 64 }),
      accountType: optional.string({ maxLength: 64 }),
      accessToken: optional.string({ maxLength: 512 }),
    }),
  },
  resultKeys: [
    'SUCCESS',
    'INSUFFICIENT_FUNDS',
    'INACTIVE_ACCOUNT',
    'SUSPECTED_FRAUD',
    'INVALID_MERCHANT',
    'INVALID_ACCOUNT',
    ...SNAP_COMMON_KEYS,
  ],
  messages: { SUCCESS: 'Success' },
  echoOnError: ['partnerReferenceNo'],
} satisfies SnapEndpoint;
