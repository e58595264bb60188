import type { LogEntry, RequestLog } from '../core/request-log.ts';
import type { NotificationRecord } from '../notifications/outbox.ts';

// GET /__sim/events: the request log as server-sent events, for the dashboard's live view. Each
// entry is one `request` event whose `id:` is its log seq, so a client that reconnects with
// Last-Event-ID gets what it missed (as far as the in-memory log still holds it) and nothing twice.
// The dashboard reads it with fetch streaming, not EventSource, because --control-token needs an
// Authorization header, which EventSource cannot send. Each notification attempt is a
// `notification` event without an id (the log seq stays the resume point): missed attempts are not
// replayed, GET /__sim/webhooks has them all.

export const EVENTS_PATH = '/__sim/events';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

const ENCODER = new TextEncoder();

/** Listeners of one kind of event; a listener that throws never fails the sender. */
export class Feed<T> {
  private readonly listeners = new Set<(value: T) => void>();

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {}
    }
  }
}

/** The record's latest attempt and delivery state, not its whole history. */
function attemptFrame(record: NotificationRecord): Uint8Array {
  const { id, kind, partnerId, subject, url, status, nextAttemptAt } = record;
  const data = {
    id,
    kind,
    partnerId,
    subject,
    url,
    status,
    nextAttemptAt,
    attemptNo: record.attempts.length,
    attempt: record.attempts.at(-1),
  };
  return ENCODER.encode(`event: notification\ndata: ${JSON.stringify(data)}\n\n`);
}

function frame(entry: LogEntry): Uint8Array {
  // JSON.stringify never emits a raw newline, so the entry fits on one `data:` line.
  return ENCODER.encode(`id: ${entry.seq}\nevent: request\ndata: ${JSON.stringify(entry)}\n\n`);
}

/** The seq a reconnecting client last saw; 0 (only new entries) when absent or not a seq. */
function resumeFrom(lastEventId: string | null): number | undefined {
  if (lastEventId === null || !/^\d{1,15}$/.test(lastEventId.trim())) return undefined;
  return Number(lastEventId.trim());
}

export function eventStream(log: RequestLog, attempts: Feed<NotificationRecord>, lastEventId: string | null): Response {
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const push = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          stop();
        }
      };
      const send = (entry: LogEntry) => push(frame(entry));
      // Subscribed before the backlog is read: nothing added in between can be missed (both run in
      // this one synchronous turn anyway).
      const unsubscribe = log.subscribe(send);
      const unsubscribeAttempts = attempts.subscribe((record) => push(attemptFrame(record)));
      controller.enqueue(ENCODER.encode(': dana-sim events\n\n'));
      const after = resumeFrom(lastEventId);
      if (after !== undefined) for (const entry of log.since(after, Number.MAX_SAFE_INTEGER)) send(entry);
      const heartbeat = setInterval(() => push(ENCODER.encode(': keep-alive\n\n')), HEARTBEAT_MS);
      heartbeat.unref?.();
      stop = () => {
        unsubscribe();
        unsubscribeAttempts();
        clearInterval(heartbeat);
      };
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}

/** Whether an adapter must stream this reply rather than buffer it. */
export function isEventStream(reply: Response): boolean {
  return (reply.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream') && reply.body !== null;
}
