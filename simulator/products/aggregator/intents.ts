import { AGGREGATOR_PATHS, AMOUNT_MAX, AMOUNT_MIN, CURRENCIES } from '../../../contracts/aggregator/index.ts';
import { CANCELLATION_REASONS } from '../../../contracts/aggregator/objects.ts';
import { MAX_ORDER_VALIDITY_MS } from '../../../contracts/payment-gateway/common.ts';
import type { Runtime } from '../../core/product.ts';
import type { Transaction } from '../../ledger/database.ts';
import { findMerchant } from '../../parties/find.ts';
import { openOrder } from '../payment-gateway/open-order.ts';
import { cancelOpenOrder } from '../payment-gateway/orders.ts';
import type { EmitEvent } from './events-port.ts';
import { booleanParam, integerParam, rejectUnknown, stringParam, type Params } from './form.ts';
import { clientSecret, newId } from './ids.ts';
import { fail, isFailure, listPage, type Failure } from './render.ts';
import { INTENTS_TABLE, intentRow, putIntent, type IntentRow } from './state.ts';

// PaymentIntents (WooshPay's Direct API for DANA, doc-2043383): create, confirm with
// `payment_method_data[type]=dana` (in the same call or later), update before that, cancel, list.
// Confirming opens a DANA order underneath (Payment Gateway's openOrder, owned by this product) and
// answers `requires_action` with the cashier URL; the order's outcome comes back through owner.ts.

export const OWNER = 'aggregator';
/** The aggregator's page the cashier sends the browser back to (return.ts). */
export const RETURN_PATH = '/aggregator/return';

export interface Context {
  readonly tx: Transaction;
  readonly runtime: Runtime;
  readonly now: number;
  readonly emit: EmitEvent;
}

export type Outcome = Record<string, unknown> | Failure;

/** Unix seconds, as the objects show times. */
export const seconds = (ms: number) => Math.floor(ms / 1000);

export function intentView(runtime: Runtime, row: IntentRow): Record<string, unknown> {
  const nextAction =
    row.status === 'requires_action' && row.cashierUrl
      ? {
          type: 'redirect_to_url',
          redirect_to_url: { url: row.cashierUrl, return_url: row.returnUrl },
          dana_handle_redirect: { url: row.cashierUrl },
        }
      : null;
  return {
    id: row.id,
    object: 'payment_intent',
    amount: row.amount,
    amount_received: row.status === 'succeeded' ? row.amount : 0,
    currency: row.currency,
    status: row.status,
    client_secret: clientSecret(runtime.seed, row.id),
    created: row.created,
    livemode: false,
    description: row.description,
    metadata: row.metadata,
    return_url: row.returnUrl,
    payment_method: row.paymentMethod,
    payment_method_types: ['dana'],
    next_action: nextAction,
    cancellation_reason: row.cancellationReason,
    canceled_at: row.canceledAt,
    last_payment_error: null,
  };
}

function amountOf(params: Params, required: boolean): number | undefined | Failure {
  const amount = integerParam(params, 'amount');
  if (isFailure(amount)) return amount;
  if (amount === undefined) return required ? fail('parameter_missing', { param: 'amount' }) : undefined;
  if (amount < AMOUNT_MIN) return fail('amount_too_small');
  if (amount > AMOUNT_MAX) return fail('amount_too_large');
  return amount;
}

function currencyOf(params: Params, required: boolean): string | undefined | Failure {
  const currency = stringParam(params, 'currency');
  if (isFailure(currency)) return currency;
  if (currency === undefined) return required ? fail('parameter_missing', { param: 'currency' }) : undefined;
  // Stripe takes lower-case codes, WooshPay shows upper case: either is read, upper case is shown.
  const upper = currency.toUpperCase();
  return (CURRENCIES as readonly string[]).includes(upper) ? upper : fail('currency_not_supported', { value: currency });
}

/** `payment_method_data[type]`: DANA is the one method this product pays with. */
function methodOf(params: Params): string | undefined | Failure {
  const data = params.payment_method_data;
  if (data === undefined) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('parameter_invalid_value', { param: 'payment_method_data', allowed: 'a hash' });
  const type = stringParam(data, 'type');
  if (isFailure(type)) return { ...type, values: { ...type.values, param: 'payment_method_data[type]' } };
  if (type !== 'dana') return fail('parameter_invalid_value', { param: 'payment_method_data[type]', allowed: 'dana' });
  return type;
}

