import { Database, type Transaction } from '../../ledger/database.ts';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_TTL_MS } from '../../../contracts/aggregator/index.ts';
import type { SimResponse } from '../../core/render.ts';
import type { Param, Params } from './form.ts';
import { fail, renderError } from './render.ts';

// `Idempotency-Key` on POSTs (WooshPay: header named, conflict → 409 `idempotency_error`; the rest is
// Stripe's documented behaviour): the first reply is kept and replayed with `Idempotent-Replayed:
// true`; the same key with other parameters is refused; a refusal made before anything changed
// (a 4xx that wrote nothing) is not kept, so the corrected request can reuse the key; a key is
// forgotten 24 hours after first use on the simulator clock. Parameters are compared once parsed, so
// a form body and a JSON body carrying the same values are the same request.

/** The product owns this table (lists it, clears it on reset). */
export const IDEMPOTENCY_TABLE = 'aggregatorIdempotency';

interface StoredReply {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly params: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly at: number;
}

/**
 * Runs `run` at most once per live key. `run` works inside the transaction it is given; pass a
 * Database to have one opened (and committed) here, or the caller's open Transaction.
 */
export function idempotent(
  store: Database | Transaction,
  key: string | undefined,
  method: string,
  path: string,
  params: Params,
  now: number,
  run: (tx: Transaction) => SimResponse,
): SimResponse {
  if (store instanceof Database) return store.transact((tx) => idempotent(tx, key, method, path, params, now, run));
  const tx = store;
  // Stripe ignores the key on GET and DELETE: they change nothing a retry could repeat.
  if (key === undefined || method.toUpperCase() !== 'POST') return run(tx);
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) return renderError(fail('idempotency_key_too_long'));
  const canonical = canonicalParams(params);
  const stored = tx.get<StoredReply>(IDEMPOTENCY_TABLE, key);
  if (stored && stored.at + IDEMPOTENCY_TTL_MS > now) {
    if (stored.method !== 'POST' || stored.path !== path || stored.params !== canonical)
      return renderError(fail('idempotency_mismatch', { key }));
    return { status: stored.status, headers: { ...stored.headers, 'idempotent-replayed': 'true' }, body: stored.body };
  }
  const opsBefore = tx.ops.length;
  const reply = run(tx);
  const refusedUnchanged = reply.status >= 400 && reply.status < 500 && tx.ops.length === opsBefore;
  if (!refusedUnchanged) {
    const row: StoredReply = {
      key,
      method: 'POST',
      path,
      params: canonical,
      status: reply.status,
      headers: reply.headers,
      body: reply.body,
      at: now,
    };
    tx.put(IDEMPOTENCY_TABLE, key, row);
  }
  return reply;
}

/** Drops keys older than 24 hours; for the product's due work, so the table does not grow forever. */
export function pruneIdempotency(tx: Transaction, now: number): number {
  let dropped = 0;
  for (const row of tx.values<StoredReply>(IDEMPOTENCY_TABLE)) {
    if (row.at + IDEMPOTENCY_TTL_MS > now) continue;
    tx.delete(IDEMPOTENCY_TABLE, row.key);
    dropped += 1;
  }
  return dropped;
}

/** Sorted keys, every scalar as its text: `amount=100` and `{"amount":100}` compare equal. */
function canonicalParams(value: Param): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: Param): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .map((name) => [name, canonical(value[name]!)]);
  }
  return value === null ? '' : String(value);
}
