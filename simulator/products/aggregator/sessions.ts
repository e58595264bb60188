import { AGGREGATOR_PATHS, CURRENCIES, SESSION_LIFETIME_MS } from '../../../contracts/aggregator/index.ts';
import type { Runtime } from '../../core/product.ts';
import type { Transaction } from '../../ledger/database.ts';
import type { EmitEvent } from './events-port.ts';
import { integerParam, rejectUnknown, stringParam, type Param, type Params } from './form.ts';
import { newId } from './ids.ts';
import { cancelIntent, createIntent, metadataOf, seconds, type Context, type Outcome } from './intents.ts';
import { fail, isFailure, type Failure } from './render.ts';

// Checkout Sessions (WooshPay's hosted checkout, digest §6): `mode=payment` with `price_data` line
// items; the session makes its PaymentIntent at once (WooshPay's example shows `payment_intent` on the
// new session), in `requires_confirmation` with DANA as the method, and the hosted page confirms it.
// Expiring (by API while open, or at `expires_at` on the simulator clock) cancels that intent.

export const SESSIONS_TABLE = 'aggregatorSessions';
/** The hosted checkout page of a session (a pages route); the session's `url` points at it. */
export const CHECKOUT_PAGE_PATH = '/aggregator/checkout';

export interface LineItem {
  readonly id: string;
  readonly name: string;
  readonly unitAmount: number;
  readonly quantity: number;
  readonly priceId: string;
  readonly productId: string;
}

export interface SessionRow {
  readonly id: string;
  readonly status: 'open' | 'complete' | 'expired';
  readonly paymentStatus: 'paid' | 'unpaid';
  readonly paymentIntent: string;
  readonly currency: string;
  readonly amountTotal: number;
  readonly lineItems: readonly LineItem[];
  readonly successUrl: string;
  readonly cancelUrl: string | null;
  readonly clientReferenceId: string | null;
  readonly metadata: Params;
  /** Unix seconds. */
  readonly created: number;
  readonly expiresAt: number;
}

export function sessionView(runtime: Runtime, row: SessionRow): Record<string, unknown> {
  return {
    id: row.id,
    object: 'checkout.session',
    url: row.status === 'open' ? `${runtime.pagesUrl()}${CHECKOUT_PAGE_PATH}?session=${row.id}` : null,
    status: row.status,
    payment_status: row.paymentStatus,
    payment_intent: row.paymentIntent,
    amount_subtotal: row.amountTotal,
    amount_total: row.amountTotal,
    currency: row.currency,
    created: row.created,
    expires_at: row.expiresAt,
    mode: 'payment',
    success_url: row.successUrl,
    cancel_url: row.cancelUrl,
    client_reference_id: row.clientReferenceId,
    customer: null,
    metadata: row.metadata,
    livemode: false,
    payment_method_types: ['dana'],
    line_items: {
      object: 'list',
      url: `${AGGREGATOR_PATHS.checkoutSessions}/${row.id}/line_items`,
      has_more: false,
      data: row.lineItems.map((item) => ({
        id: item.id,
        object: 'item',
        description: item.name,
        quantity: item.quantity,
        currency: row.currency,
        amount_subtotal: item.unitAmount * item.quantity,
        amount_total: item.unitAmount * item.quantity,
        price: {
          id: item.priceId,
          object: 'price',
          type: 'one_time',
          currency: row.currency,
          unit_amount: item.unitAmount,
          product: item.productId,
        },
      })),
    },
  };
}

/** A failure about a nested parameter, named the way the client sent it (`line_items[0][quantity]`). */
function under(prefix: string, failure: Failure): Failure {
  const param = failure.values?.param;
  return fail(failure.error, { ...failure.values, param: param === undefined ? prefix : `${prefix}[${param}]` });
}

function hashAt(value: Param | undefined, param: string): Params | Failure {
  if (value === undefined) return fail('parameter_missing', { param });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('parameter_invalid_value', { param, allowed: 'a hash' });
  return value;
}

