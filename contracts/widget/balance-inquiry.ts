import type { SnapEndpoint } from '../common/endpoint.ts';
import { optional } from '../common/fields.ts';
import { CUSTOMER_ADDITIONAL_INFO, CUSTOMER_RESULT_KEYS } from './b2b2c.ts';

// Widget Balance Inquiry, SNAP service 11 (issue-17 facts section 3.6): the bound user's DANA
// balance, straight from the ledger. Only `BALANCE` exists in a DANA account.
export const balanceInquiry = {
  key: 'balanceInquiry',
  title: 'Widget Balance Inquiry',
  envelope: 'snap',
  serviceCode: '11',
  paths: ['/v1.0/balance-inquiry.htm'],
  timeoutMs: 3000,
  request: {
    partnerReferenceNo: optional.string({ maxLength: 64 }),
    balanceTypes: optional.array(optional.string({ maxLength: 70, oneOf: ['BALANCE'] })),
    additionalInfo: CUSTOMER_ADDITIONAL_INFO,
  },
  // DANA's sandbox user 0855100800 answers Do Not Honor (contracts/widget/sandbox-users.ts).
  resultKeys: [...CUSTOMER_RESULT_KEYS, 'DO_NOT_HONOR'],
  echoOnError: ['partnerReferenceNo'],
} satisfies SnapEndpoint;
