import type { Effect } from '../../contracts/common/rule.ts';
import { planCall, type FaultPlan, type Transport } from '../faults/plan.ts';
import { POSTINGS } from '../ledger/database.ts';
import type { Posting } from '../ledger/ledger.ts';
import { TRANSACTIONS, fingerprint, isRecordedFailure, lookup, recordKey, saveTransaction, type TransactionRecord } from './idempotency.ts';
import type { PipelineDeps } from './deps.ts';
import type { Outcome } from './render.ts';
import type { LoggedPosting } from './request-log.ts';
import { ok, type Fail, type Failure, type Result } from './result.ts';
import type { Client, Reply, RequestContext, Route } from './route.ts';
import { inputOf, validate } from './validate.ts';

// The business part of the pipeline for an authenticated request: validate, idempotency, the fault
// plan, the handler, durability. The plan (faults/plan.ts) says what to do; this file only does it, in
// the plan's order. What the plan does to the connection is returned as `transport` for the pipeline
// to apply after rendering.

export interface Accepted {
  readonly route: Route;
  readonly client: Client;
  readonly externalId: string | undefined;
  readonly body: Record<string, unknown>;
  readonly customerToken?: string;
}

export interface Processed {
  readonly outcome?: Outcome;
  readonly transport?: Transport;
  /** The fault plan this request followed, if a rule or the header made one. */
  readonly plan?: FaultPlan;
  readonly ledgerChanged: boolean;
  /** The ledger entries the handler's transaction made, for the request log. */
  readonly postings?: readonly LoggedPosting[];
}

export async function process(deps: PipelineDeps, accepted: Accepted, headerEffect: Effect | undefined): Promise<Processed> {
  const { route, client, body } = accepted;
  const contract = route.contract;
  const { db } = deps.services;
  const invalid = validate(body, contract.request);
  if (invalid) return { outcome: { ok: false, failure: invalid }, ledgerChanged: false };

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
  const settledEarlier = earlier();
  if (settledEarlier) return { outcome: await durable(deps, settledEarlier), ledgerChanged: false };

  const clientTimeoutMs = deps.clientTimeoutMs ?? contract.timeoutMs;
  const customer = route.customer && customerOf(deps, accepted);
  const plan = planCall(
    deps.rules,
    { endpoint: contract.key, partnerId: client.partnerId, body, customer, header: headerEffect },
    { clientTimeoutMs, random: deps.random },
  );
  if (plan && plan.delayMs > 0) {
    await deps.sleep(plan.delayMs);
    // Another request with the same key may have committed while this one waited.
    const settled = earlier();
    if (settled) return { outcome: await durable(deps, settled), plan, ledgerChanged: false };
  }
  const before = plan?.before;
  if (before?.kind === 'reject')
    return { outcome: await durable(deps, rejectAndRecord(deps, accepted, identity, before.failure)), plan, ledgerChanged: false };
  if (before) return { transport: before, plan, ledgerChanged: false };

  const context: RequestContext = {
    client,
    externalId: accepted.externalId,
    now: deps.services.clock.now(),
    services: deps.services,
    idempotency: identity,
    settle: plan?.settle,
    customerToken: accepted.customerToken,
  };
  const postingsBefore = db.size(POSTINGS);
  const made: Posting[] = [];
  const result = runHandler(route, body, context, made);
  const outcome: Outcome = result.ok ? { ok: true, reply: result.value } : rejectAndRecord(deps, accepted, identity, result.failure);
  const ledgerChanged = db.size(POSTINGS) !== postingsBefore;
  await durable(deps, outcome);
  const postings = made.flatMap((posting) => posting.entries.map(({ account, amountMinor }) => ({ account, amountMinor })));
  return { outcome, transport: plan?.after, plan, ledgerChanged, postings };
}

/** The customer the request names, as its route resolves it: read in a transaction that writes nothing. */
function customerOf(deps: PipelineDeps, accepted: Accepted): string | undefined {
  const { route, client, body } = accepted;
  const input = inputOf(body, route.contract.request);
  const { services } = deps;
  return services.db.transact((tx) =>
    route.customer!(input, {
      client,
      externalId: accepted.externalId,
      now: services.clock.now(),
      services,
      customerToken: accepted.customerToken,
      tx,
    }),
  );
}

/** Thrown inside the handler's transaction to leave no trace of a handler that wrote, then failed. */
class Rollback {
  constructor(readonly result: Fail) {}
}

/**
 * Runs a handler on the input its contract describes, inside one transaction that also keeps the
 * transaction record it returns: the request commits fully or leaves no trace. Idempotent endpoints
 * must return their record on success, since a retry replays it; a failure commits nothing the
 * handler wrote (rejectAndRecord keeps a business rejection separately).
 */
export function runHandler(route: Route, body: unknown, context: RequestContext, made?: Posting[]): Result<Reply> {
  const contract = route.contract;
  const family = contract.envelope === 'open-api' ? undefined : contract.idempotency?.family;
  const input = inputOf(body, contract.request);
  try {
    return context.services.db.transact((tx): Result<Reply> => {
      const result = route.handler(input, { ...context, tx });
      if (!result.ok) {
        if (tx.ops.length > 0) throw new Rollback(result);
        return result;
      }
      const { reply, record } = result.value;
      if (family && !record) throw new Error(`${contract.key} succeeded without the transaction record its retries replay`);
      if (record) {
        if (!family) throw new Error(`${contract.key} is not idempotent, yet its handler returned a transaction record`);
        saveTransaction(tx, family, context, { ...record, reply: { ok: true, reply } });
      }
      // Read before commit, from the transaction's own operations; `made` is left empty when it rolls back.
      for (const op of tx.ops) if (op.op === 'put' && op.table === POSTINGS) made?.push(op.value as Posting);
      return ok(reply);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/** DANA's top up answers a replayed failure with General Error ("idempotent failed", disbursement.md section 10). */
function replay(record: TransactionRecord, failedReplay: 'original' | 'general-error'): Outcome {
  if (record.reply.ok || failedReplay === 'original') return record.reply;
  return { ok: false, failure: { key: 'GENERAL_ERROR' } };
}

function rejectAndRecord(deps: PipelineDeps, accepted: Accepted, identity: RequestContext['idempotency'], failure: Failure): Outcome {
  const outcome: Outcome = { ok: false, failure };
  const contract = accepted.route.contract;
  if (
    !identity ||
    contract.envelope !== 'snap' ||
    !contract.idempotency ||
    contract.idempotency.recordFailures === false ||
    !isRecordedFailure(failure.key)
  )
    return outcome;
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
