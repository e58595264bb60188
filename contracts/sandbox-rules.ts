import type { RuleSpec } from './common/rule.ts';

// DANA's sandbox magic values (sandbox-magic-values.md sections 2-7 and 11) as the default rule set.
// They are data: `dana-sim fault list --defaults` prints them, `--no-sandbox-rules` switches them
// off, and user rules are evaluated before them. Header, format and ledger outcomes of the UAT
// (invalid signature, USD currency, missing fields, Insufficient Fund, the balance cap, inconsistent
// retries) are not here: the simulator produces those from real checks.

const customer = (value: string) => [{ field: 'customerNumber', op: 'eq', value }] as const;
const account = (value: string) => [{ field: 'beneficiaryAccountNumber', op: 'eq', value }] as const;
const order = (value: string) => [{ field: 'originalPartnerReferenceNo', op: 'eq', value }] as const;
const refund = (value: string) => [{ field: 'refundAmount.value', op: 'eq', value }] as const;

// Payment Gateway cancel and refund (UAT fixture PaymentGateway.json): a magic order reference or
// refund amount wins over the order's lookup, state and the refund's idempotency key. The 202 cases
// are completion rules: answered in progress, and the cancel or refund never takes effect (DANA
// documents no follow-up). A 202 refund carries refundAmount, which the SDK's reply model requires.
/** `IN_PROGRESS` becomes a completion rule (202, nothing changes); rules cannot answer a success key. */
const pgEffect = (result: string, fields?: Readonly<Record<string, unknown>>) =>
  result === 'IN_PROGRESS' ? { completion: 'failed' as const } : { result, ...(fields ? { fields } : {}) };
const cancelCase = (value: string, description: string, result: string): RuleSpec => ({
  id: `sandbox.cancel-order.${value}`,
  description,
  endpoint: 'cancelOrder',
  when: order(value),
  effect: pgEffect(result),
});
const refundCase = (value: string, description: string, result: string): RuleSpec => ({
  id: `sandbox.refund-order.${value}`,
  description,
  endpoint: 'refundOrder',
  when: refund(value),
  effect: pgEffect(result, { refundAmount: { value, currency: 'IDR' } }),
});

// Widget Payment (UAT fixture Widget.json; 545400.00 from IPG.json): a magic amount answers its code
// and opens no order; 205502.00 opens the order PAYING (02), like Payment Gateway's.
const widgetCase = (value: string, description: string, result: string): RuleSpec => ({
  id: `sandbox.widget-payment.${value}`,
  description,
  endpoint: 'widgetPayment',
  when: [{ field: 'amount.value', op: 'eq', value }],
  effect: result === 'PAYING' ? { completion: 'failed' } : { result },
});

// Widget's sandbox users (UAT fixture Widget.json, IPG.json messages; issue-17 facts section 4): their
// customer token works, yet Balance Inquiry or Apply OTT answers a fixed code. The rule matches the
// customerNumber the request's customer token names, so a token of another user, or none, never fires it.
const widgetUser = (endpoint: string, customer: string, description: string, result: string): RuleSpec => ({
  id: `sandbox.${endpoint === 'applyOTT' ? 'apply-ott' : 'balance-inquiry'}.${customer}`,
  description,
  endpoint,
  customer,
  effect: { result },
});

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
  {
    id: 'sandbox.create-order.205502.00',
    description: 'an order of 205502.00 stays PAYING (02) until validUpTo closes it (Widget.json; PG query lists 02)',
    endpoint: 'createOrder',
    when: [{ field: 'amount.value', op: 'eq', value: '205502.00' }],
    effect: { completion: 'failed' },
  },
  widgetCase('205502.00', 'PaymentPaying: the order stays PAYING (02) until validUpTo closes it', 'PAYING'),
  widgetCase('435415.00', 'PaymentFailNotPermitted: Transaction Not Permitted', 'TRANSACTION_NOT_PERMITTED'),
  widgetCase('445408.00', 'PaymentFailMerchantNotExistOrStatusAbnormal: Invalid Merchant', 'INVALID_MERCHANT'),
  widgetCase('505400.00', 'PaymentFailGeneralError: General Error', 'GENERAL_ERROR'),
  widgetCase('505401.00', 'PaymentFailInternalServerError: Internal Server Error', 'INTERNAL_SERVER_ERROR'),
  widgetCase('21000000.00', 'PaymentFailExceedAmountLimit: Exceeds Transaction Amount Limit', 'EXCEEDS_AMOUNT_LIMIT'),
  widgetUser('balanceInquiry', '62855100800', 'user 0855100800 (PIN 146838): Do Not Honor', 'DO_NOT_HONOR'),
  widgetUser('balanceInquiry', '62815919191', 'user 0815919191: Invalid Customer Token', 'INVALID_CUSTOMER_TOKEN'),
  widgetUser('applyOTT', '628551003634', 'ApplyOttFailTokenExpired: user 08551003634 (PIN 574008)', 'CUSTOMER_TOKEN_EXPIRED'),
  widgetUser('applyOTT', '62855100800', 'ApplyOttCustomerAccountUserStatusAbnormal: user 0855100800', 'DO_NOT_HONOR'),
  widgetUser('applyOTT', '62815919191', 'ApplyOttFailNonRetryableError: user 0815919191', 'GENERAL_ERROR'),
  widgetUser('applyOTT', '6281298055132', 'ApplyOttFailInternalServerError: user 081298055132 (PIN 677832)', 'INTERNAL_SERVER_ERROR'),
  cancelCase('2025700', 'CancelOrderInProgress: 202 Request In Progress; the order stays as it is', 'IN_PROGRESS'),
  cancelCase('4035700', 'CancelOrderTransactionExpired: the cancel window has passed', 'TRANSACTION_EXPIRED'),
  cancelCase('4035705', 'CancelOrderUserStatusAbnormal / AccountStatusAbnormal', 'DO_NOT_HONOR'),
  cancelCase('4035714', "CancelOrderInsufficientFunds: the merchant's balance cannot cover the refund", 'INSUFFICIENT_FUNDS'),
  cancelCase('4035715', 'CancelOrderNotAllowed: not allowed by agreement', 'TRANSACTION_NOT_PERMITTED'),
  cancelCase('4045708', 'CancelOrderMerchantStatusAbnormal', 'INVALID_MERCHANT'),
  cancelCase('5005701', 'CancelOrderTimeout / RequestTimeout', 'INTERNAL_SERVER_ERROR'),
  refundCase('225800.00', 'RefundOrderInProgress / RefundOrderIdempotent: 202 Request In Progress; no money moves', 'IN_PROGRESS'),
  refundCase('435814.00', "RefundOrderInsufficientFunds: the merchant's balance cannot cover it", 'INSUFFICIENT_FUNDS'),
  refundCase('435815.00', 'RefundOrderNotAllowed: not allowed by agreement', 'TRANSACTION_NOT_PERMITTED'),
  refundCase('435816.00', 'legacy IPG: the refund window has passed', 'TRANSACTION_NOT_PERMITTED'),
  refundCase('435817.00', 'legacy IPG: multiple refunds not allowed', 'TRANSACTION_NOT_PERMITTED'),
  refundCase('445808.00', 'RefundOrderMerchantStatusAbnormal', 'INVALID_MERCHANT'),
  refundCase('505801.00', 'RefundOrderTimeout', 'INTERNAL_SERVER_ERROR'),
  refundCase('21000000.00', 'legacy IPG: more than the paid amount', 'EXCEEDS_AMOUNT_LIMIT'),
];
