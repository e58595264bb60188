import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer, type SetupServer } from 'msw/node';
import { createExpressApp } from '../../simulator/adapters/express.ts';
import { createRequestListener } from '../../simulator/adapters/node-http.ts';
import { forwardingHandlers } from '../../simulator/adapters/forward.ts';
import { createHandlers, DANA_BASE_URLS } from '../../simulator/adapters/msw.ts';
import type { Simulator } from '../../simulator/index.ts';
import { API_HOST, type CaseRequest, type Outcome, type SimulatorKind } from './cases.ts';

// One driver per adapter: how a client reaches the simulator through it. Drivers only carry a case's
// request across and report what the client saw; the simulators are the test file's.

export type Simulators = Record<SimulatorKind, Simulator>;

export interface AdapterDriver {
  readonly name: string;
  /** Whether the driver can present a caller that is not on loopback. */
  readonly remoteCallers: boolean;
  start(simulators: Simulators): Promise<void>;
  send(kind: SimulatorKind, request: CaseRequest): Promise<Outcome>;
  stop(): Promise<void>;
}

/** A peer address the express driver's front server puts on the socket (the spoofing trick of test/reliability/control-api.test.ts). */
const REMOTE_PEER_HEADER = 'x-conformance-remote-address';
const REMOTE_PEER = '203.0.113.7';

/** Redirects are the client's to see, not to follow (they lead off this machine). */
const init = (request: CaseRequest): RequestInit => ({
  method: request.method,
  headers: request.headers,
  body: request.body,
  redirect: 'manual',
});

/** A real client: a failed fetch is the network error an app would see. */
async function clientFetch(url: string, request: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, request);
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  } catch (error) {
    if (error instanceof TypeError) return 'network-error';
    throw error;
  }
}

/** (a) `sim.fetch` called directly: a dropped reply is `Response.error()`, which fetch reports as a network error. */
export function directDriver(): AdapterDriver {
  let simulators: Simulators;
  return {
    name: 'direct sim.fetch',
    remoteCallers: true,
    start: async (started) => void (simulators = started),
    async send(kind, request) {
      const response = await simulators[kind].fetch(new Request(`${request.host ?? API_HOST}${request.path}`, init(request)), {
        loopback: !request.remote,
      });
      if (response.type === 'error') return 'network-error';
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    },
    stop: async () => undefined,
  };
}

/** (b) node:http with createExpressApp on 127.0.0.1:0, called with the real fetch. */
export function expressDriver(): AdapterDriver & { urlOf(kind: SimulatorKind): string } {
  return nodeHttpDriver('express over node:http', (sim) => createExpressApp(sim));
}

/** (e) what `dana-sim start` listens with: API calls on bare node:http, the rest through express. */
export function serverListenerDriver(): AdapterDriver {
  return nodeHttpDriver("the server's listener over node:http", (sim) => createRequestListener(sim));
}

function nodeHttpDriver(
  name: string,
  listener: (sim: Simulator) => RequestListener,
): AdapterDriver & { urlOf(kind: SimulatorKind): string } {
  const servers: Partial<Record<SimulatorKind, Server>> = {};
  const urls: Partial<Record<SimulatorKind, string>> = {};
  return {
    name,
    remoteCallers: true,
    async start(simulators) {
      for (const kind of Object.keys(simulators) as SimulatorKind[]) {
        const app = listener(simulators[kind]);
        const server = createServer((request, response) => {
          // Keep-alive reuses sockets: an override lasts for one request only.
          if (request.headers[REMOTE_PEER_HEADER])
            Object.defineProperty(request.socket, 'remoteAddress', { value: REMOTE_PEER, configurable: true });
          else delete (request.socket as { remoteAddress?: string }).remoteAddress;
          app(request, response);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        servers[kind] = server;
        urls[kind] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      }
    },
    urlOf: (kind) => urls[kind]!,
    send(kind, request) {
      const headers = { ...request.headers, ...(request.remote ? { [REMOTE_PEER_HEADER]: '1' } : {}) };
      return clientFetch(`${urls[kind]}${request.path}`, { ...init(request), headers });
    },
    async stop() {
      for (const server of Object.values(servers)) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/** Anything msw does not handle must stay on this machine: a request to another host fails the case. */
function interceptEverything(): SetupServer {
  const server = setupServer();
  server.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname === '127.0.0.1' ? undefined : print.error()) });
  return server;
}

/** (c) msw in-process: createHandlers on DANA's hosts, called with the global fetch. */
export function mswDriver(): AdapterDriver {
  let simulators: Simulators;
  let server: SetupServer | undefined;
  return {
    name: 'msw in-process',
    remoteCallers: false,
    async start(started) {
      simulators = started;
      server = interceptEverything();
    },
    send(kind, request) {
      server!.resetHandlers(...createHandlers(simulators[kind]));
      return clientFetch(`${request.host ?? API_HOST}${request.path}`, init(request));
    },
    stop: async () => server?.close(),
  };
}

/**
 * (d) the forwarder: msw handlers on DANA's hosts forwarding to the express driver's server. The
 * preload (simulator/bin/forward.mjs) forwards the API hosts only; the page hosts are added here.
 */
export function forwarderDriver(): AdapterDriver {
  const target = expressDriver();
  let simulators: Simulators;
  let server: SetupServer | undefined;
  return {
    name: 'msw forwarder to node:http',
    remoteCallers: false,
    async start(started) {
      simulators = started;
      await target.start(started);
      server = interceptEverything();
    },
    send(kind, request) {
      server!.resetHandlers(...forwardingHandlers(target.urlOf(kind), [...DANA_BASE_URLS, ...simulators[kind].pageHosts()]));
      return clientFetch(`${request.host ?? API_HOST}${request.path}`, init(request));
    },
    async stop() {
      server?.close();
      await target.stop();
    },
  };
}

export const ADAPTERS: readonly (() => AdapterDriver)[] = [directDriver, expressDriver, mswDriver, forwarderDriver, serverListenerDriver];
