// Which hosts the TLS listeners answer for: DANA's API hosts (the SDKs' sandbox and production base
// URLs, as msw.ts's DANA_BASE_URLS), the hosts of the pages products serve (checkout, dashboard) and
// of products' own APIs, plus this machine's own names so https://localhost works too.

export const DANA_API_HOSTS = ['api.sandbox.dana.id', 'api.saas.dana.id', 'api-sandbox.dana.id', 'api.dana.id'] as const;
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * The hosts this simulator stands in for (the name is historical: not only DANA's): DANA's API hosts
 * first, then `Simulator.pageHosts()` (`https://m.sandbox.dana.id`, a product API's `https://apitest.example.com`).
 */
export function danaHosts(pageHosts: readonly string[]): string[] {
  return [...new Set([...DANA_API_HOSTS, ...pageHosts.map((url) => new URL(url).hostname)])];
}

/** Every name the server certificate covers. */
export function certificateHosts(pageHosts: readonly string[]): string[] {
  return [...danaHosts(pageHosts), ...LOCAL_HOSTS];
}
