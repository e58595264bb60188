// The aggregator's error catalogue: one key per failure, with the HTTP status, Stripe-style `type`
// and `code`, a message template and the parameter it names. WooshPay documents the statuses and
// types (doc-1763752); codes and wordings follow Stripe where WooshPay is silent (README.md).
// Templates fill `{name}` from the values the renderer is given.

export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface AggregatorError {
  readonly http: number;
  readonly type: ErrorType;
  readonly code?: string;
  readonly message: string;
  /** The parameter at fault; a `{name}` template is filled like the message. */
  readonly param?: string;
}

export const AGGREGATOR_ERRORS = {
  // Request shape (400).
  parameter_missing: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    message: 'Missing required param: {param}.',
    param: '{param}',
  },
  parameter_unknown: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    message: 'Received unknown parameter: {param}',
    param: '{param}',
  },
  parameter_invalid_integer: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    message: 'Invalid integer: {value}',
    param: '{param}',
  },
  parameter_invalid_boolean: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_boolean',
    message: 'Invalid boolean: {value}',
    param: '{param}',
  },
  parameter_invalid_string: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_string',
    message: 'Invalid string: {value}',
    param: '{param}',
  },
  // An enum value outside its list; Stripe answers these without a code.
  parameter_invalid_value: {
    http: 400,
    type: 'invalid_request_error',
    message: 'Invalid {param}: must be one of {allowed}',
    param: '{param}',
  },
  url_invalid: { http: 400, type: 'invalid_request_error', code: 'url_invalid', message: 'Not a valid URL', param: '{param}' },
  body_unreadable: { http: 400, type: 'invalid_request_error', message: 'Invalid request: the body could not be parsed as {format}.' },
  amount_too_small: {
    http: 400,
    type: 'invalid_request_error',
    code: 'amount_too_small',
    message: 'Amount must be at least 100 IDR',
    param: 'amount',
  },
  amount_too_large: {
    http: 400,
    type: 'invalid_request_error',
    code: 'amount_too_large',
    message: 'Amount must be no more than 300,000,000 IDR',
    param: 'amount',
  },
  currency_not_supported: {
    http: 400,
    type: 'invalid_request_error',
    code: 'currency_not_supported',
    message: 'DANA accepts IDR only; {value} is not supported.',
    param: 'currency',
  },
  limit_out_of_range: {
    http: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    message: 'This value must be between 1 and 100 (it currently is {value}).',
    param: 'limit',
  },
  pagination_both_cursors: {
    http: 400,
    type: 'invalid_request_error',
    message: 'You may only specify one of these parameters: starting_after, ending_before.',
  },
  // Authentication (401 / 403).
  api_key_missing: {
    http: 401,
    type: 'invalid_request_error',
    message:
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Basic auth (e.g. 'Authorization: Basic <base64 of sk_test_...:>').",
  },
  api_key_invalid: { http: 401, type: 'invalid_request_error', code: 'api_key_invalid', message: 'Invalid API Key provided: {maskedKey}' },
  api_key_publishable: {
    http: 403,
    type: 'invalid_request_error',
    code: 'secret_key_required',
    message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
  },
  // Idempotency (409, WooshPay's status; Stripe's wording).
  idempotency_mismatch: {
    http: 409,
    type: 'idempotency_error',
    message:
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.",
  },
  idempotency_key_too_long: {
    http: 400,
    type: 'invalid_request_error',
    message: 'Invalid Idempotency-Key: it may be at most 255 characters long.',
    param: 'Idempotency-Key',
  },
  // Lookups (404).
  resource_missing: {
    http: 404,
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: "No such {object}: '{id}'",
    param: '{param}',
  },
  route_unknown: { http: 404, type: 'invalid_request_error', message: 'Unrecognized request URL ({method}: {path}).' },
  // State (400).
  payment_intent_unexpected_state: {
    http: 400,
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message: 'You cannot {action} this PaymentIntent because it has a status of {status}.',
  },
  checkout_session_not_open: {
    http: 400,
    type: 'invalid_request_error',
    code: 'checkout_session_not_open',
    message: 'Only Checkout Sessions with a status of open can be expired; this one is {status}.',
  },
  // Refunds.
  refund_payment_not_succeeded: {
    http: 400,
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message: 'This PaymentIntent has a status of {status}; only a succeeded payment can be refunded.',
    param: 'payment_intent',
  },
  refund_amount_too_large: {
    http: 400,
    type: 'invalid_request_error',
    code: 'amount_too_large',
    message: 'Refund amount ({amount}) is greater than unrefunded amount on payment ({remaining}).',
    param: 'amount',
  },
  charge_already_refunded: {
    http: 400,
    type: 'invalid_request_error',
    code: 'charge_already_refunded',
    message: 'Charge for {paymentIntent} has already been refunded.',
    param: 'payment_intent',
  },
  refund_second_partial: {
    http: 400,
    type: 'invalid_request_error',
    code: 'refund_not_allowed',
    message: 'DANA allows one partial refund per payment; {paymentIntent} already has {refund}.',
    param: 'payment_intent',
  },
  refund_window_closed: {
    http: 400,
    type: 'invalid_request_error',
    code: 'charge_expired_for_refund',
    message: 'This payment can no longer be refunded: DANA accepts refunds for 45 days.',
    param: 'payment_intent',
  },
  balance_insufficient: {
    http: 402,
    type: 'api_error',
    code: 'balance_insufficient',
    message: 'The refund could not be made: the merchant balance is insufficient.',
  },
  // Our own failures (500): never a stack trace.
  api_error: { http: 500, type: 'api_error', message: 'An unexpected error occurred in the simulator.' },
} as const satisfies Record<string, AggregatorError>;

export type AggregatorErrorKey = keyof typeof AGGREGATOR_ERRORS;

/** Fills `{name}` placeholders; a missing value stays visible as `{name}` so a gap is obvious. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
