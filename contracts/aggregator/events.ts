// Webhook events, their signature and their delivery (docs.wooshpay.com doc-2653815, doc-2517709).

/** Event types the simulator emits: WooshPay's documented payment and refund events plus Stripe's checkout pair. */
export const EVENT_TYPES = [
  'payment_intent.created',
  'payment_intent.requires_action',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'charge.refund.updated',
  'checkout.session.completed',
  'checkout.session.expired',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** `Wooshpay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'Wooshpay-Signature';

/** How far a signature's timestamp may lie from now; WooshPay is silent, Stripe's libraries use 300 s. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * Retries after the first delivery, in seconds. WooshPay: "18 deliveries in 72 hours" with exponential
 * back-off; the exact steps are ours: doubling from one minute, then flat, summing to exactly 72 h.
 */
export const EVENT_RETRY_SCHEDULE_S = [
  60, 120, 240, 480, 960, 1920, 3600, 7200, 14400, 21600, 28800, 28800, 28800, 28800, 28800, 28800, 35820,
] as const;

/** First attempt plus the retries. */
export const EVENT_DELIVERY_ATTEMPTS = EVENT_RETRY_SCHEDULE_S.length + 1;
