import type { SimResponse } from '../core/render.ts';
import type { Simulator } from '../index.ts';
import { CHECKOUT_PATH, PAY_PATH, checkoutPage, submitPayment } from '../products/payment-gateway/cashier.ts';
import { SANDBOX_TOOLS_PATH, executeSandboxTool } from '../products/virtual-account/sandbox-tools.ts';

// DANA's web surfaces that are not API endpoints: the merchant portal's sandbox tools and the cashier.
// Both adapters serve them (express on its own port, msw on DANA's dashboard and cashier hosts).

export const PORTAL_HOSTS = ['https://dashboard-sandbox.dana.id', 'https://m.sandbox.dana.id'] as const;

/** The reply for a portal request, or undefined when the path is not a portal path. */
export function handlePortal(sim: Simulator, method: string, url: string, body: string): Promise<SimResponse> | SimResponse | undefined {
  const parsed = new URL(url, 'http://dana-sim');
  const key = `${method.toUpperCase()} ${parsed.pathname}`;
  if (key === `POST ${SANDBOX_TOOLS_PATH}`) return executeSandboxTool(sim, body);
  if (key === `GET ${CHECKOUT_PATH}`) return checkoutPage(sim, parsed.searchParams.get('bizNo'));
  if (key === `POST ${PAY_PATH}`) return submitPayment(sim, new URLSearchParams(body));
  return undefined;
}
