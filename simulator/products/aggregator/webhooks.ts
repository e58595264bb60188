import type { Runtime } from '../../core/product.ts';
import type { ApiRequest } from '../../core/product.ts';
import { AGGREGATOR_PATHS } from '../../../contracts/aggregator/index.ts';
import { EVENT_TYPES } from '../../../contracts/aggregator/events.ts';
import { booleanParam, readParams, rejectUnknown, stringParam, type Params } from './form.ts';
import { newId, webhookSecret } from './ids.ts';
import { fail, isFailure, listPage, type Failure } from './render.ts';
import { listEvents, retrieveEvent, stopDeliveries } from './events.ts';
import {
  ENDPOINTS_TABLE,
  EVENTS_TABLE,
  listQuery,
  missing,
  newestFirst,
  ok,
  refuse,
  within,
  type EndpointRow,
  type WebhookHandler,
} from './webhook-rows.ts';

// Webhook endpoints (WooshPay's create/list/retrieve pages; update and delete as Stripe's, which
// WooshPay's menu lists): where an account's events are delivered. The `whsec_…` secret is in the
// create reply only, as WooshPay documents; afterwards only the signatures show it was kept.

export { emitEvent, webhookKinds } from './events.ts';
export type { WebhookHandler } from './webhook-rows.ts';

/** The tables the webhook part owns (the product lists them so a reset clears them). */
export const WEBHOOK_TABLES: readonly string[] = [ENDPOINTS_TABLE, EVENTS_TABLE];

/** Event types an endpoint may ask for; `*` is every event. */
const ALLOWED_EVENTS: readonly string[] = ['*', ...EVENT_TYPES];

function shown(row: EndpointRow): Record<string, unknown> {
  return {
    id: row.id,
    object: 'webhook_endpoint',
    api_version: null,
    created: Math.floor(row.createdAt / 1000),
    description: row.description,
    enabled_events: row.enabled_events,
    livemode: false,
    metadata: row.metadata,
    status: row.status,
    url: row.url,
  };
}

function findEndpoint(runtime: Runtime, id: string | undefined, account: string): EndpointRow | undefined {
  const row = id === undefined ? undefined : runtime.db.get<EndpointRow>(ENDPOINTS_TABLE, id);
  return row && !row.deleted && row.account === account ? row : undefined;
}

/** An http(s) URL deliveries can be posted to. */
function urlParam(params: Params): string | undefined | Failure {
  const url = stringParam(params, 'url');
  if (url === undefined || isFailure(url)) return url;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? url : fail('url_invalid', { param: 'url' });
}

/** A list of event types (`enabled_events[]=…` or a JSON array); a lone string counts as a list of one. */
function eventsParam(params: Params): string[] | undefined | Failure {
  const value = params.enabled_events;
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (list === undefined) return fail('parameter_invalid_value', { param: 'enabled_events', allowed: ALLOWED_EVENTS.join(', ') });
  if (list.length === 0) return fail('parameter_missing', { param: 'enabled_events' });
  const wrong = list.findIndex((type) => typeof type !== 'string' || !ALLOWED_EVENTS.includes(type));
  if (wrong >= 0) return fail('parameter_invalid_value', { param: `enabled_events[${wrong}]`, allowed: ALLOWED_EVENTS.join(', ') });
  return [...new Set(list as string[])];
}

/** Stripe's metadata: string values; on update an empty value removes the key. */
function metadataParam(params: Params, current: Readonly<Record<string, string>> = {}): Record<string, string> | undefined | Failure {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === '' || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    return fail('parameter_invalid_value', { param: 'metadata', allowed: 'key-value pairs' });
  const merged: Record<string, string> = { ...current };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' && typeof item !== 'number')
      return fail('parameter_invalid_string', { param: `metadata[${key}]`, value: JSON.stringify(item) });
    if (item === '') delete merged[key];
    else merged[key] = String(item);
  }
  return merged;
}

function bodyParams(request: ApiRequest, allowed: readonly string[]): Params | Failure {
  const params = readParams(request.headers['content-type'], request.body);
  if (isFailure(params)) return params;
  return rejectUnknown(params, allowed) ?? params;
}

