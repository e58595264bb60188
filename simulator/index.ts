import type { KeyObject } from 'node:crypto';
import { ENDPOINTS } from '../contracts/index.ts';
import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { SimulatorClock } from './clock/clock.ts';
import type { SimRequest } from './core/envelopes/snap.ts';
import { ExternalIdRegistry } from './core/external-ids.ts';
import { RequestLog } from './core/request-log.ts';
import { UatProgress } from '../scenarios/progress.ts';
import { ClockIds } from './clock/ids.ts';
import { renderRejected, runPipeline, type PipelineDeps } from './core/pipeline.ts';
import type { SimResponse } from './core/render.ts';
import type { Services } from './core/route.ts';
import { Router } from './core/router.ts';
import { BNI_KEY, META, provision, type MerchantSeed, type PartnerSeed } from './parties/provision.ts';
import type { BniCredentials } from './core/envelopes/bni.ts';
import { seededRandom } from './core/random.ts';
import { RuleTable } from './faults/rules.ts';
import { Database } from './ledger/database.ts';
import { MemoryStore, type Store } from './ledger/store.ts';
import { disbursementRoutes } from './products/disbursement/index.ts';
import { merchantRoutes } from './products/merchant/index.ts';
import { MerchantDirectory, type MerchantRecord } from './parties/merchants.ts';
import { toPrivateKey, toPublicKey, type RsaKeyPair } from './signature/keys.ts';
import { AccessTokens } from './signature/tokens.ts';
import { authRoutes } from './products/auth/index.ts';
import { paymentGatewayRoutes } from './products/payment-gateway/index.ts';
import { closeExpiredOrders } from './products/payment-gateway/orders.ts';
import { virtualAccountRoutes } from './products/virtual-account/index.ts';
import { PartnerDirectory, combinedDirectory, type PartnerRecord } from './parties/banks.ts';
import { checkExpiredInquiries, vaCallbackHooks } from './products/virtual-account/callbacks.ts';
import { NotificationSender } from './notifications/delivery.ts';
import { completeDueTransfers } from './products/disbursement/bank-transfers.ts';
import { DEFAULT_TRANSFER_COMPLETION_MS } from '../contracts/disbursement/index.ts';

/** How often due work is looked for in real time; the simulator clock decides what is due. */
const TICK_MS = 200;
const CLOCK_KEY = 'clock';
/** DANA's sandbox cashier host; the msw adapter serves the simulated cashier there. */
export const DEFAULT_CASHIER_URL = 'https://m.sandbox.dana.id';

// Wires one simulator: state, route table, rules and the pipeline. Adapters (express, msw, CLI)
// only translate to and from `handle()`.

export type { SimRequest } from './core/envelopes/snap.ts';
export type { SimResponse } from './core/render.ts';

export interface SimulatorOptions {
  /** Defaults to memory: nothing survives the process (tests, msw). */
  readonly store?: Store;
  /** Seed for generated names and probability rules; persisted at first start. */
  readonly seed?: string;
  /** DANA's sandbox magic values as default rules (default true). */
  readonly sandboxRules?: boolean;
  /** Replaces every endpoint's documented timeout for `client-timeout` delays. */
  readonly clientTimeoutMs?: number;
  readonly clock?: SimulatorClock;
  /** Fixed credentials for the merchant provisioned at first start. */
  readonly merchant?: MerchantSeed;
  /** Fixed credentials for the bank provisioned at first start. */
  readonly partner?: PartnerSeed;
  /** A fixed DANA key pair (tests reuse one to skip key generation). */
  readonly danaKeys?: RsaKeyPair;
  /** How long asynchronous transfers stay in progress, on the simulator clock (default 3 s). */
  readonly transferCompletionMs?: number;
  /** The VA inquiry-to-payment window, on the simulator clock (default DANA's 5 minutes). */
  readonly vaWindowMs?: number;
  /** Base URL of the simulated DANA cashier in webRedirectUrl (the HTTP server sets its own). */
  readonly cashierUrl?: string | (() => string);
  /** How long a merchant has to answer a notification (default DANA's 8 s). */
  readonly notificationTimeoutMs?: number;
  /** Honour the per-request X-Sim-Fault header (default false: it must never leak into a shared deployment). */
  readonly allowFaultHeader?: boolean;
  /** Run due work (transfer completion, notification delivery) on a timer (default true). */
  readonly background?: boolean;
  readonly onBug?: (error: unknown, request: SimRequest) => void;
}

export class Simulator {
  readonly router = new Router([...merchantRoutes, ...disbursementRoutes, ...authRoutes, ...virtualAccountRoutes, ...paymentGatewayRoutes]);
  readonly rules: RuleTable;
  readonly directory: MerchantDirectory;
  readonly partners: PartnerDirectory;
  readonly tokens: AccessTokens;
  readonly externalIds = new ExternalIdRegistry();
  readonly log = new RequestLog();
  readonly uat = new UatProgress();
  readonly notifications: NotificationSender;
  readonly services: Services;
  private readonly danaPrivateKey: KeyObject;
  private readonly deps: PipelineDeps;
  private readonly timer: NodeJS.Timeout | undefined;
  private working: Promise<void> | undefined;

