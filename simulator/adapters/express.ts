import express, { type NextFunction, type Request, type Response } from 'express';
import { dropOf, type SimResponse, type Simulator } from '../index.ts';
import { headersOf, targetOf, writeReply } from './node-messages.ts';
import { isEventStream } from '../control/events.ts';
import { viaDropIn } from './tls/drop-in.ts';

// express request/response <-> the simulator's fetch(), and nothing else: bodies are read raw (with a
// size limit), loopback and the TLS drop-in are judged from the socket, and a dropped reply drops the socket.
// Calls to DANA's API skip the Fetch API objects (answerApi): building and reading a Request and a
// Response cost about a quarter of a signed top up's time at one connection.

export interface ExpressOptions {
  /** Bodies above this many bytes are answered 400xx00 without being read further. */
  readonly maxBodyBytes?: number;
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function bodyOf(request: Request): Buffer | undefined {
  return Buffer.isBuffer(request.body) && request.body.length > 0 && request.method !== 'GET' && request.method !== 'HEAD'
    ? request.body
    : undefined;
}

function toRequest(request: Request): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(headersOf(request.headers))) headers.set(name, value);
  const body = bodyOf(request);
  return new globalThis.Request(targetOf(request.originalUrl), { method: request.method, headers, body: body && new Uint8Array(body) });
}

async function send(reply: globalThis.Response, request: Request, response: Response): Promise<void> {
  const drop = dropOf(reply);
  if (drop === 'reset') return void request.socket.resetAndDestroy();
  if (drop === 'close') return void request.socket.destroy();
  response.status(reply.status);
  reply.headers.forEach((value, name) => response.setHeader(name, value));
  if (isEventStream(reply)) return stream(reply.body!, response);
  response.send(Buffer.from(await reply.arrayBuffer()));
}

/** Server-sent events: each chunk goes out as it comes, until either side hangs up. */
async function stream(body: ReadableStream<Uint8Array>, response: Response): Promise<void> {
  response.flushHeaders();
  const reader = body.getReader();
  response.once('close', () => void reader.cancel().catch(() => {}));
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) response.write(chunk.value);
  } catch {
    // The client went away: cancel() above ended the stream.
  }
  response.end();
}

/**
 * A call to DANA's API answered without the Fetch API's Request and Response (see
 * Simulator.apiRequest); undefined for anything fetch() serves. Only POST, the one method the API
 * takes: a Request refuses some other methods (TRACE) outright, and those must keep that answer.
 */
async function answerApi(sim: Simulator, request: Request): Promise<SimResponse | undefined> {
  if (request.method !== 'POST') return undefined;
  const api = sim.apiRequest('POST', new URL(targetOf(request.originalUrl)), bodyOf(request) ?? EMPTY, () => headersOf(request.headers));
  return api && sim.handle(api);
}

const EMPTY = new Uint8Array(0);

export function createExpressApp(sim: Simulator, options: ExpressOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: options.maxBodyBytes ?? 1024 * 1024 }));
  app.use(async (request: Request, response: Response) => {
    const answered = await answerApi(sim, request);
    if (answered) return writeReply(answered, request, response);
    const connection = { loopback: isLoopback(request.socket.remoteAddress), socket: true, dropIn: viaDropIn(request, request.socket) };
    await send(await sim.fetch(toRequest(request), connection), request, response);
  });
  // Body-reading failures (too large, aborted, bad encoding: body-parser gives them a type or a 4xx
  // status) are the caller's; anything else is our bug and must not pass for a bad request. Both get
  // DANA's shape.
  app.use(async (error: Error & { type?: string; status?: number }, request: Request, response: Response, _next: NextFunction) => {
    const callersFault = typeof error.type === 'string' || (typeof error.status === 'number' && error.status >= 400 && error.status < 500);
    try {
      const reply = callersFault
        ? sim.unreadable(request.method, request.path, error.type === 'entity.too.large' ? 'body too large' : 'unreadable body')
        : sim.internalError(error, { method: request.method, path: request.path, headers: {}, body: '' });
      await send(new globalThis.Response(reply.body, { status: reply.status, headers: reply.headers }), request, response);
    } catch {
      // Rendering DANA's error can itself throw (a broken clock makes every timestamp throw). A throw
      // here would reach express's final handler, whose HTML page shows the stack: plain JSON instead.
      if (response.headersSent) return void response.end();
      response.status(500).json({ error: 'internal error in the simulator' });
    }
  });
  return app;
}
