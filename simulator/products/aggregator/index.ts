import { AGGREGATOR_API_HOST, AGGREGATOR_PATHS } from '../../../contracts/aggregator/index.ts';
import type { ApiReply, ApiRequest, Product, ProductApi, Runtime } from '../../core/product.ts';
import type { SimResponse } from '../../core/render.ts';
import type { Transaction } from '../../ledger/database.ts';
import { authenticate } from './auth.ts';
import type { EmitEvent } from './events-port.ts';
import { parseForm, readParams, type Params } from './form.ts';
import { IDEMPOTENCY_TABLE, idempotent, pruneIdempotency } from './idempotency.ts';
import { apiKeys } from './ids.ts';
import { cancelIntent, confirmIntent, createIntent, listIntents, retrieveIntent, updateIntent, type Context } from './intents.ts';
import { emitPending } from './owner.ts';
import { createRefund, retrieveRefund } from './refunds.ts';
import { SESSIONS_TABLE, createSession, expireDueSessions, expireSession, retrieveSession } from './sessions.ts';
import { errorBody, fail, isFailure, renderError, renderJson, type Failure } from './render.ts';
import { checkoutRoutes } from './checkout.ts';
import { RETURN_ROUTES } from './return.ts';
import { WEBHOOK_TABLES, emitEvent, matchWebhookRoute, webhookKinds, webhookSecretEnv } from './webhooks.ts';
import { ACCOUNT, ACCOUNTS_TABLE, INTENTS_TABLE, PENDING_EVENTS_TABLE, REFUNDS_TABLE, type AccountRow } from './state.ts';

// The aggregator: DANA resold through WooshPay's Stripe-shaped API (contracts/aggregator/). Every
// call authenticates with the seeded account's secret key; POSTs honour Idempotency-Key; payments go
// through a DANA order of the default merchant (contracts/aggregator/README.md), paid on DANA's cashier.

type Handler = (context: Context, params: Params, id: string) => Record<string, unknown> | Failure;

interface ApiRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly endpoint: string;
  readonly handle: Handler;
}

const ID = '([A-Za-z0-9_]+)';
const pi = AGGREGATOR_PATHS.paymentIntents;
const re = AGGREGATOR_PATHS.refunds;
const cs = AGGREGATOR_PATHS.checkoutSessions;
const ROUTES: readonly ApiRoute[] = [
  { method: 'POST', pattern: new RegExp(`^${pi}$`), endpoint: 'paymentIntents.create', handle: createIntent },
  { method: 'GET', pattern: new RegExp(`^${pi}$`), endpoint: 'paymentIntents.list', handle: listIntents },
  { method: 'GET', pattern: new RegExp(`^${pi}/${ID}$`), endpoint: 'paymentIntents.retrieve', handle: retrieveIntent },
  { method: 'POST', pattern: new RegExp(`^${pi}/${ID}$`), endpoint: 'paymentIntents.update', handle: updateIntent },
  { method: 'POST', pattern: new RegExp(`^${pi}/${ID}/confirm$`), endpoint: 'paymentIntents.confirm', handle: confirmIntent },
  { method: 'POST', pattern: new RegExp(`^${pi}/${ID}/cancel$`), endpoint: 'paymentIntents.cancel', handle: cancelIntent },
  { method: 'POST', pattern: new RegExp(`^${re}$`), endpoint: 'refunds.create', handle: createRefund },
  { method: 'GET', pattern: new RegExp(`^${re}/${ID}$`), endpoint: 'refunds.retrieve', handle: retrieveRefund },
  { method: 'POST', pattern: new RegExp(`^${cs}$`), endpoint: 'checkoutSessions.create', handle: createSession },
  { method: 'GET', pattern: new RegExp(`^${cs}/${ID}$`), endpoint: 'checkoutSessions.retrieve', handle: retrieveSession },
  { method: 'POST', pattern: new RegExp(`^${cs}/${ID}/expire$`), endpoint: 'checkoutSessions.expire', handle: expireSession },
];

function accounts(runtime: Runtime): AccountRow[] {
  return [...runtime.db.values<AccountRow>(ACCOUNTS_TABLE)];
}

/** The log line of a reply: an error's code (or type), else the object's status; its ids as references. */
function logOf(endpoint: string, reply: SimResponse): ApiReply['log'] {
  const body = JSON.parse(reply.body) as { error?: { code?: string; type: string }; id?: string; status?: string; payment_intent?: string };
  if (body.error) return { endpoint, code: body.error.code ?? body.error.type };
  const references: Record<string, string> = {};
  if (body.id?.startsWith('pi_')) references.paymentIntent = body.id;
  if (body.id?.startsWith('re_')) references.refund = body.id;
  if (body.id?.startsWith('cs_')) references.checkoutSession = body.id;
  if (body.payment_intent) references.paymentIntent = body.payment_intent;
  return { endpoint, code: body.status ?? String(reply.status), references };
}

