import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TlsMaterial } from './ca.ts';
import { listenError } from './listen-error.ts';

// The HTTPS and plain-HTTP listeners for DANA's hosts. Both hand every request to the same express app
// as the main listener, so replies, signatures and the loopback-only control API are the same; the
// loopback check reads each request's own socket.

export { listenError };

// Every socket a listener was handed, tunnelled ones included: a TLS socket still in its handshake is
// not an HTTP connection yet, so closeAllConnections() alone would leave it holding close() open.
const sockets = new WeakMap<Server, Set<Socket>>();

export async function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  const held = new Set<Socket>();
  sockets.set(server, held);
  server.on('connection', (socket: Socket) => {
    held.add(socket);
    socket.once('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, what, port));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function createHttpsListener(app: RequestListener, material: TlsMaterial): Server {
  const server = createHttpsServer({ key: material.keyPem, cert: material.certPem }, app);
  server.keepAliveTimeout = 65_000;
  return server;
}

export function createHttpListener(app: RequestListener): Server {
  const server = createHttpServer(app);
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Closes a listener and every connection it holds (tunnelled ones included). */
export function closeListener(server: Server): Promise<void> {
  return new Promise<void>((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    server.closeAllConnections();
    for (const socket of sockets.get(server) ?? []) socket.destroy();
  });
}
