import type { ApiReply, ApiRequest, Runtime } from '../../core/product.ts';
import type { Transaction } from '../../ledger/database.ts';
import { integerParam, parseForm, rejectUnknown, stringParam } from './form.ts';
import { errorBody, fail, isFailure, renderError, renderJson, type Failure, type ListQuery } from './render.ts';

// What the webhook endpoints (webhooks.ts) and events (events.ts) share: their tables and rows, the
// route handler shape, and replies that tell the request log what happened.

export const ENDPOINTS_TABLE = 'aggregatorWebhookEndpoints';
export const EVENTS_TABLE = 'aggregatorEvents';

/** The outbox kind of one event's delivery to one endpoint. */
export const EVENT_KIND = 'aggregator.event';

export interface EndpointRow {
  readonly id: string;
  readonly account: string;
  readonly url: string;
  readonly enabled_events: readonly string[];
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly status: 'enabled' | 'disabled';
  readonly secret: string;
  /** Simulator time of creation in ms; the object shows `created` in seconds, as WooshPay's example. */
  readonly createdAt: number;
  /** Kept after a DELETE so a resend of an earlier delivery can still be signed; hidden from the API. */
  readonly deleted?: boolean;
}

export interface EventRow {
  readonly event: Readonly<Record<string, unknown>> & { readonly id: string; readonly type: string };
  /** The account whose endpoints got it; undefined when it went to every account's endpoints. */
  readonly account?: string;
  /** Outbox ids of its deliveries, one per endpoint it matched. */
  readonly deliveries: readonly string[];
  readonly createdAt: number;
}

/** A handler of WEBHOOK_ROUTES; `tx` is the caller's open transaction when it has one. */
export type WebhookHandler = (
  runtime: Runtime,
  request: ApiRequest,
  params: { readonly id?: string },
  account: string,
  tx?: Transaction,
) => ApiReply;

/** `evt_…:we_…`: one outbox id per event and endpoint. */
export function deliveryId(eventId: string, endpointId: string): string {
  return `${eventId}:${endpointId}`;
}

export function endpointIdOf(deliveryIdText: string): string {
  return deliveryIdText.slice(deliveryIdText.lastIndexOf(':') + 1);
}

/** Newest first, as Stripe lists; ids are creation-ordered digits and break ties. */
export function newestFirst<T extends { readonly createdAt: number; readonly id?: string }>(rows: T[], idOf: (row: T) => string): T[] {
  return rows.sort((a, b) => b.createdAt - a.createdAt || idOf(b).localeCompare(idOf(a)));
}

/** Runs `work` in the caller's transaction, or in one of its own. */
export function within<T>(runtime: Runtime, tx: Transaction | undefined, work: (tx: Transaction) => T): T {
  return tx ? work(tx) : runtime.db.transact(work);
}

export function ok(body: unknown, endpoint: string, account: string, references?: Record<string, string>): ApiReply {
  return { ...renderJson(200, body), log: { endpoint, code: 'ok', partnerId: account, ...(references ? { references } : {}) } };
}

export function refuse(failure: Failure, endpoint: string, account: string): ApiReply {
  const { error } = errorBody(failure);
  return { ...renderError(failure), log: { endpoint, code: error.code ?? error.type, partnerId: account } };
}

/** `limit`, `starting_after`, `ending_before` (and `extra` names) from a list call's query string. */
export function listQuery(request: ApiRequest, extra: readonly string[] = []): (ListQuery & Record<string, unknown>) | Failure {
  const params = parseForm(request.url.search.slice(1));
  if (isFailure(params)) return params;
  const unknown = rejectUnknown(params, ['limit', 'starting_after', 'ending_before', ...extra]);
  if (unknown) return unknown;
  const query: Record<string, unknown> = {};
  const limit = integerParam(params, 'limit');
  if (isFailure(limit)) return limit;
  if (limit !== undefined) query.limit = limit;
  for (const name of ['starting_after', 'ending_before', ...extra]) {
    const value = stringParam(params, name);
    if (isFailure(value)) return value;
    if (value !== undefined) query[name] = value;
  }
  return query as ListQuery & Record<string, unknown>;
}

export function missing(object: string, id: string): Failure {
  return fail('resource_missing', { object, id, param: 'id' });
}
