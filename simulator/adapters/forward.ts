import { bypass, http, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { PRODUCTS } from '../products/index.ts';
import { DANA_BASE_URLS } from './msw.ts';
import type { Product } from '../core/product.ts';
import { standInHostUrls } from '../core/product-api.ts';

// Forwards calls an unmodified app makes to DANA's hosts (the API, every product's page and API hosts) to a
// running dana-sim (`npm start`), so an SDK whose base URL is hard-coded (dana-node) reaches the
// simulator without code changes.

/** DANA's API base URLs, then every host a product stands in for (its pages, its own API). */
export const forwardedHosts = (products: readonly Product[] = PRODUCTS): string[] => [...DANA_BASE_URLS, ...standInHostUrls(products)];

const DANA_HOSTS = forwardedHosts();

export function forwardingHandlers(targetUrl: string, baseUrls: readonly string[] = DANA_HOSTS): HttpHandler[] {
  const target = new URL(targetUrl);
  return baseUrls.map((base) =>
    http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      // Joined as text: resolved against the target, a path like `//elsewhere/x` would leave for another host.
      const forwarded = new URL(`${target.origin}${url.pathname}${url.search}`);
      // A connection the simulator dropped (or could not be reached on) is a network error for the
      // app too, as a direct call would be; thrown, msw would answer 500 "Unhandled Exception" instead.
      return fetch(bypass(new Request(forwarded, request))).catch(() => Response.error());
    }),
  );
}

export function startForwarding(targetUrl: string): SetupServer {
  const server = setupServer(...forwardingHandlers(targetUrl));
  server.listen({ onUnhandledRequest: 'bypass' });
  return server;
}
