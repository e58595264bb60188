// Transfer to Bank Notify (webhooks.md sections 1-4): DANA -> merchant when an asynchronous transfer
// reaches a result. Path relative to the merchant's base URL; signed with DANA's key (scheme F).
export const TRANSFER_TO_BANK_NOTIFY = {
  kind: 'transferToBankNotify',
  path: '/v1.0/debit/emoney/transfer-bank/notify.htm',
  serviceCode: '43',
} as const;

/**
 * Delivery attempts after the first, in seconds. DANA's own schedule is not documented; this is the
 * schedule DANA asks merchants to use for their retries (5, 10, 20, 40, 60 s).
 */
export const NOTIFY_RETRY_SCHEDULE_S = [5, 10, 20, 40, 60] as const;

/** DANA's documented expected timeout for the merchant's answer. */
export const NOTIFY_TIMEOUT_MS = 8000;
