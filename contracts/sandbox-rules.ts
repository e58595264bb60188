import type { RuleSpec } from './common/rule.ts';

// DANA's sandbox magic values (sandbox-magic-values.md sections 2-7 and 11) as the default rule set.
// They are data: `dana-sim fault list --defaults` prints them, `--no-sandbox-rules` switches them
// off, and user rules are evaluated before them. Header, format and ledger outcomes of the UAT
// (invalid signature, USD currency, missing fields, Insufficient Fund, the balance cap, inconsistent
// retries) are not here: the simulator produces those from real checks.

const customer = (value: string) => [{ field: 'customerNumber', op: 'eq', value }] as const;
const account = (value: string) => [{ field: 'beneficiaryAccountNumber', op: 'eq', value }] as const;

export const SANDBOX_RULES: readonly RuleSpec[] = [
  {
    id: 'sandbox.inquiry.frozen',
    description: 'InquiryCustomerFrozenAccount: a frozen DANA user',
    endpoint: 'danaAccountInquiry',
    when: customer('628123456667'),
    effect: { result: 'DO_NOT_HONOR', fields: { 'additionalInfo.resultMsg': 'PAYEE_USER_STATUS_DISABLE' } },
  },
  {
    id: 'sandbox.inquiry.unregistered',
    description: 'InquiryCustomerUnregisteredAccount: no DANA user with this number',
    endpoint: 'danaAccountInquiry',
    when: customer('628152768647'),
    effect: { result: 'DO_NOT_HONOR', fields: { 'additionalInfo.resultMsg': 'PAYEE_USER_NOT_EXIST' } },
  },
  {
    id: 'sandbox.inquiry.amount-limit',
    description: 'InquiryCustomerExceededLimit: in sandbox, amount.value must not exceed 20000000',
    endpoint: 'danaAccountInquiry',
    when: [{ field: 'amount.value', op: 'gt', value: 20000000 }],
    effect: { result: 'EXCEEDS_AMOUNT_LIMIT' },
  },
  {
    id: 'sandbox.topup.frozen',
    description: 'TopUpCustomerFrozenAccount',
    endpoint: 'transferToDana',
    when: customer('628996647679'),
    effect: { result: 'DO_NOT_HONOR' },
  },
  {
    id: 'sandbox.topup.internal-server-error',
    description: 'TopUpCustomerInternalServerError',
    endpoint: 'transferToDana',
    when: customer('628551008794'),
    effect: { result: 'INTERNAL_SERVER_ERROR' },
  },
  {
    id: 'sandbox.topup.general-error',
    description: 'TopUpCustomerInternalGeneralError',
    endpoint: 'transferToDana',
    when: customer('628121111111'),
    effect: { result: 'GENERAL_ERROR' },
  },
  {
    id: 'sandbox.topup.timeout',
    description: 'TopUpCustomerTimeout: the reply arrives after the client has given up (then the top up succeeds)',
    endpoint: 'transferToDana',
    when: customer('628551005454'),
    // The UAT fixture still expects 2003800: DANA's sandbox answers, but only after the client gave up.
    effect: { delayMs: 'client-timeout' },
  },
  {
    id: 'sandbox.bank-inquiry.inactive',
    description: 'InquiryBankAccountInactiveAccount',
    endpoint: 'bankAccountInquiry',
    when: account('81298055132'),
    effect: { result: 'INACTIVE_ACCOUNT' },
  },
  {
    id: 'sandbox.bank-inquiry.invalid-card',
    description: 'InquiryBankAccountInvalidCard',
    endpoint: 'bankAccountInquiry',
    when: account('815919191'),
    effect: { result: 'INVALID_ACCOUNT' },
  },
  {
    id: 'sandbox.bank-inquiry.invalid-merchant',
    description: 'InquiryBankAccountInvalidMerchant (DANA names the merchant by customerNumber)',
    endpoint: 'bankAccountInquiry',
    when: customer('0855100800'),
    effect: { result: 'INVALID_MERCHANT' },
  },
  {
    id: 'sandbox.transfer.fraud',
    description: 'DisbursementBankSuspectedFraud',
    endpoint: 'transferToBank',
    when: account('82298055100'),
    effect: { result: 'SUSPECTED_FRAUD' },
  },
  {
    id: 'sandbox.transfer.general-error',
    description: 'DisbursementBankGeneralError',
    endpoint: 'transferToBank',
    when: account('8121111111'),
    effect: { result: 'GENERAL_ERROR' },
  },
  {
    id: 'sandbox.transfer.internal-server-error',
    description: 'DisbursementBankUnknownError',
    endpoint: 'transferToBank',
    when: account('8551008794'),
    effect: { result: 'INTERNAL_SERVER_ERROR' },
  },
  {
    id: 'sandbox.transfer.inactive',
    description: 'DisbursementBankInactiveAccount',
    endpoint: 'transferToBank',
    when: account('81398055100'),
    effect: { result: 'INACTIVE_ACCOUNT' },
  },
  {
    id: 'sandbox.query-payment.service-code',
    description: "QueryPaymentGeneralError: a serviceCode other than 54 gets Internal Server Error in DANA's sandbox",
    endpoint: 'queryPayment',
    when: [{ field: 'serviceCode', op: 'ne', value: '54' }],
    effect: { result: 'INTERNAL_SERVER_ERROR' },
  },
];
