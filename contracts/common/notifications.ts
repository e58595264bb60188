// How DANA delivers every outbound call (notifications to merchants, callbacks to banks): the
// answer's timeout and the retry schedule (webhooks.md).

/**
 * Delivery attempts after the first, in seconds. DANA's own schedule is not documented; this is the
 * schedule DANA asks merchants to use for their retries (5, 10, 20, 40, 60 s).
 */
export const NOTIFY_RETRY_SCHEDULE_S = [5, 10, 20, 40, 60] as const;

/** DANA's documented expected timeout for the receiver's answer (Transfer to Bank Notify's). */
export const NOTIFY_TIMEOUT_MS = 8000;
