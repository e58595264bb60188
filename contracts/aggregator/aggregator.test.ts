import { describe, expect, it } from 'vitest';
import { AGGREGATOR_ERRORS, fillTemplate } from './errors.ts';
import {
  type EventType,
  EVENT_DELIVERY_ATTEMPTS,
  EVENT_RETRY_SCHEDULE_S,
  EVENT_TYPES,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_S,
} from './events.ts';
import {
  AGGREGATOR_API_HOST,
  AGGREGATOR_CHECKOUT_HOST,
  AGGREGATOR_PATHS,
  AMOUNT_MAX,
  AMOUNT_MIN,
  CURRENCIES,
  ID_PREFIXES,
  LIST_LIMIT,
  SESSION_LIFETIME_MS,
} from './index.ts';
import {
  CANCELLATION_REASONS,
  CHECKOUT_PAYMENT_STATUSES,
  CHECKOUT_SESSION_TRANSITIONS,
  PAYMENT_INTENT_TRANSITIONS,
  REFUND_REASONS,
  REFUND_TRANSITIONS,
  WEBHOOK_ENDPOINT_TRANSITIONS,
  canMove,
  type CheckoutSessionStatus,
  type PaymentIntentStatus,
  type RefundStatus,
  type WebhookEndpointStatus,
} from './objects.ts';

describe('aggregator contracts', () => {
  it('state the limits WooshPay documents for DANA', () => {
    expect([AMOUNT_MIN, AMOUNT_MAX, CURRENCIES]).toEqual([100, 300_000_000, ['IDR']]);
    expect(SESSION_LIFETIME_MS).toBe(86_400_000);
    expect(LIST_LIMIT).toEqual({ min: 1, max: 100, default: 10 });
    expect(Object.values(AGGREGATOR_PATHS).every((path) => path.startsWith('/v1/'))).toBe(true);
    expect(ID_PREFIXES.checkoutSession).toBe('cs_test_');
    expect([AGGREGATOR_API_HOST, AGGREGATOR_CHECKOUT_HOST]).toEqual(['apitest.wooshpay.com', 'checkouttest.wooshpay.com']);
  });

  it('deliver an event 18 times over exactly 72 hours, signed under Wooshpay-Signature', () => {
    expect(EVENT_DELIVERY_ATTEMPTS).toBe(18);
    expect(EVENT_RETRY_SCHEDULE_S.reduce((sum, s) => sum + s, 0)).toBe(72 * 3600);
    expect(SIGNATURE_HEADER).toBe('Wooshpay-Signature');
    expect(SIGNATURE_TOLERANCE_S).toBe(300);
    expect(EVENT_TYPES).toContain('payment_intent.succeeded');
  });

  it('keep every catalogue entry well formed: a 4xx/5xx status and a message', () => {
    for (const [key, entry] of Object.entries(AGGREGATOR_ERRORS)) {
      expect(entry.http, key).toBeGreaterThanOrEqual(400);
      expect(entry.message.length, key).toBeGreaterThan(0);
    }
    expect(AGGREGATOR_ERRORS.idempotency_mismatch).toMatchObject({ http: 409, type: 'idempotency_error' });
    expect(AGGREGATOR_ERRORS.refund_second_partial.code).toBe('refund_not_allowed');
  });

  it('fill templates and leave unknown placeholders visible', () => {
    expect(fillTemplate("No such {object}: '{id}'", { object: 'refund', id: 're_1' })).toBe("No such refund: 're_1'");
    expect(fillTemplate('Invalid integer: {value}', {})).toBe('Invalid integer: {value}');
  });

  it('describe status machines as data', () => {
    expect(canMove(PAYMENT_INTENT_TRANSITIONS, 'requires_action', 'succeeded')).toBe(true);
    expect(canMove(PAYMENT_INTENT_TRANSITIONS, 'succeeded', 'canceled')).toBe(false);
    expect(canMove(PAYMENT_INTENT_TRANSITIONS, 'toString', 'canceled')).toBe(false);
    expect(canMove(CHECKOUT_SESSION_TRANSITIONS, 'open', 'expired')).toBe(true);
    expect(canMove(REFUND_TRANSITIONS, 'pending', 'succeeded')).toBe(true);
    expect(canMove(WEBHOOK_ENDPOINT_TRANSITIONS, 'disabled', 'enabled')).toBe(true);
    expect(CHECKOUT_PAYMENT_STATUSES).toContain('unpaid');
    expect(REFUND_REASONS).toHaveLength(4);
    expect(CANCELLATION_REASONS).toContain('abandoned');
    // The status types are the machines' keys.
    const statuses: [PaymentIntentStatus, CheckoutSessionStatus, RefundStatus, WebhookEndpointStatus, EventType] = [
      'succeeded',
      'open',
      'pending',
      'enabled',
      'payment_intent.canceled',
    ];
    expect(statuses).toHaveLength(5);
  });
});
