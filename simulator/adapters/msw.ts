import { http, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { Simulator, type SimulatorOptions } from '../index.ts';
import { merchantDeposit, userBalance } from '../ledger/accounts.ts';
import { toValue } from '../ledger/money.ts';
import type { MerchantRecord } from '../parties/merchants.ts';
import { credentialsEnv } from './credentials-file.ts';

// msw handlers made from the simulator's route table: an unmodified SDK whose base URL is
// hard-coded to DANA's hosts talks to an in-process simulator. Requests are translated to the core
// request and back; nothing else happens here.

/** DANA's sandbox and production API hosts: dana-node `getBasePathByEnv`, and the hyphenated ones of dana-go's Open API config. */
export const DANA_BASE_URLS = [
  'https://api.sandbox.dana.id',
  'https://api.saas.dana.id',
  'https://api-sandbox.dana.id',
  'https://api.dana.id',
] as const;

/** Hands the request to the simulator; a dropped reply is already a network error, as fetch reports one. */
const serve =
  (sim: Simulator) =>
  ({ request }: { request: Request }) =>
    sim.fetch(request);

export function createHandlers(sim: Simulator, baseUrls: readonly string[] = DANA_BASE_URLS): HttpHandler[] {
  const handlers: HttpHandler[] = sim.pageHosts().map((host) => http.all(`${host}/*`, serve(sim)));
  for (const base of baseUrls) {
    for (const path of sim.apiPaths()) handlers.push(http.post(`${base}${path}`, serve(sim)));
    // Unknown paths on DANA's hosts get the simulator's explicit not-found, never a passthrough.
    handlers.push(http.all(`${base}/*`, serve(sim)));
  }
  return handlers;
}

export type { RuleSpec } from '../../contracts/common/rule.ts';
export type { MerchantRecord } from '../parties/merchants.ts';

export interface MswSimulator {
  readonly simulator: Simulator;
  readonly server: SetupServer;
  readonly merchant: MerchantRecord;
  /** Environment for the official SDKs: X_PARTNER_ID, PRIVATE_KEY, ORIGIN, MERCHANT_ID, CLIENT_SECRET, DANA_PUBLIC_KEY. */
  readonly env: Record<string, string>;
  /** Test helper: rules added here are cleared by `clear()` (call it between tests); sandbox rules stay. */
  readonly faults: {
    add(rule: RuleSpec): string;
    list(): ReturnType<Simulator['rules']['list']>;
    clear(): void;
  };
  /**
   * Per-test reset (call it in `beforeEach`/`afterEach`): clears the rules added through `faults`, wipes
   * transactions, balances and notifications and re-seeds; credentials, keys and the clock stay.
   */
  reset(): Promise<void>;
  /** Moves the simulator clock forward and runs what became due (pending transfers, notification retries). */
  advanceClock(durationMs: number): Promise<void>;
  /** The default merchant's deposit as DANA writes amounts ("100000000.00"). */
  deposit(): string;
  /** A DANA user's balance by phone number ("62811742234"), as DANA writes amounts. */
  userBalance(customerNumber: string): string;
  close(): Promise<void>;
}

/** Starts an in-process simulator behind msw; `close()` stops interception and the simulator. */
export async function startMswSimulator(options: SimulatorOptions & { baseUrls?: readonly string[] } = {}): Promise<MswSimulator> {
  const simulator = await Simulator.create(options);
  const server = setupServer(...createHandlers(simulator, options.baseUrls));
  server.listen({ onUnhandledRequest: 'bypass' });
  const merchant = simulator.parties.defaultMerchant();
  return {
    simulator,
    server,
    merchant,
    env: credentialsEnv(simulator, merchant),
    faults: {
      add: (rule) => simulator.rules.add(rule).id,
      list: () => simulator.rules.list('user'),
      clear: () => void simulator.rules.clear('user'),
    },
    async reset() {
      simulator.rules.clear('user');
      await simulator.reset();
    },
    advanceClock: (durationMs) => simulator.advanceClock(durationMs),
    deposit: () => toValue(simulator.runtime.db.ledger.balance(merchantDeposit(merchant.merchantId))),
    userBalance: (customerNumber) => toValue(simulator.runtime.db.ledger.balance(userBalance(customerNumber))),
    async close() {
      server.close();
      await simulator.close();
    },
  };
}
