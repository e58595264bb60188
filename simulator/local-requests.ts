import { danaHosts } from './adapters/tls/hosts.ts';
import { controlRoutes, handleControl, isControlPath } from './control/api.ts';
import { EVENTS_PATH, eventStream, type Feed } from './control/events.ts';
import type { ControlHost } from './control/host.ts';
import { browserRefusal, contentTypeRefusal, pageRefusal, tokenMatches } from './control/origin-guard.ts';
import { dashboardReply, isDashboardRequest } from './dashboard/serve.ts';
import { toFetchResponse } from './core/fetch.ts';
import type { PageHandler } from './core/product.ts';
import type { RequestLog } from './core/request-log.ts';
import { StorageUnavailable } from './ledger/store.ts';
import type { NotificationRecord } from './notifications/outbox.ts';
import type { Connection } from './options.ts';

// Everything the simulator serves that is not an API call: the control API and dashboard (loopback
// callers only, guarded against browsers of other origins) and hosted pages. Simulator.fetch() hands
// a request here when apiRequest() declined it; these keep precedence over every API (control paths
// and exact page routes first).

export interface LocalContext {
  readonly host: ControlHost;
  readonly control: ReturnType<typeof controlRoutes>;
  readonly pages: ReadonlyMap<string, PageHandler>;
  readonly log: RequestLog;
  readonly notificationAttempts: Feed<NotificationRecord>;
  /** Host names this simulator stands in for: the browser guard allows them under the TLS drop-in. */
  readonly hosts: readonly string[];
  readonly controlToken?: string;
}

/** The context for a simulator's products: their control routes, pages and hosts. */
export function localContext(
  host: ControlHost,
  feeds: Pick<LocalContext, 'log' | 'notificationAttempts' | 'controlToken'>,
  pageHosts: readonly string[],
): LocalContext {
  return {
    ...feeds,
    host,
    control: controlRoutes(host.products),
    pages: new Map(host.products.flatMap((product) => Object.entries(product.pages?.routes ?? {}))),
    hosts: danaHosts(pageHosts),
  };
}

export async function serveLocal(
  context: LocalContext,
  request: Request,
  url: URL,
  body: string,
  connection: Connection,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const guard = { connection, headers: request.headers, danaHosts: context.hosts };
  if (isControlPath(url.pathname) || isDashboardRequest(method, url.pathname)) {
    if (!connection.loopback) return Response.json({ error: 'the control API answers loopback callers only' }, { status: 403 });
    const refused = browserRefusal(guard) ?? contentTypeRefusal(method, request.headers, connection);
    if (refused) return Response.json({ error: refused }, { status: 403 });
    // The page and its files hold no state: the token guards the calls the page makes.
    if (isDashboardRequest(method, url.pathname)) return dashboardReply(method, url.pathname);
    if (context.controlToken && !tokenMatches(context.controlToken, request.headers.get('authorization'))) {
      return Response.json({ error: 'control token required' }, { status: 401 });
    }
    // The one streamed control reply: the live request log (control/events.ts).
    if (method === 'GET' && url.pathname === EVENTS_PATH)
      return eventStream(context.log, context.notificationAttempts, request.headers.get('last-event-id'));
    return toFetchResponse(await handleControl(context.host, context.control, request.method, url.pathname + url.search, body));
  }
  // Neither an API nor the control API: apiRequest() left it here because a hosted page serves it.
  const page = context.pages.get(`${method} ${url.pathname}`)!;
  // Showing a page is harmless; acting on one (paying, running a sandbox tool) must come from its own pages or a script.
  const refused = method === 'GET' || method === 'HEAD' ? undefined : browserRefusal(guard);
  if (refused) return pageRefusal(refused, request.headers);
  try {
    return toFetchResponse(await page(context.host.runtime, { method: request.method, url, body }));
  } catch (error) {
    // A full disk refused what the page did: nothing of it was kept.
    if (error instanceof StorageUnavailable) return Response.json({ error: error.message }, { status: 503 });
    throw error;
  }
}
