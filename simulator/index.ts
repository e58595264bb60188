import type { KeyObject } from 'node:crypto';
import { ENDPOINTS } from '../contracts/index.ts';
import { SANDBOX_RULES } from '../contracts/sandbox-rules.ts';
import { SimulatorClock } from './core/clock.ts';
import type { SimRequest } from './core/envelopes/snap.ts';
import { ExternalIdRegistry } from './core/external-ids.ts';
import { ClockIds } from './core/ids.ts';
import { renderUnreadable, runPipeline, type PipelineDeps } from './core/pipeline.ts';
import type { SimResponse } from './core/render.ts';
import type { Services } from './core/route.ts';
import { Router } from './core/router.ts';
import { provision, type MerchantSeed } from './control/provision.ts';
import { seededRandom } from './faults/random.ts';
import { RuleTable } from './faults/rules.ts';
import { Database } from './ledger/database.ts';
import { MemoryStore, type Store } from './ledger/store.ts';
import { disbursementRoutes } from './products/disbursement/routes.ts';
import { merchantRoutes } from './products/merchant/routes.ts';
import { MerchantDirectory, type MerchantRecord } from './products/merchant/state.ts';
import { toPrivateKey, type RsaKeyPair } from './signature/keys.ts';

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
  /** A fixed DANA key pair (tests reuse one to skip key generation). */
  readonly danaKeys?: RsaKeyPair;
  readonly onBug?: (error: unknown, request: SimRequest) => void;
}

export class Simulator {
  readonly router = new Router([...merchantRoutes, ...disbursementRoutes]);
  readonly rules: RuleTable;
  readonly directory: MerchantDirectory;
  readonly externalIds = new ExternalIdRegistry();
  private readonly danaPrivateKey: KeyObject;
  private readonly deps: PipelineDeps;

  private constructor(
    readonly db: Database,
    readonly clock: SimulatorClock,
    readonly seed: string,
    readonly danaKeys: RsaKeyPair,
    options: SimulatorOptions,
  ) {
    this.directory = new MerchantDirectory(db);
    this.rules = new RuleTable(ENDPOINTS, seededRandom(`${seed}:rules`));
    if (options.sandboxRules ?? true) for (const rule of SANDBOX_RULES) this.rules.add(rule, 'sandbox');
    this.danaPrivateKey = toPrivateKey(danaKeys.privateKeyPem);
    const services: Services = { db, clock, ids: new ClockIds(clock), seed };
    this.deps = {
      router: this.router,
      services,
      rules: this.rules,
      directory: this.directory,
      externalIds: this.externalIds,
      danaKey: () => this.danaPrivateKey,
      clientTimeoutMs: options.clientTimeoutMs,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onBug: options.onBug ?? ((error, request) => console.error(`dana-sim bug while serving ${request.method} ${request.path}:`, error)),
    };
  }

  static async create(options: SimulatorOptions = {}): Promise<Simulator> {
    const clock = options.clock ?? new SimulatorClock();
    const db = await Database.open(options.store ?? new MemoryStore());
    const { settings, danaKeys } = provision(db, { seed: options.seed, danaKeys: options.danaKeys, merchant: options.merchant, now: clock.now() });
    await db.sync();
    return new Simulator(db, clock, settings.seed, danaKeys, options);
  }

  handle(request: SimRequest): Promise<SimResponse> {
    return runPipeline(this.deps, request);
  }

  /** The reply for a request whose body could not be read (too large, aborted). */
  unreadable(method: string, path: string, reason: string): SimResponse {
    return renderUnreadable(this.deps, method, path, reason);
  }

  /** The merchant provisioned at first start (the one the credentials file describes). */
  defaultMerchant(): MerchantRecord {
    return this.directory.list().sort((a, b) => a.createdAt - b.createdAt)[0];
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