  private constructor(
    readonly db: Database,
    readonly clock: SimulatorClock,
    readonly seed: string,
    readonly danaKeys: RsaKeyPair,
    options: SimulatorOptions,
  ) {
    this.directory = new MerchantDirectory(db);
    this.partners = new PartnerDirectory(db);
    this.rules = new RuleTable(ENDPOINTS, seededRandom(`${seed}:rules`));
    if (options.sandboxRules ?? true) for (const rule of SANDBOX_RULES) this.rules.add(rule, 'sandbox');
    this.danaPrivateKey = toPrivateKey(danaKeys.privateKeyPem);
    const danaPublicKey = toPublicKey(danaKeys.publicKeyPem);
    this.tokens = new AccessTokens(() => ({ privateKey: this.danaPrivateKey, publicKey: danaPublicKey }), clock);
    const ids = new ClockIds(clock);
    const services: Services = {
      db,
      clock,
      ids,
      seed,
      transferCompletionMs: options.transferCompletionMs ?? DEFAULT_TRANSFER_COMPLETION_MS,
      vaWindowMs: options.vaWindowMs,
      cashierUrl: typeof options.cashierUrl === 'function' ? options.cashierUrl : () => (options.cashierUrl as string | undefined) ?? DEFAULT_CASHIER_URL,
      tokens: this.tokens,
    };
    this.services = services;
    this.notifications = new NotificationSender({
      db,
      clock,
      danaKey: () => this.danaPrivateKey,
      timeoutMs: options.notificationTimeoutMs,
      kinds: vaCallbackHooks(clock, ids),
      onAttempt: (record, acknowledged) => this.uat.observeNotification({ kind: record.kind, partnerId: record.partnerId, body: record.body, acknowledged }),
    });
    this.deps = {
      router: this.router,
      services,
      rules: this.rules,
      directory: combinedDirectory(this.directory, this.partners),
      externalIds: this.externalIds,
      tokens: this.tokens,
      danaKey: () => this.danaPrivateKey,
      bni: () => this.bni(),
      clientTimeoutMs: options.clientTimeoutMs,
      allowFaultHeader: options.allowFaultHeader ?? false,
      random: seededRandom(`${seed}:latency`),
      log: this.log,
      observe: (event) => this.uat.observeRequest(event),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onBug: options.onBug ?? ((error, request) => console.error(`dana-sim bug while serving ${request.method} ${request.path}:`, error)),
    };
    if (options.background ?? true) {
      this.timer = setInterval(() => void this.runDueWork(), TICK_MS);
      this.timer.unref();
    }
  }

  static async create(options: SimulatorOptions = {}): Promise<Simulator> {
    const clock = options.clock ?? new SimulatorClock();
    const db = await Database.open(options.store ?? new MemoryStore());
    // Time moved by `clock advance` stays moved across restarts: pending work is scheduled on it.
    const advanced = db.get<{ offsetMs: number }>(META, CLOCK_KEY)?.offsetMs ?? 0;
    if (advanced > 0) clock.advance(advanced);
    const { settings, danaKeys } = provision(db, { seed: options.seed, danaKeys: options.danaKeys, merchant: options.merchant, partner: options.partner, now: clock.now() });
    await db.sync();
    return new Simulator(db, clock, settings.seed, danaKeys, options);
  }

  handle(request: SimRequest): Promise<SimResponse> {
    return runPipeline(this.deps, request);
  }

  /** The reply for a request whose body could not be read (too large, aborted): DANA's Bad Request. */
  unreadable(method: string, path: string, reason: string): SimResponse {
    return renderRejected(this.deps, method, path, { key: 'BAD_REQUEST', detail: reason });
  }

  /** A bug outside the pipeline (in an adapter): reported like any other, answered with DANA's general error. */
  internalError(error: unknown, request: SimRequest): SimResponse {
    this.deps.onBug?.(error, request);
    return renderRejected(this.deps, request.method, request.path, { key: 'GENERAL_ERROR' });
  }

  /** BNI e-collection credentials for the sandbox deposit top-up. */
  bni(): BniCredentials {
    return this.db.get<BniCredentials>(META, BNI_KEY)!;
  }

  /** The bank provisioned at first start (the one bank.env describes). */
  defaultPartner(): PartnerRecord {
    return this.partners.list()[0];
  }

  /** The merchant provisioned at first start (the one the credentials file describes). */
  defaultMerchant(): MerchantRecord {
    return this.directory.list().sort((a, b) => a.createdAt - b.createdAt)[0];
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
   * Completes transfers whose time has come and sends due notifications; resolves when the sends it
   * started have finished. The timer calls it; tests and `clock advance` call it to be deterministic.
   */
  runDueWork(): Promise<void> {
    this.working ??= (async () => {
      try {
        completeDueTransfers(this.db, this.clock.now());
        checkExpiredInquiries(this.db, this.clock.now());
        closeExpiredOrders(this.db, this.clock.now());
        await this.db.sync();
        await this.notifications.deliverDue();
      } finally {
        this.working = undefined;
      }
    })();
    return this.working;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.working;
    await this.notifications.idle();
    await this.db.close();
  }
}