function lineItemOf(context: Context, value: Param, index: number): { item: LineItem; currency: string } | Failure {
  const at = `line_items[${index}]`;
  const entry = hashAt(value, at);
  if (isFailure(entry)) return entry;
  const unknown = rejectUnknown(entry, ['price_data', 'quantity']);
  if (unknown) return under(at, unknown);
  const price = hashAt(entry.price_data, `${at}[price_data]`);
  if (isFailure(price)) return price;
  const unknownPrice = rejectUnknown(price, ['currency', 'unit_amount', 'product_data']);
  if (unknownPrice) return under(`${at}[price_data]`, unknownPrice);
  const currency = stringParam(price, 'currency');
  const unitAmount = integerParam(price, 'unit_amount');
  const quantity = integerParam(entry, 'quantity');
  if (isFailure(currency) || isFailure(unitAmount))
    return under(`${at}[price_data]`, (isFailure(currency) ? currency : unitAmount) as Failure);
  if (isFailure(quantity)) return under(at, quantity);
  if (currency === undefined) return fail('parameter_missing', { param: `${at}[price_data][currency]` });
  if (!(CURRENCIES as readonly string[]).includes(currency.toUpperCase())) return fail('currency_not_supported', { value: currency });
  if (unitAmount === undefined) return fail('parameter_missing', { param: `${at}[price_data][unit_amount]` });
  if (unitAmount < 0)
    return fail('parameter_invalid_value', { param: `${at}[price_data][unit_amount]`, allowed: 'a non-negative integer' });
  if (quantity === undefined) return fail('parameter_missing', { param: `${at}[quantity]` });
  if (quantity < 1) return fail('parameter_invalid_value', { param: `${at}[quantity]`, allowed: 'a positive integer' });
  const product = hashAt(price.product_data, `${at}[price_data][product_data]`);
  if (isFailure(product)) return product;
  const name = stringParam(product, 'name');
  if (isFailure(name)) return under(`${at}[price_data][product_data]`, name);
  if (!name) return fail('parameter_missing', { param: `${at}[price_data][product_data][name]` });
  const ids = context.runtime.ids;
  return {
    currency: currency.toUpperCase(),
    item: { id: newId(ids, 'lineItem'), name, unitAmount, quantity, priceId: newId(ids, 'price'), productId: newId(ids, 'product') },
  };
}

/**
 * `success_url` / `cancel_url`: an http(s) URL, or a scheme-less address like WooshPay's examples
 * (`www.example.com`), kept as given and visited over https (README.md beside the contracts).
 */
function pageUrlOf(params: Params, name: string): string | undefined | Failure {
  const value = stringParam(params, name);
  if (isFailure(value) || value === undefined) return value;
  return browserUrl(value) ? value : fail('url_invalid', { param: name });
}

