import { http, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { Simulator, type SimulatorOptions } from '../index.ts';
import type { MerchantRecord } from '../parties/merchants.ts';
import { credentialsEnv } from './credentials-file.ts';

// msw handlers made from the simulator's route table: an unmodified SDK whose base URL is
// hard-coded to DANA's hosts talks to an in-process simulator. Requests are translated to the core
// request and back; nothing else happens here.

/** DANA's sandbox and production hosts (dana-node `getBasePathByEnv`). */
export const DANA_BASE_URLS = ['https://api.sandbox.dana.id', 'https://api.saas.dana.id'] as const;

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
    async close() {
      server.close();
      await simulator.close();
    },
  };
}
