import express, { type NextFunction, type Request, type Response } from 'express';
import { CONTROL_PREFIX, handleControl } from '../control/api.ts';
import { handlePortal } from '../portal/index.ts';
import type { Simulator } from '../index.ts';

// express request/response <-> the simulator's core request/response, and nothing else.

export interface ExpressOptions {
  /** Bodies above this many bytes are answered 400xx00 without being read further. */
  readonly maxBodyBytes?: number;
  /** When set, control calls need `Authorization: Bearer <token>`. */
  readonly controlToken?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (LOOPBACK.has(address) || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function lowerCaseHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function createExpressApp(sim: Simulator, options: ExpressOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: options.maxBodyBytes ?? 1024 * 1024 }));

  app.use(CONTROL_PREFIX, async (request: Request, response: Response) => {
    if (!isLoopback(request.socket.remoteAddress)) {
      response.status(403).json({ error: 'the control API answers loopback callers only' });
      return;
    }
    if (options.controlToken && request.headers.authorization !== `Bearer ${options.controlToken}`) {
      response.status(401).json({ error: 'control token required' });
      return;
    }
    const reply = await handleControl(sim, request.method, request.originalUrl, bodyText(request));
    response.status(reply.status).set(reply.headers).send(reply.body);
  });

  app.use(async (request: Request, response: Response) => {
    const portal = await handlePortal(sim, request.method, request.originalUrl, bodyText(request));
    if (portal) {
      response.status(portal.status).set(portal.headers).send(portal.body);
      return;
    }
    const reply = await sim.handle({ method: request.method, path: request.path, headers: lowerCaseHeaders(request), body: bodyText(request) });
    if (reply.drop === 'reset') request.socket.resetAndDestroy();
    else if (reply.drop === 'close') request.socket.destroy();
    else response.status(reply.status).set(reply.headers).send(reply.body);
  });

  // Body-reading failures (too large, aborted, bad encoding: body-parser gives them a type or a 4xx
  // status) are the caller's; anything else is our bug and must not pass for a bad request. Both get
  // DANA's shape.
  app.use((error: Error & { type?: string; status?: number }, request: Request, response: Response, _next: NextFunction) => {
    const reason = error.type === 'entity.too.large' ? 'body too large' : 'unreadable body';
    const callersFault = typeof error.type === 'string' || (typeof error.status === 'number' && error.status >= 400 && error.status < 500);
    const reply = callersFault
      ? sim.unreadable(request.method, request.path, reason)
      : sim.internalError(error, { method: request.method, path: request.path, headers: lowerCaseHeaders(request), body: bodyText(request) });
    response.status(reply.status).set(reply.headers).send(reply.body);
  });
  return app;
}

function bodyText(request: Request): string {
  return Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
}
