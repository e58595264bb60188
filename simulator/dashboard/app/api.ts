// The dashboard's only way to read and change state: the control API under /__sim, same origin.
// With `dana-sim start --control-token`, the banner's address carries #token=…; it is kept for this
// tab only and sent as Authorization on every call (the event stream included, hence fetch
// streaming rather than EventSource, which cannot send headers).

const TOKEN_KEY = 'dana-sim-control-token';

function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const token = takeToken();

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return token ? { ...extra, authorization: `Bearer ${token}` } : extra;
}

/** A refused or failed control call, with the simulator's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What to do about a refused token: the page cannot guess it, the banner's address carries it. */
const TOKEN_HINT = 'open the dashboard address `dana-sim start` printed: with --control-token it ends in #token=…';

async function reply<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (response.status === 401) throw new ApiError(401, `${(body && body.error) || 'control token required'}: ${TOKEN_HINT}`);
  if (!response.ok) throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
  return body as T;
}

/** GET /__sim<path> (path starts with `/`, may carry a query). */
export async function getJson<T>(path: string): Promise<T> {
  return reply<T>(await fetch(`/__sim${path}`, { headers: headers() }));
}

/** POST /__sim<path> with a JSON body (the control API refuses anything else from a browser). */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const init = { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) };
  return reply<T>(await fetch(`/__sim${path}`, init));
}

export interface StreamEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: unknown;
}

/**
 * GET /__sim/events, parsed, until `signal` aborts; reconnects after a dropped stream (a restarted
 * simulator) with Last-Event-ID so nothing is missed or repeated. `onState` says whether it is live.
 */
export async function streamEvents(
  onEvent: (event: StreamEvent) => void,
  onState: (live: boolean) => void,
  signal: AbortSignal,
): Promise<void> {
  let lastId: string | undefined;
  let retryMs = 1000;
  while (!signal.aborted) {
    try {
      const response = await fetch('/__sim/events', { headers: headers(lastId ? { 'last-event-id': lastId } : {}), signal });
      // A refused token stays refused until the page is opened with the right one: ask rarely.
      retryMs = response.status === 401 || response.status === 403 ? 15_000 : 1000;
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onState(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (!frame) continue;
          if (frame.id) lastId = frame.id;
          onEvent(frame);
        }
      }
    } catch {
      // Aborted, or the simulator went away: wait a moment and try again.
    }
    onState(false);
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

function parseFrame(frame: string): StreamEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return undefined;
  return { event, id, data: JSON.parse(data.join('\n')) };
}
