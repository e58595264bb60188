import { timingSafeEqual } from 'node:crypto';
import type { Connection } from '../options.ts';

// Whether a web page could be driving this request. The simulator listens on a port any page the
// user opens can reach: a page on another site can post a form (text/plain, no preflight) and a
// page whose own name was rebound to 127.0.0.1 (DNS rebinding) can even read the replies. So a
// request that came over a socket is refused when its Host is not a loopback name (what a rebound
// page sends is its own name) or when the browser says it is cross-site (Origin, Sec-Fetch-Site).
// DANA's own host names pass when the TLS drop-in served them: they only reach this process when
// the user mapped them here. In-process calls (msw, tests) have no browser behind them and pass.

/** Why a request is refused, or undefined when it may go on. */
export type Refusal = string | undefined;

const LOOPBACK_NAMES = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The host name of a Host header (`name:port`, `[v6]:port`), lower case. */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase().replace(/\.$/, '');
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.replace(/:\d*$/, '').replace(/\.$/, '');
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.test(hostName(host));
}

/** Same origin as far as the server can tell: the Origin's host:port is the Host this request was sent to. */
function sameOrigin(origin: string, host: string | null): boolean {
  if (host === null) return false;
  try {
    const url = new URL(origin);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const [wantName, wantPort] = [hostName(host), /:(\d+)$/.exec(host.trim())?.[1] ?? port];
    return url.hostname.toLowerCase() === wantName && port === wantPort;
  } catch {
    return false; // `Origin: null` (sandboxed frames, file: pages) and garbage
  }
}

export interface GuardFacts {
  readonly connection: Connection;
  readonly headers: Headers;
  /** DANA's host names this simulator stands in for (API and page hosts). */
  readonly danaHosts: readonly string[];
}

/** Refuses requests a web page may have sent: foreign Host (rebinding) or cross-site. */
export function browserRefusal(facts: GuardFacts): Refusal {
  if (!facts.connection.socket) return undefined;
  const host = facts.headers.get('host');
  if (host !== null && !isLoopbackHost(host)) {
    const dana = facts.connection.dropIn === true && facts.danaHosts.includes(hostName(host));
    if (!dana) return `requests for host ${hostName(host)} are refused: use localhost or 127.0.0.1`;
  }
  const site = facts.headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return 'cross-site requests are refused';
  const origin = facts.headers.get('origin');
  if (origin !== null && !sameOrigin(origin, host)) return `requests from origin ${origin} are refused`;
  return undefined;
}

/**
 * Control writes over a socket must be JSON: a page can post text/plain or a form without asking
 * first, never JSON. In-process callers (msw, tests, scripts) are not pages and need not say it.
 */
export function contentTypeRefusal(method: string, headers: Headers, connection: Connection): Refusal {
  if (!connection.socket || method === 'GET' || method === 'HEAD') return undefined;
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' ? undefined : 'control writes need Content-Type: application/json';
}

/** The control token check, in constant time (the length is not a secret worth hiding). */
export function tokenMatches(expected: string, authorization: string | null): boolean {
  const given = Buffer.from(authorization ?? '');
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The refusal for a hosted page: HTML for the pages a person sees (the cashier), JSON for tool calls. */
export function pageRefusal(reason: string, headers: Headers): Response {
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return Response.json({ error: reason }, { status: 403 });
  const escaped = reason.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return new Response(
    `<!doctype html><html><head><meta charset="utf-8"><title>Refused</title></head><body><h1>Refused</h1><p>${escaped}</p>` +
      `<p>dana-sim only takes this action from its own pages.</p></body></html>`,
    { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}
