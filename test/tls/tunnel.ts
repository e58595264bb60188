import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

// A client that trusts only the given CA and reaches a host through an HTTP CONNECT proxy, as an SDK
// behind HTTPS_PROXY does: CONNECT, then TLS with the real host name, then HTTP over it.

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Opens a CONNECT tunnel; resolves with the socket, or with the proxy's refusal. */
export function openTunnel(proxyUrl: string, target: string): Promise<{ socket?: Socket; refused?: Reply }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const connect = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target, headers: { host: target } });
    connect.once('connect', (response, socket, head: Buffer) => {
      if (response.statusCode === 200) return resolve({ socket });
      let body = head.toString();
      socket.on('data', (chunk: Buffer) => (body += chunk.toString()));
      socket.on('end', () => resolve({ refused: { status: response.statusCode ?? 0, headers: response.headers, body } }));
    });
    connect.once('error', reject);
    connect.end();
  });
}

function exchange(
  createConnection: () => Socket,
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { createConnection, host, method, path, headers: { ...headers, host, connection: 'close' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

/** One HTTPS request to `https://<host><path>` through the proxy, trusting `ca` only. */
export async function httpsViaProxy(
  proxyUrl: string,
  host: string,
  ca: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const { socket, refused } = await openTunnel(proxyUrl, `${host}:443`);
  if (!socket) return refused!;
  const secure = tlsConnect({ socket, servername: host, ca });
  await new Promise<void>((resolve, reject) => {
    secure.once('secureConnect', resolve);
    secure.once('error', reject);
  });
  return exchange(() => secure, host, request.method, request.path, request.headers ?? {}, request.body);
}

/** One plain-HTTP request to `http://<host><path>` through a CONNECT tunnel to port 80. */
export async function httpViaTunnel(
  proxyUrl: string,
  host: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const { socket, refused } = await openTunnel(proxyUrl, `${host}:80`);
  if (!socket) return refused!;
  return exchange(() => socket, host, request.method, request.path, request.headers ?? {}, request.body);
}