/** Where a browser goes for a stored success/cancel URL; undefined when it is no web address. */
export function browserUrl(value: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

const CREATE_PARAMS = ['mode', 'line_items', 'success_url', 'cancel_url', 'client_reference_id', 'metadata', 'payment_method_types'];

export function createSession(context: Context, params: Params): Outcome {
  const unknown = rejectUnknown(params, CREATE_PARAMS);
  if (unknown) return unknown;
  const mode = stringParam(params, 'mode');
  if (isFailure(mode)) return mode;
  if (mode === undefined) return fail('parameter_missing', { param: 'mode' });
  if (mode !== 'payment') return fail('parameter_invalid_value', { param: 'mode', allowed: 'payment' });
  const types = params.payment_method_types;
  if (types !== undefined && !(Array.isArray(types) && types.every((type) => type === 'dana')))
    return fail('parameter_invalid_value', { param: 'payment_method_types', allowed: 'dana' });
  const successUrl = pageUrlOf(params, 'success_url');
  const cancelUrl = pageUrlOf(params, 'cancel_url');
  const reference = stringParam(params, 'client_reference_id');
  const metadata = metadataOf(params);
  for (const value of [successUrl, cancelUrl, reference, metadata]) if (isFailure(value)) return value;
  if (successUrl === undefined) return fail('parameter_missing', { param: 'success_url' });
  const rawItems = params.line_items;
  if (rawItems === undefined) return fail('parameter_missing', { param: 'line_items' });
  if (!Array.isArray(rawItems) || rawItems.length === 0)
    return fail('parameter_invalid_value', { param: 'line_items', allowed: 'a list of items' });
  const items: LineItem[] = [];
  for (const [index, raw] of rawItems.entries()) {
    const parsed = lineItemOf(context, raw, index);
    if (isFailure(parsed)) return parsed;
    items.push(parsed.item);
  }
  const total = items.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  // The intent underneath checks the total against DANA's limits, as a Direct API payment would be.
  const intentParams = Object.assign(Object.create(null) as Params, {
    amount: String(total),
    currency: CURRENCIES[0],
    payment_method_data: Object.assign(Object.create(null) as Params, { type: 'dana' }),
  });
  const intent = createIntent(context, intentParams);
  if (isFailure(intent)) return intent;
  const row: SessionRow = {
    id: newId(context.runtime.ids, 'checkoutSession'),
    status: 'open',
    paymentStatus: 'unpaid',
    paymentIntent: String(intent.id),
    currency: CURRENCIES[0],
    amountTotal: total,
    lineItems: items,
    successUrl: successUrl as string,
    cancelUrl: (cancelUrl as string | undefined) ?? null,
    clientReferenceId: (reference as string | undefined) ?? null,
    metadata: (metadata as Params | undefined) ?? (Object.create(null) as Params),
    created: seconds(context.now),
    expiresAt: seconds(context.now + SESSION_LIFETIME_MS),
  };
  context.tx.put(SESSIONS_TABLE, row.id, row);
  return sessionView(context.runtime, row);
}

/** The session a PaymentIntent was made for, if any. */
export function sessionOfIntent(tx: Transaction, intentId: string): SessionRow | undefined {
  return tx.values<SessionRow>(SESSIONS_TABLE).find((row) => row.paymentIntent === intentId);
}

/** Where the browser goes after paying: `success_url` with Stripe's `{CHECKOUT_SESSION_ID}` filled in. */
export function successTarget(row: SessionRow): string {
  return browserUrl(row.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', row.id))!.toString();
}

function found(context: Context, id: string): SessionRow | Failure {
  return context.tx.get<SessionRow>(SESSIONS_TABLE, id) ?? fail('resource_missing', { object: 'checkout.session', id, param: 'session' });
}

export function retrieveSession(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, ['expand']);
  if (unknown) return unknown;
  const row = found(context, id);
  return isFailure(row) ? row : sessionView(context.runtime, row);
}

/** Closes an open session: `expired`, its intent `canceled` (abandoned), `checkout.session.expired` sent. */
function expireRow(context: Context, row: SessionRow): Record<string, unknown> {
  const expired: SessionRow = { ...row, status: 'expired' };
  context.tx.put(SESSIONS_TABLE, row.id, expired);
  const reason = Object.assign(Object.create(null) as Params, { cancellation_reason: 'abandoned' });
  // The intent may have been canceled through its own API already; then there is nothing to cancel.
  cancelIntent(context, reason, row.paymentIntent);
  const view = sessionView(context.runtime, expired);
  context.emit(context.tx, context.runtime, 'checkout.session.expired', view);
  return view;
}

export function expireSession(context: Context, params: Params, id: string): Outcome {
  const unknown = rejectUnknown(params, []);
  if (unknown) return unknown;
  const row = found(context, id);
  if (isFailure(row)) return row;
  if (row.status !== 'open') return fail('checkout_session_not_open', { status: row.status });
  return expireRow(context, row);
}

/** Expires the open sessions whose `expires_at` has passed on the simulator clock; for due work. */
export function expireDueSessions(runtime: Runtime, emit: EmitEvent, now: number): void {
  const due = (tx: Transaction) =>
    tx.values<SessionRow>(SESSIONS_TABLE).filter((row) => row.status === 'open' && row.expiresAt * 1000 <= now);
  runtime.db.transact((tx) => {
    for (const row of due(tx)) expireRow({ tx, runtime, now, emit }, row);
  });
}
