import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Simulator } from '../index.ts';
import { createExpressApp, headersOf, targetOf, writeReply, type ExpressOptions } from './express.ts';

// The server's listener. Calls to DANA's API (the traffic an integration or a load sends) are read
// and answered on bare node:http; everything else (the control API, hosted pages, bodies that are
// chunked, compressed or too large) goes to the express app, which does everything else exactly as
// before. Express's router, body parser and response helpers cost about as much per call as the whole
// pipeline (a signed top up at one connection went from about 0.65x to about 0.9x a bare express app
// that only verifies the signature), and an API call with a plain body needs none of them. A call is
// taken here only when express would read its body the same way: POST, a Content-Length within the
// limit, no Content-Encoding.

const DEFAULT_LIMIT_BYTES = 1024 * 1024;

/** `app` serves what this does not take: the simulator's express app unless a test watches it. */
export function createRequestListener(
  sim: Simulator,
  options: ExpressOptions = {},
  app: RequestListener = createExpressApp(sim, options),
): RequestListener {
  const limitBytes = options.maxBodyBytes ?? DEFAULT_LIMIT_BYTES;
  return (request, response) => {
    const url = plainApiCall(sim, request, limitBytes);
    if (url) answer(sim, request, response, url);
    else void app(request, response);
  };
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