function returnUrlOf(params: Params): string | undefined | Failure {
  const value = stringParam(params, 'return_url');
  if (isFailure(value) || value === undefined) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('url_invalid', { param: 'return_url' });
  }
  // The return page redirects browsers there: only web addresses.
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : fail('url_invalid', { param: 'return_url' });
}

export function metadataOf(params: Params): Params | undefined | Failure {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === '') return Object.create(null) as Params;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('parameter_invalid_value', { param: 'metadata', allowed: 'a hash' });
  return value;
}

const CREATE_PARAMS = [
  'amount',
  'currency',
  'payment_method_data',
  'payment_method_types',
  'confirm',
  'return_url',
  'description',
  'metadata',
];

export function createIntent(context: Context, params: Params): Outcome {
  const unknown = rejectUnknown(params, CREATE_PARAMS);
  if (unknown) return unknown;
  const amount = amountOf(params, true);
  const currency = currencyOf(params, true);
  const method = methodOf(params);
  const confirm = booleanParam(params, 'confirm');
  const returnUrl = returnUrlOf(params);
  const description = stringParam(params, 'description');
  const metadata = metadataOf(params);
  for (const value of [amount, currency, method, confirm, returnUrl, description, metadata]) if (isFailure(value)) return value;
  const row: IntentRow = {
    id: newId(context.runtime.ids, 'paymentIntent'),
    amount: amount as number,
    currency: currency as string,
    status: method ? 'requires_confirmation' : 'requires_payment_method',
    created: seconds(context.now),
    description: (description as string | undefined) ?? null,
    metadata: (metadata as Params | undefined) ?? (Object.create(null) as Params),
    returnUrl: (returnUrl as string | undefined) ?? null,
    methodType: (method as string | undefined) ?? null,
    paymentMethod: null,
    cancellationReason: null,
    canceledAt: null,
    orderKey: null,
    cashierUrl: null,
  };
  if (confirm === true) {
    const refused = confirmable(row);
    if (refused) return refused;
  }
  putIntent(context.tx, row);
  context.emit(context.tx, context.runtime, 'payment_intent.created', intentView(context.runtime, row));
  return intentView(context.runtime, confirm === true ? confirmRow(context, row) : row);
}

/** What confirming needs: DANA as the method and a return_url for the browser to come back to. */
function confirmable(row: IntentRow): Failure | undefined {
  if (!row.methodType) return fail('parameter_missing', { param: 'payment_method_data[type]' });
  if (!row.returnUrl) return fail('parameter_missing', { param: 'return_url' });
  return undefined;
}

/** Opens the DANA order underneath and moves the intent to `requires_action`. */
function confirmRow(context: Context, row: IntentRow): IntentRow {
  const { runtime, now, tx } = context;
  const merchant = findMerchant(runtime.db);
  const opened = openOrder(tx, {
    partnerId: merchant.partnerId,
    partnerReferenceNo: row.id,
    merchantId: merchant.merchantId,
    amountMinor: row.amount * 100,
    title: row.description ?? `Payment ${row.id}`,
    validUntil: now + MAX_ORDER_VALIDITY_MS,
    referenceNo: runtime.ids.referenceNo(),
    now,
    pagesUrl: runtime.pagesUrl(),
    payReturnUrl: `${runtime.pagesUrl()}${RETURN_PATH}?payment_intent=${row.id}`,
    owner: OWNER,
  });
  const confirmed = putIntent(tx, {
    ...row,
    status: 'requires_action',
    paymentMethod: `pm_${opened.referenceNo}`,
    orderKey: opened.key,
    cashierUrl: opened.webRedirectUrl,
  });
  context.emit(tx, runtime, 'payment_intent.requires_action', intentView(runtime, confirmed));
  return confirmed;
}

function found(context: Context, id: string): IntentRow | Failure {
  return intentRow(context.tx, id) ?? fail('resource_missing', { object: 'payment_intent', id, param: 'intent' });
}

export function retrieveIntent(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['client_secret', 'expand']);
  if (unknown) return unknown;
  const row = found(context, id);
  return isFailure(row) ? row : intentView(context.runtime, row);
}

const EDITABLE = ['requires_payment_method', 'requires_confirmation'];

