import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { Simulator, type SimulatorOptions } from '../index.ts';
import type { MerchantRecord } from '../parties/merchants.ts';
import { credentialsEnv } from './credentials-file.ts';
import { PORTAL_HOSTS, handlePortal } from '../portal/index.ts';

// msw handlers made from the simulator's route table: an unmodified SDK whose base URL is
// hard-coded to DANA's hosts talks to an in-process simulator. Requests are translated to the core
// request and back; nothing else happens here.

/** DANA's sandbox and production hosts (dana-node `getBasePathByEnv`). */
export const DANA_BASE_URLS = ['https://api.sandbox.dana.id', 'https://api.saas.dana.id'] as const;

async function toCore(sim: Simulator, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const reply = await sim.handle({ method: request.method, path: url.pathname, headers, body: await request.text() });
  // A dropped connection is a network error to the client, as fetch reports a reset or an empty reply.
  if (reply.drop) return HttpResponse.error();
  return new HttpResponse(reply.body, { status: reply.status, headers: reply.headers });
}

export function createHandlers(sim: Simulator, baseUrls: readonly string[] = DANA_BASE_URLS): HttpHandler[] {
  const handlers: HttpHandler[] = [];
  for (const host of PORTAL_HOSTS) {
    handlers.push(
      http.all(`${host}/*`, async ({ request }) => {
        const reply = await handlePortal(sim, request.method, request.url, await request.text());
        return reply ? new HttpResponse(reply.body, { status: reply.status, headers: reply.headers }) : new HttpResponse('not found', { status: 404 });
      }),
    );
  }
  for (const base of baseUrls) {
    for (const path of sim.router.paths()) handlers.push(http.post(`${base}${path}`, ({ request }) => toCore(sim, request)));
    // Unknown paths on DANA's hosts get the simulator's explicit not-found, never a passthrough.
    handlers.push(http.all(`${base}/*`, ({ request }) => toCore(sim, request)));
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
  const merchant = simulator.defaultMerchant();
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
