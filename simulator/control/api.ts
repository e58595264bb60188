import { parseJsonObject } from '../core/envelopes/snap.ts';
import { ControlError, type Product } from '../core/product.ts';
import type { SimResponse } from '../core/render.ts';
import { StorageUnavailable } from '../ledger/store.ts';
import type { ControlHost, HostRoutes } from './host.ts';
import { CLOCK_ROUTES } from './routes-clock.ts';
import { CORE_ROUTES } from './routes-core.ts';
import { CREDENTIALS_ROUTES } from './routes-credentials.ts';
import { DASHBOARD_ROUTES } from './routes-dashboard.ts';
import { FAULT_ROUTES } from './routes-faults.ts';
import { TRIGGER_ROUTES } from './routes-trigger.ts';

// The control API under /__sim: what the CLI, tests and scripts use to steer the simulator. It is
// not part of DANA's API; adapters expose it on loopback only (and behind a token when configured).
// Routes are the simulator's own plus every product's.

const CONTROL_PREFIX = '/__sim';

export function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

const json = (status: number, value: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** Every control route; two products claiming one route is a wiring bug, caught at start. */
export function controlRoutes(products: readonly Product[]): HostRoutes {
  const routes: Record<string, HostRoutes[string]> = {
    ...CORE_ROUTES,
    ...DASHBOARD_ROUTES,
    ...CREDENTIALS_ROUTES,
    ...CLOCK_ROUTES,
    ...FAULT_ROUTES,
    ...TRIGGER_ROUTES,
  };
  for (const product of products) {
    for (const [key, handler] of Object.entries(product.control ?? {})) {
      if (routes[key]) throw new Error(`control route ${key} of ${product.name} is already taken`);
      routes[key] = (host, request) => handler(host.runtime, request);
    }
  }
  return routes;
}

export async function handleControl(
  host: ControlHost,
  routes: HostRoutes,
  method: string,
  url: string,
  rawBody: string,
): Promise<SimResponse> {
  const parsed = new URL(url, 'http://dana-sim');
  const path = parsed.pathname.slice(CONTROL_PREFIX.length) || '/';
  const handler = routes[`${method.toUpperCase()} ${path}`];
  if (!handler) return json(404, { error: `no control route ${method} ${parsed.pathname}`, routes: Object.keys(routes) });
  const body = rawBody.trim() === '' ? {} : parseJsonObject(rawBody);
  if (!body) return json(400, { error: 'body must be a JSON object' });
  try {
    return json(200, await handler(host, { method, path, query: parsed.searchParams, body }));
  } catch (error) {
    if (error instanceof ControlError) return json(400, { error: error.message });
    // A full disk: the change was refused or rolled back; the caller may try again once it is writable.
    if (error instanceof StorageUnavailable) return json(503, { error: error.message });
    throw error;
  }
}
