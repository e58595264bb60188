import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { SimResponse } from '../index.ts';

// node:http's request and response as the pipeline's, shared by the express app and the bare
// node:http listener. Kept apart from express.ts so the listener serves DANA's API without loading
// express (about a third of a start's module loading).

/** Node's header object as the pipeline's: repeated headers joined as node:http and Headers join them. */
export function headersOf(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** The request line's target as a URL: a Host header such as `x/__sim/reset?` must not move the path. */
export function targetOf(requestTarget: string): string {
  return requestTarget.startsWith('/') ? `http://dana-sim${requestTarget}` : requestTarget;
}

/**
 * The pipeline's reply, written as express's `response.send(buffer)` writes the Response fetch()
 * makes of it (the app disables ETag; replies to API calls are never 204 or 304).
 */
export function writeReply(reply: SimResponse, request: IncomingMessage, response: ServerResponse): void {
  if (reply.drop === 'reset') return void request.socket.resetAndDestroy();
  if (reply.drop === 'close') return void request.socket.destroy();
  response.writeHead(reply.status, {
    ...(reply.headers['content-type'] === undefined ? { 'Content-Type': 'application/octet-stream' } : {}),
    ...reply.headers,
    'Content-Length': String(Buffer.byteLength(reply.body)),
  });
  // A string, not a Buffer copy of it: node:http joins a string body to the head it sends, the same bytes.
  response.end(reply.body);
}
