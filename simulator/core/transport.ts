import type { Transport } from '../faults/plan.ts';
import type { SimResponse } from './render.ts';

// Faults that reach the connection rather than the reply's content, as a fault plan orders them:
// a gateway's HTML page, a dropped connection, a body cut in the middle.

const GATEWAY_TEXT: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** What a reverse proxy in front of DANA answers when the service behind it fails: HTML, not JSON. */
export function gatewayPage(status: 502 | 503 | 504): SimResponse {
  const title = `${status} ${GATEWAY_TEXT[status]}`;
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}

/** The reply cut in the middle, as a connection that died mid-body leaves it. */
export function malformed(reply: SimResponse): SimResponse {
  return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}

/** The response for a transport fault, or the rendered reply when there is none; a drop holds first when asked to. */
export async function applyTransport(
  transport: Transport | undefined,
  render: () => SimResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<SimResponse> {
  if (transport?.kind === 'gateway') return gatewayPage(transport.status);
  if (transport?.kind === 'drop') {
    if (transport.holdMs > 0) await sleep(transport.holdMs);
    return { status: 0, headers: {}, body: '', drop: transport.mode };
  }
  const reply = render();
  return transport?.kind === 'malformed' ? malformed(reply) : reply;
}
