import type { SimResponse } from '../../core/render.ts';
import { AGGREGATOR_ERRORS, fillTemplate, type AggregatorErrorKey } from '../../../contracts/aggregator/errors.ts';
import { LIST_LIMIT } from '../../../contracts/aggregator/index.ts';

// Every reply of the aggregator's API: JSON with `content-type: application/json`, errors in
// Stripe's `{"error": {...}}` shape with the catalogue's HTTP status, lists in Stripe's envelope.

/** An expected failure: a catalogue key and the values its templates name. */
export interface Failure {
  readonly error: AggregatorErrorKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

export function fail(error: AggregatorErrorKey, values?: Readonly<Record<string, string | number>>): Failure {
  return values ? { error, values } : { error };
}

/** Whether a result is a Failure; parsed parameters never are, as they are built without a prototype (form.ts). */
export function isFailure(value: unknown): value is Failure {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    'error' in value &&
    typeof value.error === 'string' &&
    Object.hasOwn(AGGREGATOR_ERRORS, value.error)
  );
}

/** The `error` object of a failure: type, code, message and param, the last two only when known. */
export function errorBody(failure: Failure): { error: { type: string; code?: string; message: string; param?: string } } {
  const entry = AGGREGATOR_ERRORS[failure.error] as { type: string; code?: string; message: string; param?: string };
  const values = failure.values ?? {};
  const error: { type: string; code?: string; message: string; param?: string } = {
    type: entry.type,
    message: fillTemplate(entry.message, values),
  };
  if (entry.code) error.code = entry.code;
  if (entry.param) error.param = fillTemplate(entry.param, values);
  return { error };
}

export function renderJson(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function renderError(failure: Failure): SimResponse {
  const status = AGGREGATOR_ERRORS[failure.error].http;
  // Stripe names the scheme it expects on a 401, so HTTP clients know to send credentials.
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Basic realm="WooshPay"' } : {};
  return renderJson(status, errorBody(failure), headers);
}

export interface ListQuery {
  readonly limit?: number;
  readonly starting_after?: string;
  readonly ending_before?: string;
}

export interface ListEnvelope<T> {
  readonly object: 'list';
  readonly url: string;
  readonly has_more: boolean;
  readonly data: T[];
}

/**
 * One page of `items` (newest first, as Stripe lists): `starting_after` pages towards older objects,
 * `ending_before` towards newer ones; `has_more` says whether more lie beyond the page in that direction.
 */
export function listPage<T extends { readonly id: string }>(items: readonly T[], query: ListQuery, url: string): ListEnvelope<T> | Failure {
  const limit = query.limit ?? LIST_LIMIT.default;
  if (!Number.isSafeInteger(limit) || limit < LIST_LIMIT.min || limit > LIST_LIMIT.max) return fail('limit_out_of_range', { value: limit });
  if (query.starting_after !== undefined && query.ending_before !== undefined) return fail('pagination_both_cursors');
  if (query.ending_before !== undefined) {
    const at = indexOf(items, query.ending_before, 'ending_before');
    if (typeof at !== 'number') return at;
    const from = Math.max(0, at - limit);
    return { object: 'list', url, has_more: from > 0, data: items.slice(from, at) };
  }
  let from = 0;
  if (query.starting_after !== undefined) {
    const at = indexOf(items, query.starting_after, 'starting_after');
    if (typeof at !== 'number') return at;
    from = at + 1;
  }
  return { object: 'list', url, has_more: from + limit < items.length, data: items.slice(from, from + limit) };
}

function indexOf(items: readonly { readonly id: string }[], id: string, param: string): number | Failure {
  const at = items.findIndex((item) => item.id === id);
  return at >= 0 ? at : fail('resource_missing', { object: 'object', id, param });
}
