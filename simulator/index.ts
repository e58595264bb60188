import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { SimulatorClock } from './clock/clock.ts';
import { ClockIds } from './clock/ids.ts';
import { isControlPath } from './control/api.ts';
import type { CredentialsSource } from './control/credentials.ts';
import { isDashboardRequest } from './dashboard/serve.ts';
import type { ControlHost } from './control/host.ts';
import type { BniCredentials } from './core/envelopes/bni.ts';
import type { SimRequest } from './core/envelopes/snap.ts';
import { ExternalIdRegistry } from './core/external-ids.ts';
import { TRANSACTIONS } from './core/idempotency.ts';
import { renderRejected, runPipeline, type PipelineDeps } from './core/pipeline.ts';
import type { Product, ProductApi, ProductSettings, Runtime } from './core/product.ts';
import { loggedApiReply, productApiFor, serveProductApi, standInHostUrls, type ProductApiDeps } from './core/product-api.ts';
import { localContext, serveLocal, type LocalContext } from './local-requests.ts';
import { seededRandom } from './core/random.ts';
import type { SimResponse } from './core/render.ts';
import { RequestLog } from './core/request-log.ts';
import { Feed } from './control/events.ts';
import type { Services } from './core/route.ts';
import { Router } from './core/router.ts';
import { headerRecord, toFetchResponse } from './core/fetch.ts';
import { RuleTable } from './faults/rules.ts';
import { Database, POSTINGS } from './ledger/database.ts';
import { DamagedLedger } from './ledger/verify.ts';
import { storedLedgerProblems } from './parties/ledger-check.ts';
import { MemoryStore, StorageUnavailable } from './ledger/store.ts';
import { NotificationSender } from './notifications/delivery.ts';
import { NOTIFICATIONS, type NotificationRecord } from './notifications/outbox.ts';
import { loadFakeNames } from './parties/fake-names.ts';
import { BNI_KEY, META, keyPairsNeeded, provision } from './parties/provision.ts';
import { Parties } from './parties/registry.ts';
import { seedUsers } from './parties/users.ts';
import { PRODUCTS } from './products/index.ts';
import { generateRsaKeyPairOffThread, toPrivateKey, toPublicKey, type RsaKeyPair } from './signature/keys.ts';
import { AccessTokens } from './signature/tokens.ts';
import type { Connection, SimulatorOptions } from './options.ts';

// Wires one simulator from its products: state, route table, rules, the pipeline, the control API and
// hosted pages. `fetch()` is the one entry point; adapters (node:http, msw, the forwarder) only
// translate to and from it. Nothing here names a product: they come from products/index.ts.

/** How often due work is looked for in real time; the simulator clock decides what is due. */
const TICK_MS = 200;
const CLOCK_KEY = 'clock';
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** What a failed round of due work is reported as (onBug takes the request it failed on). */
const DUE_WORK: SimRequest = { method: 'TICK', path: 'due work', headers: {}, body: '' };
/** DANA's sandbox cashier host; the msw adapter serves hosted pages there. */
export const DEFAULT_PAGES_URL = 'https://m.sandbox.dana.id';

export type { SimRequest } from './core/envelopes/snap.ts';
export type { SimResponse } from './core/render.ts';
export { dropOf } from './core/fetch.ts';
export type { Connection, SimulatorOptions } from './options.ts';

export class Simulator {
  readonly products: readonly Product[];
  readonly parties: Parties;
  readonly rules: RuleTable;
  readonly log = new RequestLog();
  /** Every notification attempt as it is recorded: the live event stream's second source. */
  readonly notificationAttempts = new Feed<NotificationRecord>();
  /** The simulator clock (tests move it without persisting; `advanceClock` is the durable way). */
  readonly clock: SimulatorClock;
  /** What products see; also what tests read state through. */
  readonly runtime: Runtime;
  /** What handlers see (tests build handler contexts from it). */
  readonly services: Services;
  private readonly db: Database;
  private readonly router: Router;
  private readonly notifications: NotificationSender;
  private readonly deps: PipelineDeps;
  private readonly local: LocalContext;
  private readonly apiDeps: ProductApiDeps;
  private readonly timer: NodeJS.Timeout | undefined;
  private working: Promise<void> | undefined;
  private credentialsSource: CredentialsSource | undefined;

