import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Simulator } from '../index.ts';
import type { ExpressOptions } from './express.ts';
import { headersOf, targetOf, writeReply } from './node-messages.ts';

// The server's listener. Calls to DANA's API (the traffic an integration or a load sends) are read
// and answered on bare node:http; everything else (the control API, hosted pages, bodies that are
// chunked, compressed or too large) goes to the express app, which does everything else exactly as
// before. Express's router, body parser and response helpers cost about as much per call as the whole
// pipeline (a signed top up at one connection went from about 0.65x to about 0.9x a bare express app
// that only verifies the signature), and an API call with a plain body needs none of them. A call is
// taken here only when express would read its body the same way: POST, a Content-Length within the
// limit, no Content-Encoding.
// Express itself is loaded when first needed (or warmed up once the server is idle): its modules are
// about a third of a start's module loading, and the first call to DANA's API never needs them.

const DEFAULT_LIMIT_BYTES = 1024 * 1024;

export interface ServerListener extends RequestListener {
  /** Loads the express app ahead of the first request that needs it. */
  warm(): Promise<unknown>;
}

/** `app` serves what this does not take: the simulator's express app unless a test watches it. */
export function createRequestListener(sim: Simulator, options: ExpressOptions = {}, app?: RequestListener): ServerListener {
  const limitBytes = options.maxBodyBytes ?? DEFAULT_LIMIT_BYTES;
  let loaded = app;
  let loading: Promise<RequestListener> | undefined;
  const warm = () =>
    (loading ??= import('./express.ts').then(({ createExpressApp }) => {
      loaded ??= createExpressApp(sim, options);
      return loaded;
    }));
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const url = plainApiCall(sim, request, limitBytes);
    if (url) answer(sim, request, response, url);
    else if (loaded) void loaded(request, response);
    // Until then the body waits unread in the socket: express reads it as it would have at once.
    else
      warm().then(
        (express) => void express(request, response),
        (error: unknown) =>
          writeReply(
            sim.internalError(error, { method: request.method ?? '', path: request.url ?? '', headers: {}, body: '' }),
            request,
            response,
          ),
      );
  };
  return Object.assign(listener, { warm });
}

function plainApiCall(sim: Simulator, request: IncomingMessage, limitBytes: number): URL | undefined {
  const length = Number(request.headers['content-length']);
  if (request.method !== 'POST' || !(length <= limitBytes) || request.headers['content-encoding'] !== undefined) return undefined;
  let url: URL;
  try {
    url = new URL(targetOf(request.url ?? ''));
  } catch {
    // The express app answers a target that is not a URL as it always has.
    return undefined;
  }
  return sim.isApiCall('POST', url, length) ? url : undefined;
}

function answer(sim: Simulator, request: IncomingMessage, response: ServerResponse, url: URL): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A client that went away mid-body gets nothing, as from express: there is no one left to answer.
  request.on('end', () => {
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    // isApiCall() held for this length, and node:http ends a body only after Content-Length bytes.
    const api = sim.apiRequest('POST', url, bytes, () => headersOf(request.headers))!;
    void sim
      .handle(api)
      .catch((error: unknown) => sim.internalError(error, { method: 'POST', path: url.pathname, headers: {}, body: '' }))
      .then((reply) => writeReply(reply, request, response));
  });
}
