import { effectFor } from '../faults/effects.ts';
import { FAULT_HEADER } from '../faults/plan.ts';
import { StorageUnavailable } from '../ledger/store.ts';
import { jakartaDay, wibIso } from '../clock/clock.ts';
import { authenticateOpenApi, parseOpenApiEnvelope } from './envelopes/open-api.ts';
import { authenticateSnap, header, type SimRequest } from './envelopes/snap.ts';
import { renderBni, renderOpenApi, renderSnap, renderUnknownRoute, type Outcome, type SimResponse } from './render.ts';
import type { Failure } from './result.ts';
import { process, type Accepted, type Processed } from './process.ts';
import { applyTransport } from './transport.ts';
import { capturedExchange } from './log-capture.ts';
import type { PipelineDeps } from './deps.ts';

export type { PipelineDeps } from './deps.ts';
import type { Route } from './route.ts';
import { authenticateBni } from './envelopes/bni.ts';
import { debugModeOn, reasonLine, withDebugMessage, type FiredRule } from './failure-reason.ts';

// The request pipeline, top to bottom:
//   1. match the route                       6. the fault plan (sandbox magic values, injected faults)
//   2. authenticate the envelope             7. the handler (validated input -> Result)
//      (headers, client, signature)          8. wait until the state is durable
//   3. parse the body                        9. render with the one renderer
//   4. validate against the contract        10. apply transport faults (drop, gateway page, cut body)
//   5. idempotency: replay or reject        11. log the request
// Steps 4-8 live in process.ts. Anything thrown is a bug: logged loudly, answered with General Error;
// except a journal that cannot be written (a full disk), which is the environment's condition.

export async function runPipeline(deps: PipelineDeps, request: SimRequest): Promise<SimResponse> {
  const started = performance.now();
  const route = deps.router.match(request.method, request.path);
  if (!route) return logged(deps, request, started, undefined, renderUnknownRoute(request.method, request.path, deps.services.clock.now()));
  const now = deps.services.clock.now();
  const opened = openEnvelope(deps, route, request, now);
  const { accepted } = opened;
  // X-Debug-Mode adds DANA's additionalInfo.debugMessage to a SNAP failure (DANA's SDKs send it only there).
  const debug = route.contract.envelope === 'snap' && debugModeOn(request);
  const render = (outcome: Outcome, rule?: FiredRule) => opened.render(debug ? withDebugMessage(outcome, rule) : outcome);
  if ('key' in accepted) {
    const refused = render({ ok: false, failure: accepted });
    // A refused SNAP envelope from a known client is observed too: UAT cases send bad headers on purpose.
    // Token requests (B2B, Widget's Apply Token) name the client in X-CLIENT-KEY instead.
    const partnerId = claimedPartner(request, opened.head);
    if (route.contract.envelope === 'snap' && partnerId && deps.directory.find(partnerId))
      observe(deps, request, () => ({
        endpoint: route.contract.key,
        path: request.path,
        partnerId,
        code: codeOf(refused),
        body: safeParse(request.body),
        reply: safeParse(refused.body),
      }));
    return logged(deps, request, started, { route, partnerId, failure: accepted }, refused);
  }
  // Past the envelope the signature was verified: every later failure is logged as such.
  const failed = (failure: Failure) =>
    logged(
      deps,
      request,
      started,
      { route, partnerId: accepted.client.partnerId, failure, verified: true },
      render({ ok: false, failure }),
    );
  const headerValue = deps.allowFaultHeader ? header(request, FAULT_HEADER) : undefined;
  const headerEffect =
    headerValue === undefined
      ? undefined
      : effectFor(
          headerValue,
          route.contract,
          deps.router.routes().map((r) => r.contract),
        );
  if (headerEffect && !headerEffect.ok) {
    const failure: Failure = { key: 'BAD_REQUEST', detail: `${FAULT_HEADER}: cannot apply "${headerValue}" to ${route.contract.key}` };
    return failed(failure);
  }
  let processed: Processed;
  try {
    processed = await process(deps, accepted, headerEffect?.value);
  } catch (error) {
    // The change was refused or rolled back, so it left no trace: DANA's own 5xx, which a client
    // retries. The store logged the outage once; a line per request would drown it.
    if (error instanceof StorageUnavailable) {
      // No trace includes the X-EXTERNAL-ID: a client retrying the same call with it must not be refused.
      if (accepted.externalId) deps.externalIds.release(accepted.client.partnerId, accepted.externalId);
      const failure: Failure = { key: 'INTERNAL_SERVER_ERROR', reason: 'the state could not be written (storage unavailable)' };
      return failed(failure);
    }
    deps.onBug?.(error, request);
    const failure: Failure = { key: 'GENERAL_ERROR', reason: `a dana-sim bug: ${error instanceof Error ? error.message : String(error)}` };
    return failed(failure);
  }
  const reply = await applyTransport(processed.transport, () => render(processed.outcome!, processed.plan), deps.sleep);
  // Read once from the rendered body, for the observers and the log both.
  const code = codeOf(reply);
  observe(deps, request, () => ({
    endpoint: route.contract.key,
    path: request.path,
    partnerId: accepted.client.partnerId,
    code,
    body: accepted.body,
    reply: reply.drop ? undefined : safeParse(reply.body),
  }));
  return logged(deps, request, started, { route, partnerId: accepted.client.partnerId, processed, verified: true }, reply, code);
}

/** Names the UAT run that sent a request (`dana-sim uat` against a running simulator). */
const RUN_HEADER = 'x-dana-sim-run';

