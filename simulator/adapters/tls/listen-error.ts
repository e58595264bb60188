// Apart from listeners.ts so a plain start (server.ts) words its own listen errors without loading
// node:https and node:tls, which only --tls needs.

/** Why a listener could not bind, said so a person knows what to do next. */
export function listenError(error: NodeJS.ErrnoException, what: string, port: number): Error {
  if (error.code === 'EACCES')
    return new Error(
      `cannot listen for ${what} on port ${port}: ports below 1024 need privileges. Either point clients at the CONNECT proxy ` +
        `(HTTPS_PROXY=http://127.0.0.1:8788, the default --proxy-port), use a higher port (--tls-port 8443 / --http-port 8080), ` +
        `or allow node to bind low ports: sudo setcap 'cap_net_bind_service=+ep' "$(command -v node)"`,
    );
  if (error.code === 'EADDRINUSE')
    return new Error(`cannot listen for ${what} on port ${port}: the port is in use (pick another one, or 0 for a free one)`);
  return new Error(`cannot listen for ${what} on port ${port}: ${error.message}`);
}
