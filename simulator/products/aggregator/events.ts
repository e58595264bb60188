import type { Runtime } from '../../core/product.ts';
import type { Transaction } from '../../ledger/database.ts';
import { NOTIFICATIONS, enqueueNotification, type KindHooks, type NotificationRecord } from '../../notifications/outbox.ts';
import { AGGREGATOR_PATHS } from '../../../contracts/aggregator/index.ts';
import { EVENT_RETRY_SCHEDULE_S, SIGNATURE_HEADER } from '../../../contracts/aggregator/events.ts';
import { newId, webhookSecret } from './ids.ts';
import { isFailure, listPage } from './render.ts';
import { signatureHeader } from './signing.ts';
import {
  ENDPOINTS_TABLE,
  EVENT_KIND,
  EVENTS_TABLE,
  deliveryId,
  endpointIdOf,
  listQuery,
  missing,
  newestFirst,
  ok,
  refuse,
  type EndpointRow,
  type EventRow,
  type WebhookHandler,
} from './webhook-rows.ts';

// Events (Stripe's Event object, which WooshPay's event pages copy) and their deliveries: an event is
// recorded with the change that causes it and, in the same transaction, one outbox call per enabled
// endpoint that listens for its type, so no event is sent for a change that did not happen and none
// is lost. Deliveries are signed per endpoint with `Wooshpay-Signature` at the moment of each attempt.

/**
 * Records an `evt_…` about `object` and queues its deliveries. `account`, when given, limits them to
 * that account's endpoints (and the event to its lists); without it every listening endpoint gets it.
 */
export function emitEvent(tx: Transaction, runtime: Runtime, type: string, object: Record<string, unknown>, account?: string): void {
  const now = runtime.clock.now();
  const id = newId(runtime.ids, 'event');
  const endpoints = tx
    .values<EndpointRow>(ENDPOINTS_TABLE)
    .filter((endpoint) => !endpoint.deleted && endpoint.status === 'enabled')
    .filter((endpoint) => account === undefined || endpoint.account === account)
    .filter((endpoint) => endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type));
  const event = {
    id,
    object: 'event',
    api_version: null,
    created: Math.floor(now / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: endpoints.length,
    type,
  };
  const deliveries = newestFirst(endpoints, (endpoint) => endpoint.id)
    .reverse()
    .map((endpoint) => {
      const delivery = deliveryId(id, endpoint.id);
      enqueueNotification(
        tx,
        { id: delivery, kind: EVENT_KIND, partnerId: endpoint.account, subject: id, url: endpoint.url, body: event },
        now,
      );
      return delivery;
    });
  const row: EventRow = { event, deliveries, createdAt: now, ...(account === undefined ? {} : { account }) };
  tx.put(EVENTS_TABLE, id, row);
}

/** The `aggregator.event` kind: JSON signed with the endpoint's secret, any 2xx taken, 18 tries in 72 h. */
export function webhookKinds(runtime: Runtime): Record<string, KindHooks> {
  return {
    [EVENT_KIND]: {
      acknowledges: (status) => status >= 200 && status <= 299,
      retryScheduleS: EVENT_RETRY_SCHEDULE_S,
      headers: (record, body, at) => ({
        'content-type': 'application/json',
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secretFor(runtime, endpointIdOf(record.id)), body, Math.floor(at / 1000)),
      }),
    },
  };
}

/** The endpoint's secret; a deleted endpoint keeps its row, and the secret derives from the seed anyway. */
function secretFor(runtime: Runtime, endpointId: string): string {
  return runtime.db.get<EndpointRow>(ENDPOINTS_TABLE, endpointId)?.secret ?? webhookSecret(runtime.seed, endpointId);
}

/**
 * Ends the pending deliveries to an endpoint that was deleted or disabled: Stripe sends nothing more
 * to it. The reason is recorded as a last attempt that made no call, so `GET /__sim/webhooks` says why.
 */
export function stopDeliveries(tx: Transaction, endpointId: string, reason: string, now: number): void {
  for (const record of tx.values<NotificationRecord>(NOTIFICATIONS)) {
    if (record.kind !== EVENT_KIND || record.status !== 'pending' || endpointIdOf(record.id) !== endpointId) continue;
    const attempts = [...record.attempts, { at: now, latencyMs: 0, acknowledged: false, error: reason }];
    tx.put(NOTIFICATIONS, record.id, { ...record, attempts, status: 'failed', nextAttemptAt: undefined });
  }
}

/** The event as the API shows it now: `pending_webhooks` counts its deliveries not yet acknowledged. */
function eventNow(runtime: Runtime, row: EventRow): Record<string, unknown> {
  const pending = row.deliveries.filter((id) => runtime.db.get<NotificationRecord>(NOTIFICATIONS, id)?.status !== 'delivered').length;
  return { ...row.event, pending_webhooks: pending };
}

function visible(row: EventRow | undefined, account: string): row is EventRow {
  return row !== undefined && (row.account === undefined || row.account === account);
}

export const retrieveEvent: WebhookHandler = (runtime, _request, params, account) => {
  const id = params.id ?? '';
  const row = runtime.db.get<EventRow>(EVENTS_TABLE, id);
  if (!visible(row, account)) return refuse(missing('event', id), 'events.retrieve', account);
  return ok(eventNow(runtime, row), 'events.retrieve', account, { event: id });
};

export const listEvents: WebhookHandler = (runtime, request, _params, account) => {
  const query = listQuery(request, ['type']);
  if (isFailure(query)) return refuse(query, 'events.list', account);
  const rows = newestFirst(
    [...runtime.db.values<EventRow>(EVENTS_TABLE)].filter((row) => visible(row, account)),
    (row) => row.event.id,
  ).filter((row) => query.type === undefined || row.event.type === query.type);
  const page = listPage(
    rows.map((row) => ({ ...eventNow(runtime, row), id: row.event.id })),
    query,
    AGGREGATOR_PATHS.events,
  );
  if (isFailure(page)) return refuse(page, 'events.list', account);
  return ok(page, 'events.list', account);
};
