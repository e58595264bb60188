import type { KeyObject } from 'node:crypto';
import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect } from '../../contracts/common/rule.ts';
import type { RuleTable } from '../faults/rules.ts';
import { jakartaDay } from './clock.ts';
import { authenticateOpenApi, parseOpenApiEnvelope } from './envelopes/open-api.ts';
import { authenticateSnap, type ClientDirectory, type SimRequest, type TokenVerifier } from './envelopes/snap.ts';
import type { ExternalIdRegistry } from './external-ids.ts';
import { TRANSACTIONS, fingerprint, isRecordedFailure, lookup, recordKey, type TransactionRecord } from './idempotency.ts';
import { renderBni, renderOpenApi, renderSnap, renderUnknownRoute, type Outcome, type SimResponse } from './render.ts';
import type { Failure } from './result.ts';
import type { Client, HandlerContext, Route, Services } from './route.ts';
import { authenticateBni, type BniCredentials } from './envelopes/bni.ts';
import type { Router } from './router.ts';
import { validate } from './validate.ts';

// The request pipeline, top to bottom:
//   1. match the route                       5. idempotency: replay or reject a changed retry
//   2. authenticate the envelope             6. rules (sandbox magic values, injected faults)
//      (headers, client, signature)          7. the handler (validated input -> Result)
//   3. parse the body                        8. wait until the state is durable
//   4. validate against the contract         9. render with the one renderer
// Anything thrown is a bug: it is logged loudly and answered with DANA's General Error shape.

export interface PipelineDeps {
  readonly router: Router;
  readonly services: Services;
  readonly rules: RuleTable;
  readonly directory: ClientDirectory;
  readonly externalIds: ExternalIdRegistry;
  readonly tokens: TokenVerifier;
  readonly danaKey: () => KeyObject;
  /** BNI e-collection credentials of the sandbox deposit top-up. */
  readonly bni: () => BniCredentials;
  /** Overrides every endpoint's documented timeout for `client-timeout` delays (tests shorten it). */
  readonly clientTimeoutMs?: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly onBug?: (error: unknown, request: SimRequest) => void;
}

interface Accepted {
  readonly route: Route;
  readonly client: Client;
  readonly externalId: string | undefined;
  readonly body: Record<string, unknown>;
}

export async function runPipeline(deps: PipelineDeps, request: SimRequest): Promise<SimResponse> {
  const route = deps.router.match(request.method, request.path);
  if (!route) return renderUnknownRoute(request.method, request.path);
  const contract = route.contract;
  const now = deps.services.clock.now();
  const { accepted, render } = openEnvelope(deps, route, request, now);
  if ('key' in accepted) return render({ ok: false, failure: accepted });
  try {
    return render(await process(deps, accepted));
  } catch (error) {
    deps.onBug?.(error, request);
    return render({ ok: false, failure: { key: 'GENERAL_ERROR' } });
  }
}

interface Opened {
  readonly accepted: Accepted | Failure;
  readonly render: (outcome: Outcome) => SimResponse;
}

/** Authenticates the request in its endpoint's envelope and returns the renderer for its reply. */
function openEnvelope(deps: PipelineDeps, route: Route, request: SimRequest, now: number): Opened {
  const contract = route.contract;
  switch (contract.envelope) {
    case 'snap': {
      const auth = authenticateSnap(request, contract, { directory: deps.directory, externalIds: deps.externalIds, tokens: deps.tokens, day: jakartaDay(now) });
      const requestBody = auth.ok ? auth.value.body : safeParse(request.body);
      return { accepted: auth.ok ? { route, ...auth.value } : auth.failure, render: (outcome) => renderSnap(contract, outcome, requestBody) };
    }
    case 'open-api': {
      const envelope = parseOpenApiEnvelope(request.body);
      const auth = authenticateOpenApi(request, envelope, contract, deps.directory);
      return {
        accepted: auth.ok ? { route, client: auth.value.client, externalId: undefined, body: auth.value.body } : auth.failure,
        render: (outcome) => renderOpenApi(contract, outcome, envelope?.head ?? {}, deps.services.clock.now(), deps.danaKey()),
      };
    }
    case 'bni': {
      const auth = authenticateBni(request, deps.bni());
      return { accepted: auth.ok ? { route, client: auth.value.client, externalId: undefined, body: auth.value.body } : auth.failure, render: (outcome) => renderBni(contract, outcome) };
    }
  }
}

