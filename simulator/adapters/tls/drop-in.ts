// Which requests the TLS drop-in served (its HTTPS and plain listeners, its proxy, the sockets it
// tunnelled): on those, DANA's host names are the user's own mapping, so hosted pages answer on them.
// Marks are weak: they go with the request or socket.

const served = new WeakSet<object>();

/** Marks a request or socket as the drop-in's. */
export function markDropIn(target: object): void {
  served.add(target);
}

/** Whether the drop-in served this request (the request itself, or the socket it came on). */
export function viaDropIn(request: object, socket: object): boolean {
  return served.has(request) || served.has(socket);
}
