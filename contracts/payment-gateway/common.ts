// Payment Gateway: create, query, cancel and refund orders, consult pay, Finish Notify. Facts from
// DANA's UAT fixture PaymentGateway.json and the SDK models; choices where DANA is silent are in
// contracts/README.md ("Payment Gateway cancel and refund").

/** `validUpTo` may lie at most this far ahead (and not in the past); also the default when absent. */
export const MAX_ORDER_VALIDITY_MS = 30 * 60 * 1000;

/** Order statuses as the query reports them (latestTransactionStatus + DANA's upper-case description). */
export const ORDER_STATUS = {
  INIT: { code: '01', description: 'INIT' },
  PAYING: { code: '02', description: 'PAYING' },
  SUCCESS: { code: '00', description: 'SUCCESS' },
  CANCELLED: { code: '05', description: 'CANCELLED' },
} as const;

/**
 * How long after payment a refund (or the cancel of a paid order) is accepted, on the simulator clock.
 * DANA publishes no window; 45 days is what payment aggregators state for DANA. Past it: 4035815.
 */
export const REFUND_WINDOW_MS = 45 * 24 * 60 * 60 * 1000;

/**
 * The externalStoreId DANA's UAT QRIS case sends when EXTERNAL_SHOP_ID is not configured; every
 * merchant starts with a shop of this externalShopId so that case passes out of the box.
 */
export const UAT_EXTERNAL_SHOP_ID = 'default_external_shop_id';

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