async function process(deps: PipelineDeps, accepted: Accepted): Promise<Outcome> {
  const { route, client, body } = accepted;
  const contract = route.contract;
  const { db } = deps.services;
  const invalid = validate(body, contract.request);
  if (invalid) return { ok: false, failure: invalid };

  const idempotency = contract.envelope === 'open-api' ? undefined : contract.idempotency;
  const identity = idempotency && {
    recordKey: recordKey(idempotency.family, client.partnerId, String(body[idempotency.keyField])),
    keyValue: String(body[idempotency.keyField]),
    fingerprint: fingerprint(body, idempotency),
  };
  const earlier = (): Outcome | undefined => {
    if (!identity) return undefined;
    const found = lookup(db, identity.recordKey, identity.fingerprint);
    if (found.kind === 'conflict') return { ok: false, failure: { key: 'INCONSISTENT_REQUEST' } };
    if (found.kind === 'replay') return replay(found.record, idempotency!.failedReplay ?? 'original');
    return undefined;
  };

  let settled = earlier();
  if (settled) return durable(deps, settled);

  const firing = deps.rules.fire(contract.key, client.partnerId, body);
  if (firing) {
    const delayMs = delayOf(firing.effect, contract, deps.clientTimeoutMs);
    if (delayMs > 0) {
      await deps.sleep(delayMs);
      // Another request with the same key may have committed while this one waited.
      settled = earlier();
      if (settled) return durable(deps, settled);
    }
    if ('result' in firing.effect) {
      const failure: Failure = { key: firing.effect.result as Failure['key'], message: firing.effect.message, fields: firing.effect.fields };
      return durable(deps, rejectAndRecord(deps, accepted, identity, failure));
    }
  }

  const completion = firing && 'completion' in firing.effect ? { outcome: firing.effect.completion, delayMs: firing.effect.completionDelayMs } : undefined;
  const context: HandlerContext = { client, externalId: accepted.externalId, now: deps.services.clock.now(), services: deps.services, idempotency: identity, completion };
  const result = route.handler(body, context);
  const outcome: Outcome = result.ok ? { ok: true, reply: result.value } : rejectAndRecord(deps, accepted, identity, result.failure);
  return durable(deps, outcome);
}

/** DANA's top up answers a replayed failure with General Error ("idempotent failed", disbursement.md section 10). */
function replay(record: TransactionRecord, failedReplay: 'original' | 'general-error'): Outcome {
  if (record.reply.ok || failedReplay === 'original') return record.reply;
  return { ok: false, failure: { key: 'GENERAL_ERROR' } };
}

function rejectAndRecord(deps: PipelineDeps, accepted: Accepted, identity: HandlerContext['idempotency'], failure: Failure): Outcome {
  const outcome: Outcome = { ok: false, failure };
  const contract = accepted.route.contract;
  if (!identity || contract.envelope !== 'snap' || !contract.idempotency || contract.idempotency.recordFailures === false || !isRecordedFailure(failure.key)) return outcome;
  const now = deps.services.clock.now();
  const amount = accepted.body[contract.idempotency.amountField ?? 'amount'] as TransactionRecord['amount'];
  const record: TransactionRecord = {
    family: contract.idempotency.family,
    partnerId: accepted.client.partnerId,
    partnerReferenceNo: identity.keyValue,
    externalId: accepted.externalId,
    fingerprint: identity.fingerprint,
    status: '06',
    amount,
    reply: outcome,
    createdAt: now,
    updatedAt: now,
  };
  deps.services.db.transact((tx) => tx.put(TRANSACTIONS, identity.recordKey, record));
  return outcome;
}

async function durable(deps: PipelineDeps, outcome: Outcome): Promise<Outcome> {
  await deps.services.db.sync();
  return outcome;
}

function delayOf(effect: Effect, contract: EndpointContract, clientTimeoutMs: number | undefined): number {
  const delay = effect.delayMs;
  if (delay === undefined) return 0;
  if (delay === 'client-timeout') {
    // Past the client's timeout by a clear margin, so the client has certainly given up.
    const timeoutMs = clientTimeoutMs ?? contract.timeoutMs;
    return timeoutMs + Math.min(1000, timeoutMs);
  }
  const jitter = 'jitterMs' in effect && effect.jitterMs ? Math.floor(Math.random() * effect.jitterMs) : 0;
  return delay + jitter;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** For bodies the adapter could not read (too large, aborted): DANA's Bad Request in the endpoint's envelope. */
export function renderUnreadable(deps: PipelineDeps, method: string, path: string, reason: string): SimResponse {
  const route = deps.router.match(method, path);
  if (!route) return renderUnknownRoute(method, path);
  const failure: Failure = { key: 'BAD_REQUEST', detail: reason };
  const contract = route.contract;
  if (contract.envelope === 'snap') return renderSnap(contract, { ok: false, failure }, undefined);
  if (contract.envelope === 'bni') return renderBni(contract, { ok: false, failure });
  return renderOpenApi(contract, { ok: false, failure }, {}, deps.services.clock.now(), deps.danaKey());
}