/** The event is built only when someone observes: parsing every reply would cost the rest. */
function observe(deps: PipelineDeps, request: SimRequest, event: () => Parameters<NonNullable<PipelineDeps['observe']>>[0]): void {
  if (!deps.observe) return;
  try {
    const run = header(request, RUN_HEADER);
    deps.observe(run === undefined ? event() : { ...event(), run });
  } catch (error) {
    // Watching traffic (UAT progress) must never change a reply whose work is already committed.
    deps.onBug?.(error, request);
  }
}

function codeOf(reply: SimResponse): string {
  if (reply.drop) return 'dropped';
  try {
    const body = JSON.parse(reply.body) as {
      responseCode?: string;
      status?: string;
      response?: { body?: { resultInfo?: { resultCode?: string } } };
    };
    return body.responseCode ?? body.response?.body?.resultInfo?.resultCode ?? body.status ?? String(reply.status);
  } catch {
    return String(reply.status);
  }
}

function logged(
  deps: PipelineDeps,
  request: SimRequest,
  started: number,
  // verified: the envelope's signature (or token) was checked and accepted.
  context: { route?: Route; partnerId?: string; processed?: Processed; failure?: Failure; verified?: boolean } | undefined,
  reply: SimResponse,
  code = codeOf(reply),
): SimResponse {
  const plan = context?.processed?.plan;
  const outcome = context?.processed?.outcome;
  const failure = context?.failure ?? (outcome && !outcome.ok ? outcome.failure : undefined);
  const reason = failure
    ? reasonLine(failure, plan)
    : plan && !outcome
      ? `Rule "${plan.rule}" fired (${plan.effect}).`
      : context?.route
        ? undefined
        : `No endpoint serves ${request.method} ${request.path}.`;
  const durationMs = Math.round(performance.now() - started);
  const atMs = deps.services.clock.now();
  deps.log.add({
    at: wibIso(atMs),
    atMs,
    method: request.method,
    path: request.path,
    endpoint: context?.route?.contract.key,
    partnerId: context?.partnerId,
    httpStatus: reply.status,
    code,
    rule: plan?.rule,
    effect: plan?.effect,
    verified: context?.verified ?? false,
    ledgerChanged: context?.processed?.ledgerChanged ?? false,
    postings: context?.processed?.postings ?? [],
    ...capturedExchange(request, reply.body, (error) => deps.onBug?.(error, request)),
    durationMs,
    ...(reason && { reason }),
    ...(failure?.diagnosis && { diagnosis: failure.diagnosis }),
  });
  return reply;
}

interface Opened {
  readonly accepted: Accepted | Failure;
  readonly render: (outcome: Outcome) => SimResponse;
  /** The Open API head, which names the client of a refused envelope. */
  readonly head?: Record<string, unknown>;
}

/** The partner a request names, even when refused: X-PARTNER-ID, a token request's X-CLIENT-KEY, the Open API head. */
function claimedPartner(request: SimRequest, head: Record<string, unknown> | undefined): string | undefined {
  const named = header(request, 'x-partner-id') ?? header(request, 'x-client-key') ?? head?.clientId;
  return typeof named === 'string' && named !== '' ? named : undefined;
}

/** Authenticates the request in its endpoint's envelope and returns the renderer for its reply. */
function openEnvelope(deps: PipelineDeps, route: Route, request: SimRequest, now: number): Opened {
  const contract = route.contract;
  switch (contract.envelope) {
    case 'snap': {
      const auth = authenticateSnap(request, contract, {
        directory: deps.directory,
        externalIds: deps.externalIds,
        tokens: deps.tokens,
        day: jakartaDay(now),
        now,
      });
      const requestBody = auth.ok ? auth.value.body : safeParse(request.body);
      return {
        accepted: auth.ok ? { route, ...auth.value } : auth.failure,
        render: (outcome) => renderSnap(contract, outcome, requestBody, deps.services.clock.now(), request.path),
      };
    }
    case 'open-api': {
      const envelope = parseOpenApiEnvelope(request.body);
      const auth = authenticateOpenApi(request, envelope, contract, deps.directory);
      return {
        accepted: auth.ok
          ? { route, client: auth.value.client, externalId: undefined, body: auth.value.body, customerToken: headToken(auth.value.head) }
          : auth.failure,
        render: (outcome) => renderOpenApi(contract, outcome, envelope?.head ?? {}, deps.services.clock.now(), deps.danaKey()),
        head: envelope?.head,
      };
    }
    case 'bni': {
      const auth = authenticateBni(request, deps.bni());
      return {
        accepted: auth.ok ? { route, client: auth.value.client, externalId: undefined, body: auth.value.body } : auth.failure,
        render: (outcome) => renderBni(contract, outcome),
      };
    }
  }
}

/** An Open API head's `accessToken` (a customer token: queryUserProfile), when it carries one. */
function headToken(head: Record<string, unknown>): string | undefined {
  return typeof head.accessToken === 'string' && head.accessToken !== '' ? head.accessToken : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A reply in the endpoint's own format for a request the pipeline never saw (or that a bug cut short). */
export function renderRejected(deps: PipelineDeps, method: string, path: string, failure: Failure): SimResponse {
  const route = deps.router.match(method, path);
  const now = deps.services.clock.now();
  if (!route) return renderUnknownRoute(method, path, now);
  const contract = route.contract;
  if (contract.envelope === 'snap') return renderSnap(contract, { ok: false, failure }, undefined, now, path);
  if (contract.envelope === 'bni') return renderBni(contract, { ok: false, failure });
  return renderOpenApi(contract, { ok: false, failure }, {}, deps.services.clock.now(), deps.danaKey());
}
