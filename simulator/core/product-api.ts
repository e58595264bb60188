import { wibIso } from '../clock/clock.ts';
import { POSTINGS, type Database } from '../ledger/database.ts';
import type { Posting } from '../ledger/ledger.ts';
import { StorageUnavailable } from '../ledger/store.ts';
import type { PipelineDeps } from './deps.ts';
import type { SimRequest } from './envelopes/snap.ts';
import { capturedExchange } from './log-capture.ts';
import type { ApiReply, Product, ProductApi, Runtime } from './product.ts';
import type { SimResponse } from './render.ts';
import type { LoggedPosting } from './request-log.ts';

// A product's own HTTP API (Product.api): served beside DANA's pipeline, not through it, since its
// envelope, errors and methods are its own. What the pipeline gives every DANA call it gives these too:
// a request-log entry (bodies redacted by the same capture), the postings made, the request observers,
// and due work run after the change; a bug, a full disk or a body over the limit is answered in the
// product's own error shape, never DANA's.

export interface ProductApiDeps {
  readonly runtime: Runtime;
  readonly db: Database;
  readonly log: PipelineDeps['log'];
  readonly observe?: PipelineDeps['observe'];
  readonly onBug?: PipelineDeps['onBug'];
  /** Runs what the change made due (order timers, outbox), without waiting for deliveries. */
  readonly afterChange: () => Promise<void>;
}

/**
 * Hosts the products stand in for besides DANA's API hosts, as `https://` URLs: page hosts (written as
 * URLs) and product API hosts (written as bare names, `apitest.example.com`, or as URLs).
 */
export function standInHostUrls(products: readonly Product[]): string[] {
  const asUrl = (host: string) => (host.includes('://') ? host : `https://${host}`);
  return [...new Set(products.flatMap((product) => [...(product.pages?.hosts ?? []), ...(product.api?.hosts ?? [])].map(asUrl)))];
}

/** The product API that serves a request DANA's routes do not: the first product whose API matches. */
export function productApiFor(products: readonly Product[], method: string, path: string): ProductApi | undefined {
  for (const product of products) if (product.api?.matches(method, path)) return product.api;
  return undefined;
}

export async function serveProductApi(deps: ProductApiDeps, api: ProductApi, request: SimRequest): Promise<SimResponse> {
  const started = performance.now();
  const postingsBefore = deps.db.size(POSTINGS);
  let reply: ApiReply;
  try {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
    const url = new URL(`${request.path}${request.search ?? ''}`, `http://${headers.host ?? 'localhost'}`);
    reply = await api.handle(deps.runtime, { method: request.method, url, headers, body: request.body });
    await deps.db.sync();
    await deps.afterChange();
  } catch (error) {
    // A full disk refused or rolled back the change: the product's own 503, which a client retries.
    if (error instanceof StorageUnavailable) reply = api.failure(503, 'The simulator could not store the change (storage unavailable).');
    else {
      deps.onBug?.(error, request);
      reply = api.failure(500, 'An internal error occurred in the simulator.');
    }
  }
  return loggedApiReply(deps, request, reply, started, postingsMadeSince(deps.db, postingsBefore));
}

/** A reply the simulator made for the product (a body it would not read): logged like the product's own. */
export function loggedApiReply(
  deps: Pick<ProductApiDeps, 'runtime' | 'log' | 'observe' | 'onBug'>,
  request: SimRequest,
  reply: ApiReply,
  started = performance.now(),
  postings: readonly LoggedPosting[] = [],
): SimResponse {
  const { log, ...response } = reply;
  const code = log?.code ?? String(reply.status);
  const exchange = capturedExchange(request, reply.body, (error) => deps.onBug?.(error, request));
  if (deps.observe && log?.endpoint && log.partnerId) {
    const event = {
      endpoint: log.endpoint,
      path: request.path,
      partnerId: log.partnerId,
      code,
      body: parsed(request.body),
      reply: parsed(reply.body),
    };
    try {
      deps.observe(event);
    } catch (error) {
      // Watching traffic must never change a reply whose work is already committed.
      deps.onBug?.(error, request);
    }
  }
  const atMs = deps.runtime.clock.now();
  deps.log.add({
    at: wibIso(atMs),
    atMs,
    method: request.method,
    path: request.path,
    endpoint: log?.endpoint,
    partnerId: log?.partnerId,
    httpStatus: reply.status,
    code,
    verified: false,
    ledgerChanged: postings.length > 0,
    postings,
    ...exchange,
    references: { ...exchange.references, ...log?.references },
    durationMs: Math.round(performance.now() - started),
  });
  return response;
}

/**
 * The postings committed since the table held `before` rows. A product API may commit several
 * transactions, so they are read back from the table (kept in insertion order) rather than from one.
 */
function postingsMadeSince(db: Database, before: number): LoggedPosting[] {
  const after = db.size(POSTINGS);
  if (after <= before) return [];
  const made: LoggedPosting[] = [];
  let index = 0;
  // Keys only up to the new rows: older rows stay unparsed.
  for (const [key] of db.storedEntries(POSTINGS)) {
    if (index++ < before) continue;
    for (const { account, amountMinor } of db.get<Posting>(POSTINGS, key)!.entries) made.push({ account, amountMinor });
  }
  return made;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