export function updateIntent(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['amount', 'currency', 'payment_method_data', 'description', 'metadata', 'return_url']);
  if (unknown) return unknown;
  const row = found(context, id);
  if (isFailure(row)) return row;
  if (!EDITABLE.includes(row.status)) return fail('payment_intent_unexpected_state', { action: 'update', status: row.status });
  const amount = amountOf(params, false);
  const currency = currencyOf(params, false);
  const method = methodOf(params);
  const returnUrl = returnUrlOf(params);
  const description = stringParam(params, 'description');
  const metadata = metadataOf(params);
  for (const value of [amount, currency, method, returnUrl, description, metadata]) if (isFailure(value)) return value;
  const methodType = (method as string | undefined) ?? row.methodType;
  const updated = putIntent(context.tx, {
    ...row,
    amount: (amount as number | undefined) ?? row.amount,
    currency: (currency as string | undefined) ?? row.currency,
    methodType,
    status: methodType ? 'requires_confirmation' : 'requires_payment_method',
    returnUrl: (returnUrl as string | undefined) ?? row.returnUrl,
    description: (description as string | undefined) ?? row.description,
    // Stripe merges metadata keys; an empty value removes one.
    metadata: mergeMetadata(row.metadata, metadata as Params | undefined),
  });
  return intentView(context.runtime, updated);
}

function mergeMetadata(before: Params, change: Params | undefined): Params {
  if (!change) return before;
  const merged = Object.assign(Object.create(null) as Params, before, change);
  for (const [name, value] of Object.entries(change)) if (value === '') delete merged[name];
  return merged;
}

export function confirmIntent(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['payment_method_data', 'return_url']);
  if (unknown) return unknown;
  const row = found(context, id);
  if (isFailure(row)) return row;
  if (!EDITABLE.includes(row.status)) return fail('payment_intent_unexpected_state', { action: 'confirm', status: row.status });
  const method = methodOf(params);
  const returnUrl = returnUrlOf(params);
  for (const value of [method, returnUrl]) if (isFailure(value)) return value;
  const ready = {
    ...row,
    methodType: (method as string | undefined) ?? row.methodType,
    returnUrl: (returnUrl as string | undefined) ?? row.returnUrl,
  };
  const refused = confirmable(ready);
  return refused ?? intentView(context.runtime, confirmRow(context, ready));
}

const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function cancelIntent(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['cancellation_reason']);
  if (unknown) return unknown;
  const reason = stringParam(params, 'cancellation_reason');
  if (isFailure(reason)) return reason;
  if (reason !== undefined && !(CANCELLATION_REASONS as readonly string[]).includes(reason))
    return fail('parameter_invalid_value', { param: 'cancellation_reason', allowed: CANCELLATION_REASONS.join(', ') });
  const row = found(context, id);
  if (isFailure(row)) return row;
  if (!CANCELABLE.includes(row.status)) return fail('payment_intent_unexpected_state', { action: 'cancel', status: row.status });
  const canceled = putIntent(context.tx, {
    ...row,
    status: 'canceled',
    cancellationReason: reason ?? null,
    canceledAt: seconds(context.now),
  });
  // The order underneath closes too, so the cashier stops taking the payment; its owner hook then
  // finds the intent canceled already and leaves it.
  if (row.orderKey) cancelOpenOrder(context.tx, row.orderKey, context.now);
  const view = intentView(context.runtime, canceled);
  context.emit(context.tx, context.runtime, 'payment_intent.canceled', view);
  return view;
}

export function listIntents(context: Context, params: Params): Outcome {
  const unknown = rejectUnknown(params, ['limit', 'starting_after', 'ending_before', 'expand']);
  if (unknown) return unknown;
  const limit = integerParam(params, 'limit');
  const startingAfter = stringParam(params, 'starting_after');
  const endingBefore = stringParam(params, 'ending_before');
  for (const value of [limit, startingAfter, endingBefore]) if (isFailure(value)) return value;
  // Ids grow with creation, so the newest first is the ids in reverse.
  const rows = context.tx
    .values<IntentRow>(INTENTS_TABLE)
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .map((row) => intentView(context.runtime, row) as { id: string });
  const page = listPage(
    rows,
    {
      ...(limit === undefined ? {} : { limit: limit as number }),
      ...(startingAfter === undefined ? {} : { starting_after: startingAfter as string }),
      ...(endingBefore === undefined ? {} : { ending_before: endingBefore as string }),
    },
    AGGREGATOR_PATHS.paymentIntents,
  );
  return isFailure(page) ? page : (page as unknown as Record<string, unknown>);
}
