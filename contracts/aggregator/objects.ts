// Statuses of the aggregator's objects and the moves between them, as data the handlers and tests
// share. Values from WooshPay examples where shown, else Stripe's (README.md beside this file).

export const PAYMENT_INTENT_TRANSITIONS = {
  requires_payment_method: ['requires_confirmation', 'requires_action', 'canceled'],
  requires_confirmation: ['requires_action', 'canceled'],
  requires_action: ['processing', 'succeeded', 'canceled', 'requires_payment_method'],
  processing: ['succeeded', 'requires_payment_method'],
  succeeded: [],
  canceled: [],
} as const;

export const CHECKOUT_SESSION_TRANSITIONS = {
  open: ['complete', 'expired'],
  complete: [],
  expired: [],
} as const;

export const CHECKOUT_PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required'] as const;

export const REFUND_TRANSITIONS = {
  pending: ['succeeded', 'failed', 'canceled'],
  requires_action: ['pending', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
} as const;

export const WEBHOOK_ENDPOINT_TRANSITIONS = {
  enabled: ['disabled'],
  disabled: ['enabled'],
} as const;

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'resolved_dispute'] as const;

/** Stripe's `cancellation_reason` values; `abandoned` marks an unpaid DANA redirect that expired. */
export const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;

export type PaymentIntentStatus = keyof typeof PAYMENT_INTENT_TRANSITIONS;
export type CheckoutSessionStatus = keyof typeof CHECKOUT_SESSION_TRANSITIONS;
export type RefundStatus = keyof typeof REFUND_TRANSITIONS;
export type WebhookEndpointStatus = keyof typeof WEBHOOK_ENDPOINT_TRANSITIONS;

type Machine = Readonly<Record<string, readonly string[]>>;

/** Whether `machine` allows moving from `from` to `to`. */
export function canMove(machine: Machine, from: string, to: string): boolean {
  return Object.hasOwn(machine, from) && machine[from]!.includes(to);
}
