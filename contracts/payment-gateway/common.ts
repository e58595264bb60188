// Payment Gateway (only what the disbursement product's mandatory "finish notify" cases need:
// create order, query it, Finish Notify). Facts from DANA's UAT fixture PaymentGateway.json.

/** `validUpTo` may lie at most this far ahead (and not in the past); also the default when absent. */
export const MAX_ORDER_VALIDITY_MS = 30 * 60 * 1000;

/** Order statuses as the query reports them (latestTransactionStatus + DANA's upper-case description). */
export const ORDER_STATUS = {
  INIT: { code: '01', description: 'INIT' },
  SUCCESS: { code: '00', description: 'SUCCESS' },
  CANCELLED: { code: '05', description: 'CANCELLED' },
} as const;

export const PAY_METHODS = [
  'BALANCE',
  'COUPON',
  'NET_BANKING',
  'CREDIT_CARD',
  'DEBIT_CARD',
  'VIRTUAL_ACCOUNT',
  'OTC',
  'DIRECT_DEBIT_CREDIT_CARD',
  'DIRECT_DEBIT_DEBIT_CARD',
  'ONLINE_CREDIT',
  'LOAN_CREDIT',
  'NETWORK_PAY',
  'CARD',
] as const;

/** Finish Notify (webhooks.md section 5), to the order's NOTIFICATION url, signed with DANA's key. */
export const FINISH_NOTIFY = { kind: 'finishNotify', serviceCode: '56' } as const;