function handle(runtime: Runtime, emit: EmitEvent, request: ApiRequest): ApiReply {
  const method = request.method.toUpperCase();
  const path = request.url.pathname;
  const route = ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  const endpoint = route?.endpoint ?? 'unknown';
  const answer = (reply: SimResponse): ApiReply => ({ ...reply, log: logOf(endpoint, reply) });
  const signedIn = authenticate(request.headers.authorization, accounts(runtime));
  if (!signedIn.ok) return answer(renderError(signedIn.failure));
  if (!route) return webhookCall(runtime, request, signedIn.account) ?? answer(renderError(fail('route_unknown', { method, path })));
  const id = route.pattern.exec(path)![1] ?? '';
  const params = method === 'GET' ? parseForm(request.url.search.slice(1)) : readParams(request.headers['content-type'], request.body);
  if (isFailure(params)) return answer(renderError(params));
  const now = runtime.clock.now();
  const run = (tx: Transaction): SimResponse => {
    const outcome = route.handle({ tx, runtime, now, emit }, params, id);
    return isFailure(outcome) ? renderError(outcome) : renderJson(200, outcome);
  };
  return answer(idempotent(runtime.db, request.headers['idempotency-key'], method, path, params, now, run));
}

/** Webhook endpoints and events (webhooks.ts), their POSTs under the same Idempotency-Key rules. */
function webhookCall(runtime: Runtime, request: ApiRequest, account: string): ApiReply | undefined {
  const method = request.method.toUpperCase();
  const route = matchWebhookRoute(method, request.url.pathname);
  if (!route) return undefined;
  const params = method === 'GET' ? parseForm(request.url.search.slice(1)) : readParams(request.headers['content-type'], request.body);
  // A body the handler cannot read either: it answers that itself, with no key to keep.
  if (isFailure(params) || method !== 'POST') return route.handler(runtime, request, route.params, account);
  let log: ApiReply['log'];
  const reply = idempotent(
    runtime.db,
    request.headers['idempotency-key'],
    method,
    request.url.pathname,
    params,
    runtime.clock.now(),
    (tx) => {
      const answered = route.handler(runtime, request, route.params, account, tx);
      log = answered.log;
      return answered;
    },
  );
  // A replay ran no handler: its log line comes from the stored reply.
  return { ...reply, log: log ?? logOf('webhooks.replay', reply) };
}

function api(emit: EmitEvent): ProductApi {
  return {
    hosts: [AGGREGATOR_API_HOST],
    // Its resources' paths and anything below them (an unknown one gets its own 404, not DANA's);
    // other /v1/ paths stay free for other products.
    matches: (_method, path) => Object.values(AGGREGATOR_PATHS).some((prefix) => path === prefix || path.startsWith(`${prefix}/`)),
    handle: (runtime, request) => handle(runtime, emit, request),
    failure: (status, message) => {
      const key = status >= 500 ? 'api_error' : 'body_unreadable';
      const body = errorBody(fail(key, { format: 'a body within the size limit' }));
      return renderJson(status, { error: { ...body.error, message } });
    },
  };
}

/** The product; `emit` is the webhook outbox's (webhooks.ts), a recorder in tests. */
function aggregatorProduct(options: { readonly emit: EmitEvent }): Product {
  const { emit } = options;
  return {
    name: 'aggregator',
    tables: [IDEMPOTENCY_TABLE, INTENTS_TABLE, SESSIONS_TABLE, REFUNDS_TABLE, ACCOUNTS_TABLE, PENDING_EVENTS_TABLE, ...WEBHOOK_TABLES],
    notificationKinds: webhookKinds,
    seed(tx, context) {
      const row: AccountRow = { account: ACCOUNT, ...apiKeys(context.seed, ACCOUNT) };
      tx.put(ACCOUNTS_TABLE, ACCOUNT, row);
    },
    due(runtime, now) {
      emitPending(runtime, emit);
      if (runtime.db.size(SESSIONS_TABLE) > 0) expireDueSessions(runtime, emit, now);
      runtime.db.transact((tx) => pruneIdempotency(tx, now));
    },
    api: api(emit),
    pages: { hosts: [], routes: { ...RETURN_ROUTES, ...checkoutRoutes(emit) } },
    credentialsFile: {
      name: 'aggregator.env',
      env(runtime) {
        const account = accounts(runtime)[0];
        if (!account) return undefined;
        // A simulator served over HTTP is called at its own address; under the TLS drop-in or msw, at WooshPay's.
        const base = runtime.pagesUrl();
        return {
          WOOSHPAY_SECRET_KEY: account.secretKey,
          WOOSHPAY_PUBLISHABLE_KEY: account.publishableKey,
          WOOSHPAY_API_BASE: base.startsWith('http://') ? base : `https://${AGGREGATOR_API_HOST}`,
          ...webhookSecretEnv(runtime),
        };
      },
    },
  };
}

/** The aggregator as the simulator serves it: events go to the webhook endpoints' outbox. */
export const aggregator = aggregatorProduct({ emit: emitEvent });