  private constructor(
    db: Database,
    clock: SimulatorClock,
    seed: string,
    readonly danaKeys: RsaKeyPair,
    products: readonly Product[],
    private readonly options: SimulatorOptions,
  ) {
    this.db = db;
    this.clock = clock;
    this.products = products;
    this.router = new Router(this.products.flatMap((product) => product.routes ?? []));
    this.parties = new Parties(db);
    this.rules = new RuleTable(
      this.router.routes().map((route) => route.contract),
      seededRandom(`${seed}:rules`),
      this.router
        .routes()
        .filter((route) => route.customer)
        .map((route) => route.contract.key),
    );
    this.rules.loadSandbox(SANDBOX_RULES, options.sandboxRules ?? true);
    const danaPrivateKey = toPrivateKey(danaKeys.privateKeyPem);
    const danaPublicKey = toPublicKey(danaKeys.publicKeyPem);
    const tokens = new AccessTokens(() => ({ privateKey: danaPrivateKey, publicKey: danaPublicKey }), clock);
    const ids = new ClockIds(clock);
    const payees = new Map(this.products.flatMap((product) => Object.entries(product.payees ?? {})));
    const pageLogins = new Map(this.products.flatMap((product) => Object.entries(product.pageLogins ?? {})));
    const pagesUrl =
      typeof options.pagesUrl === 'function' ? options.pagesUrl : () => (options.pagesUrl as string | undefined) ?? DEFAULT_PAGES_URL;
    const settings: ProductSettings = options;
    this.runtime = {
      db,
      clock,
      ids,
      seed,
      settings,
      pagesUrl,
      payee: (kind) => payees.get(kind),
      pageLogin: (parameter) => pageLogins.get(parameter),
      rules: (source) => this.rules.list(source as Parameters<RuleTable['list']>[0]),
      settle: async () => {
        await db.sync();
        await this.runDueWork();
      },
    };
    this.services = { db, clock, ids, seed, settings, pagesUrl, payee: this.runtime.payee, tokens };
    this.notifications = new NotificationSender({
      db,
      clock,
      danaKey: () => danaPrivateKey,
      timeoutMs: options.notificationTimeoutMs,
      kinds: Object.assign({}, ...this.products.map((product) => product.notificationKinds?.(this.runtime) ?? {})),
      onRecorded: (record) => this.notificationAttempts.emit(record),
      onAttempt: (record, acknowledged) => {
        const event = { kind: record.kind, partnerId: record.partnerId, body: record.body, acknowledged };
        for (const product of this.products) product.observe?.notification?.(this.runtime, event);
      },
    });
    this.deps = {
      router: this.router,
      services: this.services,
      rules: this.rules,
      directory: this.parties,
      externalIds: new ExternalIdRegistry(),
      tokens,
      danaKey: () => danaPrivateKey,
      bni: () => this.bni(),
      clientTimeoutMs: options.clientTimeoutMs,
      allowFaultHeader: options.allowFaultHeader ?? false,
      random: seededRandom(`${seed}:latency`),
      log: this.log,
      observe: (event) => {
        for (const product of this.products) product.observe?.request?.(this.runtime, event);
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onBug: options.onBug ?? ((error, request) => console.error(`dana-sim bug while serving ${request.method} ${request.path}:`, error)),
    };
    const host: ControlHost = {
      runtime: this.runtime,
      products: this.products,
      parties: this.parties,
      rules: this.rules,
      log: this.log,
      danaPublicKeyPem: danaKeys.publicKeyPem,
      bni: () => this.bni(),
      credentials: () => this.credentialsSource,
      advanceClock: (durationMs) => this.advanceClock(durationMs),
      clockOffsetMs: () => this.clock.offset(),
      restoreClock: (offsetMs) => this.restoreClock(offsetMs),
      reset: () => this.reset(),
    };
    const feeds = { log: this.log, notificationAttempts: this.notificationAttempts, controlToken: options.controlToken };
    this.local = localContext(host, feeds, this.pageHosts());
    this.apiDeps = {
      runtime: this.runtime,
      db,
      log: this.log,
      observe: this.deps.observe,
      onBug: this.deps.onBug,
      // Due work runs now (an order the call paid settles its owner), deliveries go out on their own.
      afterChange: async () => void this.runDueWork().catch((error: unknown) => this.deps.onBug?.(error, DUE_WORK)),
    };
    if (options.background ?? true) {
      // A failed tick (a write that failed, a product's due work that threw) is reported and retried on
      // the next tick; left unhandled, the rejection would end the process.
      this.timer = setInterval(() => {
        this.runDueWork().catch((error: unknown) => this.deps.onBug?.(error, DUE_WORK));
      }, TICK_MS);
      this.timer.unref();
    }
  }

  static async create(options: SimulatorOptions = {}): Promise<Simulator> {
    const clock = options.clock ?? new SimulatorClock();
    const db = await Database.open(options.store ?? new MemoryStore());
    // A checksum proves the bytes are the ones written; this proves what they add up to.
    const damage = storedLedgerProblems(db);
    if (damage.length > 0) {
      await db.close();
      throw new DamagedLedger(damage);
    }
    // Time moved by `clock advance` stays moved across restarts: pending work is scheduled on it.
    const advanced = db.get<{ offsetMs: number }>(META, CLOCK_KEY)?.offsetMs ?? 0;
    if (advanced > 0 && clock.canAdvance(advanced)) clock.advance(advanced);
    const products = [...(options.products ?? PRODUCTS), ...(options.extensions ?? [])];
    // A first start's keys are most of its time: made together on the thread pool, not in turn.
    const keyPairs = await Promise.all(Array.from({ length: keyPairsNeeded(db, options) }, generateRsaKeyPairOffThread));
    const now = clock.now();
    const { settings, danaKeys } = provision(db, {
      keyPairs,
      seed: options.seed,
      danaKeys: options.danaKeys,
      merchant: options.merchant,
      partner: options.partner,
      now,
      seedWorld: (tx, seed) => seedWorld(products, tx, now, seed),
    });
    await db.sync();
    return new Simulator(db, clock, settings.seed, danaKeys, products, options);
  }

  /** Loads now what requests would load on first use (generated names), for a server that is idle. */
  warm(): void {
    loadFakeNames();
  }

  /**
   * Every host this stands in for besides DANA's API hosts, as `https://` URLs: products' page hosts
   * and their own APIs' hosts. msw, the TLS drop-in and the browser guard serve on these.
   */
  pageHosts(): string[] {
    return standInHostUrls(this.products);
  }

  /** Every DANA API path served (each endpoint under each of its SDK paths). */
  apiPaths(): string[] {
    return this.router.paths();
  }

  /**
   * The one entry point: DANA's API, the control API (under /__sim, loopback callers only) and hosted
   * pages. A dropped connection comes back as a network-error Response; `dropOf()` says how to drop it.
   */
  async fetch(request: Request, connection: Connection = { loopback: true }): Promise<Response> {
    const url = new URL(request.url);
    // Byte for byte: Request.text() would drop a leading BOM, which DANA refuses as unparsable JSON.
    const bytes = new Uint8Array(await request.arrayBuffer());
    const api = this.apiRequest(request.method, url, bytes, () => headerRecord(request.headers));
    if (api) return toFetchResponse(await this.handle(api));
    if (bytes.byteLength > this.maxBodyBytes)
      return toFetchResponse(this.unreadable(request.method, url.pathname, 'body too large', () => headerRecord(request.headers)));
    return serveLocal(this.local, request, url, UTF8.decode(bytes), connection);
  }

  /**
   * The pipeline's request for a call to DANA's API, or undefined when fetch() must serve it: the
   * control API, a hosted page, a body over the limit. fetch() starts here; an adapter that reads
   * requests itself (node:http) calls this and then handle(), skipping the Fetch API's Request and
   * Response, which cost more per call than the pipeline's own bookkeeping. `headers` (lower-case
   * names) is asked for only when the request is the API's.
   */
  apiRequest(method: string, url: URL, bytes: Uint8Array, headers: () => Record<string, string>): SimRequest | undefined {
    if (!this.isApiCall(method, url, bytes.byteLength)) return undefined;
    const request = { method, path: url.pathname, headers: headers(), body: UTF8.decode(bytes) };
    return url.search === '' ? request : { ...request, search: url.search };
  }

  /** Whether apiRequest() takes a request with a body of this size: known before the body is read. */
  isApiCall(method: string, url: URL, bodyBytes: number): boolean {
    if (bodyBytes > this.maxBodyBytes || isControlPath(url.pathname) || isDashboardRequest(method, url.pathname)) return false;
    return !this.local.pages.has(`${method.toUpperCase()} ${url.pathname}`);
  }

  private get maxBodyBytes(): number {
    return this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** DANA's API for a request already read (the pipeline's own request shape). */
  handle(request: SimRequest): Promise<SimResponse> {
    const api = this.productApi(request.method, request.path);
    return api ? serveProductApi(this.apiDeps, api, request) : runPipeline(this.deps, request);
  }

  /** The product API serving a path none of DANA's routes serve, if any. */
  private productApi(method: string, path: string): ProductApi | undefined {
    if (!this.products.some((product) => product.api)) return undefined;
    return this.router.match(method, path) ? undefined : productApiFor(this.products, method, path);
  }

  /**
   * The reply for a request whose body could not be read (too large, aborted): DANA's Bad Request, or
   * the product API's own 413/400 on its paths.
   */
  unreadable(method: string, path: string, reason: string, headers: () => Record<string, string> = () => ({})): SimResponse {
    const api = this.productApi(method, path);
    if (!api) return renderRejected(this.deps, method, path, { key: 'BAD_REQUEST', detail: reason });
    const status = reason === 'body too large' ? 413 : 400;
    return loggedApiReply(
      this.apiDeps,
      { method, path, headers: headers(), body: '' },
      api.failure(status, `The request body could not be read: ${reason}.`),
    );
  }

  /** A bug outside the pipeline (in an adapter): reported like any other, answered with DANA's (or the product API's) general error. */
  internalError(error: unknown, request: SimRequest): SimResponse {
    this.deps.onBug?.(error, request);
    const api = this.productApi(request.method, request.path);
    if (api) return api.failure(500, 'An internal error occurred in the simulator.');
    return renderRejected(this.deps, request.method, request.path, { key: 'GENERAL_ERROR' });
  }

  /** The server adapter says where it wrote the credentials file, so GET /__sim/credentials can serve the private key. */
  useCredentials(source: CredentialsSource): void {
    this.credentialsSource = source;
  }

  /** BNI e-collection credentials for the sandbox deposit top-up. */
  bni(): BniCredentials {
    return this.db.get<BniCredentials>(META, BNI_KEY)!;
  }

  /** Moves the simulator clock forward (durably) and runs what became due. */
  async advanceClock(durationMs: number): Promise<void> {
    this.clock.advance(durationMs);
    const offsetMs = (this.db.get<{ offsetMs: number }>(META, CLOCK_KEY)?.offsetMs ?? 0) + durationMs;
    this.db.transact((tx) => tx.put(META, CLOCK_KEY, { offsetMs }));
    await this.db.sync();
    await this.runDueWork();
  }

  /**
   * Puts the clock back to an offset a snapshot took (`POST /clock/restore`), durably: a UAT run
   * against this simulator leaves its clock as it found it. Work that became due meanwhile has run.
   */
  async restoreClock(offsetMs: number): Promise<void> {
    const rewoundMs = this.clock.offset() - offsetMs;
    this.clock.rewindTo(offsetMs);
    const persisted = this.db.get<{ offsetMs: number }>(META, CLOCK_KEY)?.offsetMs ?? 0;
    this.db.transact((tx) => tx.put(META, CLOCK_KEY, { offsetMs: Math.max(0, persisted - rewoundMs) }));
    await this.db.sync();
  }

  /** Wipes transactions, balances and notifications; keeps identities and credentials; re-seeds every product. */
  async reset(): Promise<void> {
    const now = this.runtime.clock.now();
    // One transaction: a crash can never leave the world wiped but not re-seeded.
    this.db.transact((tx) => {
      for (const table of [TRANSACTIONS, POSTINGS, NOTIFICATIONS, ...this.products.flatMap((product) => product.tables ?? [])])
        tx.clear(table);
      seedWorld(this.products, tx, now, this.runtime.seed);
    });
    await this.db.sync();
  }

  /**
   * Runs every product's due work and sends due notifications; resolves when the sends it started have
   * finished. The timer calls it; tests and `clock advance` call it to be deterministic.
   */
  runDueWork(): Promise<void> {
    // Cleared once settled, never before it is stored: a round that fails at once must not stay the
    // running one, or due work would stop for good.
    this.working ??= this.dueWork().finally(() => {
      this.working = undefined;
    });
    return this.working;
  }

  private async dueWork(): Promise<void> {
    // While the journal cannot be written, due work waits for the disk: its changes would be refused
    // (or rolled back, when the disk fills mid-round) and the store logged the outage once.
    if (this.db.unavailable()) return;
    const now = this.runtime.clock.now();
    try {
      for (const product of this.products) product.due?.(this.runtime, now);
      await this.db.sync();
    } catch (error) {
      if (error instanceof StorageUnavailable) return;
      throw error;
    }
    await this.notifications.deliverDue();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.working;
    await this.notifications.idle();
    await this.db.close();
  }
}

/** The world's starting state: the UAT customers' balances, then each product's seed. */
function seedWorld(products: readonly Product[], tx: Parameters<NonNullable<Product['seed']>>[0], now: number, seed: string): void {
  seedUsers(tx, now);
  for (const product of products) product.seed?.(tx, { now, seed });
}
