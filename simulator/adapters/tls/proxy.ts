import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { markDropIn } from './drop-in.ts';

// An HTTP proxy that reaches DANA's hosts only, for clients that cannot be re-pointed but honour
// HTTPS_PROXY / HTTP_PROXY. CONNECT to a DANA host on 443 is handed to the HTTPS listener, on 80 to
// the plain one, as the same socket (no second hop: the listener sees the real peer address, so the
// loopback-only control API stays loopback-only). Plain proxy requests for http://<DANA host>/ go
// straight to the app. Everything else is refused: dana-sim is offline by design.

export interface ProxyTargets {
  /** Hosts the proxy reaches (lower case, no port). */
  readonly hosts: readonly string[];
  /** Takes a tunnelled connection for port 443 (the HTTPS listener) and for port 80 (a plain one). */
  readonly https: EventEmitter;
  readonly http: EventEmitter;
  readonly app: RequestListener;
}

const refusal = (target: string, hosts: readonly string[]) =>
  `dana-sim proxy: refusing ${target}. dana-sim is offline by design; it only stands in for DANA's hosts (${hosts.join(', ')}) on ports 443 and 80.`;

function splitTarget(target: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  return match ? { host: match[1]!.toLowerCase(), port: Number(match[2]) } : undefined;
}

function refuseTunnel(socket: Duplex, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function refuseRequest(response: ServerResponse, message: string): void {
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  response.end(`${message}\n`);
}

export function createProxy(targets: ProxyTargets): Server {
  const allowed = new Set(targets.hosts.map((host) => host.toLowerCase()));
  const proxy = createServer((request: IncomingMessage, response: ServerResponse) => {
    // A proxy request carries an absolute URL; a relative one was meant for a server, not a proxy.
    let url: URL | undefined;
    try {
      url = /^https?:\/\//i.test(request.url ?? '') ? new URL(request.url!) : undefined;
    } catch {
      url = undefined;
    }
    if (!url) return refuseRequest(response, refusal(`"${request.url}" (not a proxy request)`, [...allowed]));
    if (url.protocol !== 'http:' || !allowed.has(url.hostname) || (url.port !== '' && url.port !== '80'))
      return refuseRequest(response, refusal(url.origin, [...allowed]));
    targets.app(request, response);
  });
  proxy.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = splitTarget(request.url ?? '');
    const listener = target && allowed.has(target.host) ? { 443: targets.https, 80: targets.http }[target.port] : undefined;
    if (!listener) return refuseTunnel(socket, refusal(request.url ?? '(no target)', [...allowed]));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    markDropIn(socket); // a port-80 tunnel may land on the main listener, which marks nothing itself
    listener.emit('connection', socket);
  });
  proxy.keepAliveTimeout = 65_000;
  return proxy;
}
