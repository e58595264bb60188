import { parseJsonObject } from '../core/envelopes/snap.ts';
import type { SimResponse } from '../core/render.ts';
import type { Simulator } from '../index.ts';
import { ControlError } from './operations.ts';
import type { ControlRoutes } from './request.ts';
import { CORE_ROUTES } from './routes-core.ts';
import { DISBURSEMENT_ROUTES } from '../products/disbursement/control.ts';
import { VA_ROUTES } from '../products/virtual-account/control.ts';
import { FAULT_ROUTES } from './routes-faults.ts';
import { ORDER_ROUTES } from '../products/payment-gateway/control.ts';

// The control API under /__sim: what the CLI, tests and scripts use to steer the simulator. It is
// not part of DANA's API; adapters expose it on loopback only (and behind a token when configured).

export const CONTROL_PREFIX = '/__sim';

const ROUTES: ControlRoutes = { ...CORE_ROUTES, ...DISBURSEMENT_ROUTES, ...VA_ROUTES, ...FAULT_ROUTES, ...ORDER_ROUTES };

const json = (status: number, value: unknown): SimResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

export async function handleControl(sim: Simulator, method: string, url: string, rawBody: string): Promise<SimResponse> {
  const parsed = new URL(url, 'http://dana-sim');
  const path = parsed.pathname.slice(CONTROL_PREFIX.length) || '/';
  const handler = ROUTES[`${method.toUpperCase()} ${path}`];
  if (!handler) return json(404, { error: `no control route ${method} ${parsed.pathname}`, routes: Object.keys(ROUTES) });
  const body = rawBody.trim() === '' ? {} : parseJsonObject(rawBody);
  if (!body) return json(400, { error: 'body must be a JSON object' });
  try {
    return json(200, await handler(sim, { method, path, query: parsed.searchParams, body }));
  } catch (error) {
    if (error instanceof ControlError) return json(400, { error: error.message });
    throw error;
  }
}