/** The endpoint fields a create or update sets; a failure when one is wrong. */
function changes(params: Params, current?: EndpointRow): Partial<EndpointRow> | Failure {
  const url = urlParam(params);
  if (isFailure(url)) return url;
  const events = eventsParam(params);
  if (isFailure(events)) return events;
  const description = stringParam(params, 'description');
  if (isFailure(description)) return description;
  const metadata = metadataParam(params, current?.metadata);
  if (isFailure(metadata)) return metadata;
  const disabled = booleanParam(params, 'disabled');
  if (isFailure(disabled)) return disabled;
  return {
    ...(url === undefined ? {} : { url }),
    ...(events === undefined ? {} : { enabled_events: events }),
    ...(description === undefined ? {} : { description: description === '' ? null : description }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(disabled === undefined ? {} : { status: disabled ? 'disabled' : 'enabled' }),
  };
}

const createEndpoint: WebhookHandler = (runtime, request, _params, account, tx) => {
  const name = 'webhook_endpoints.create';
  const params = bodyParams(request, ['url', 'enabled_events', 'description', 'metadata']);
  if (isFailure(params)) return refuse(params, name, account);
  for (const required of ['url', 'enabled_events'])
    if (params[required] === undefined) return refuse(fail('parameter_missing', { param: required }), name, account);
  const set = changes(params);
  if (isFailure(set)) return refuse(set, name, account);
  const id = newId(runtime.ids, 'webhookEndpoint');
  const row: EndpointRow = {
    id,
    account,
    url: set.url!,
    enabled_events: set.enabled_events!,
    description: set.description ?? null,
    metadata: set.metadata ?? {},
    status: 'enabled',
    secret: webhookSecret(runtime.seed, id),
    createdAt: runtime.clock.now(),
  };
  within(runtime, tx, (open) => open.put(ENDPOINTS_TABLE, id, row));
  return ok({ ...shown(row), secret: row.secret }, name, account, { webhookEndpoint: id });
};

const retrieveEndpoint: WebhookHandler = (runtime, _request, params, account) => {
  const row = findEndpoint(runtime, params.id, account);
  if (!row) return refuse(missing('webhook_endpoint', params.id ?? ''), 'webhook_endpoints.retrieve', account);
  return ok(shown(row), 'webhook_endpoints.retrieve', account, { webhookEndpoint: row.id });
};

const updateEndpoint: WebhookHandler = (runtime, request, params, account, tx) => {
  const name = 'webhook_endpoints.update';
  const row = findEndpoint(runtime, params.id, account);
  if (!row) return refuse(missing('webhook_endpoint', params.id ?? ''), name, account);
  const body = bodyParams(request, ['url', 'enabled_events', 'description', 'metadata', 'disabled']);
  if (isFailure(body)) return refuse(body, name, account);
  const set = changes(body, row);
  if (isFailure(set)) return refuse(set, name, account);
  const next: EndpointRow = { ...row, ...set };
  within(runtime, tx, (open) => {
    open.put(ENDPOINTS_TABLE, row.id, next);
    if (next.status === 'disabled' && row.status === 'enabled')
      stopDeliveries(open, row.id, `not sent: webhook endpoint ${row.id} was disabled`, runtime.clock.now());
  });
  return ok(shown(next), name, account, { webhookEndpoint: row.id });
};

const deleteEndpoint: WebhookHandler = (runtime, _request, params, account, tx) => {
  const name = 'webhook_endpoints.delete';
  const row = findEndpoint(runtime, params.id, account);
  if (!row) return refuse(missing('webhook_endpoint', params.id ?? ''), name, account);
  within(runtime, tx, (open) => {
    open.put(ENDPOINTS_TABLE, row.id, { ...row, deleted: true });
    stopDeliveries(open, row.id, `not sent: webhook endpoint ${row.id} was deleted`, runtime.clock.now());
  });
  return ok({ id: row.id, object: 'webhook_endpoint', deleted: true }, name, account, { webhookEndpoint: row.id });
};

const listEndpoints: WebhookHandler = (runtime, request, _params, account) => {
  const query = listQuery(request);
  if (isFailure(query)) return refuse(query, 'webhook_endpoints.list', account);
  const rows = newestFirst(
    [...runtime.db.values<EndpointRow>(ENDPOINTS_TABLE)].filter((row) => !row.deleted && row.account === account),
    (row) => row.id,
  );
  const page = listPage(rows.map(shown) as { id: string }[], query, AGGREGATOR_PATHS.webhookEndpoints);
  if (isFailure(page)) return refuse(page, 'webhook_endpoints.list', account);
  return ok(page, 'webhook_endpoints.list', account);
};

const ENDPOINTS = AGGREGATOR_PATHS.webhookEndpoints;
const EVENTS = AGGREGATOR_PATHS.events;

/** The webhook part of the aggregator's API, keyed `METHOD /v1/path` with `{id}` for an object id. */
export const WEBHOOK_ROUTES: Readonly<Record<string, WebhookHandler>> = {
  [`POST ${ENDPOINTS}`]: createEndpoint,
  [`GET ${ENDPOINTS}`]: listEndpoints,
  [`GET ${ENDPOINTS}/{id}`]: retrieveEndpoint,
  [`POST ${ENDPOINTS}/{id}`]: updateEndpoint,
  [`DELETE ${ENDPOINTS}/{id}`]: deleteEndpoint,
  [`GET ${EVENTS}/{id}`]: retrieveEvent,
  [`GET ${EVENTS}`]: listEvents,
};

/** The route a request takes and its `{id}`, for a router that does not read `{id}` keys itself. */
export function matchWebhookRoute(method: string, path: string): { handler: WebhookHandler; params: { id?: string } } | undefined {
  const exact = WEBHOOK_ROUTES[`${method.toUpperCase()} ${path}`];
  if (exact) return { handler: exact, params: {} };
  const cut = path.lastIndexOf('/');
  let id: string;
  try {
    id = decodeURIComponent(path.slice(cut + 1));
  } catch {
    return undefined;
  }
  const handler = id === '' ? undefined : WEBHOOK_ROUTES[`${method.toUpperCase()} ${path.slice(0, cut)}/{id}`];
  return handler ? { handler, params: { id } } : undefined;
}

/** `WOOSHPAY_WEBHOOK_SECRET` of the newest endpoint, for the aggregator's credentials file; empty before one exists. */
export function webhookSecretEnv(runtime: Runtime): Record<string, string> {
  const newest = newestFirst(
    [...runtime.db.values<EndpointRow>(ENDPOINTS_TABLE)].filter((row) => !row.deleted),
    (row) => row.id,
  )[0];
  return newest ? { WOOSHPAY_WEBHOOK_SECRET: newest.secret } : {};
}
