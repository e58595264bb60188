import type { SimResponse } from './render.ts';

// The pipeline's reply as a Fetch API Response. A reply that must never arrive (a dropped
// connection) becomes a network-error Response; adapters that own a socket ask `dropOf()` how to
// drop it (reset, or close without a reply).

const drops = new WeakMap<Response, 'reset' | 'close'>();

export function toFetchResponse(reply: SimResponse): Response {
  if (reply.drop) {
    const dropped = Response.error();
    drops.set(dropped, reply.drop);
    return dropped;
  }
  // A null-body status (204, 304) or a redirect without a body must not carry one.
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers: reply.headers });
}

/** How the connection of a dropped reply should end; undefined for a reply to send. */
export function dropOf(response: Response): 'reset' | 'close' | undefined {
  return drops.get(response);
}

/** A Request's headers in the pipeline's shape (SimRequest): lower-case names. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}
