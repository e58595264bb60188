// Aggregator (DANA through WooshPay's Stripe-shaped API): paths, hosts, id prefixes and limits.
// Facts from WooshPay's API Introduction and DANA page (doc-1763752, doc-2043383); where WooshPay is
// silent, Stripe's behaviour is followed and listed in README.md beside this file.

export const AGGREGATOR_PATHS = {
  paymentIntents: '/v1/payment_intents',
  checkoutSessions: '/v1/checkout/sessions',
  refunds: '/v1/refunds',
  webhookEndpoints: '/v1/webhook_endpoints',
  events: '/v1/events',
} as const;

/** WooshPay's test API host and hosted checkout host; the simulator answers on both. */
export const AGGREGATOR_API_HOST = 'apitest.wooshpay.com';
export const AGGREGATOR_CHECKOUT_HOST = 'checkouttest.wooshpay.com';

/** Object id prefixes (WooshPay examples; `re_` is Stripe's, WooshPay shows none for refunds). */
export const ID_PREFIXES = {
  paymentIntent: 'pi_',
  checkoutSession: 'cs_test_',
  refund: 're_',
  webhookEndpoint: 'we_',
  event: 'evt_',
  lineItem: 'li_',
  price: 'price_',
  product: 'prod_',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** DANA through WooshPay: whole rupiah, 100 to 300,000,000 IDR per payment (doc-2043383). */
export const AMOUNT_MIN = 100;
export const AMOUNT_MAX = 300_000_000;
export const CURRENCIES = ['IDR'] as const;

/** A Checkout Session stays open 24 hours (WooshPay's `expires_at` examples are created + 24 h). */
export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** List endpoints: `limit` 1 to 100, 10 when absent (Stripe pagination, which WooshPay copies). */
export const LIST_LIMIT = { min: 1, max: 100, default: 10 } as const;

/** Idempotency keys: at most 255 characters, remembered 24 hours after first use (Stripe). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
