import { randomUUID, type KeyObject } from 'node:crypto';
import { NOTIFY_TIMEOUT_MS } from '../../contracts/common/notifications.ts';
import { jakartaTimestamp, type Clock } from '../clock/clock.ts';
import type { Database } from '../ledger/database.ts';
import { StorageUnavailable } from '../ledger/store.ts';
import { signAsymmetric } from '../signature/snap.ts';
import { dueNotifications, recordAttempt, type KindHooks, type NotificationRecord } from './outbox.ts';
import { uatCollectorAnswer, type ReceiverAnswer } from './uat-collector.ts';

// Sends due notifications, signed as DANA signs them (webhooks.md section 3: the path of the
// merchant URL, the SHA-256 of the exact compact body sent, X-TIMESTAMP; SHA256withRSA with the
// simulator's DANA key). Each attempt gets a fresh X-EXTERNAL-ID and X-TIMESTAMP and is recorded.

export interface DeliveryDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly danaKey: () => KeyObject;
  readonly timeoutMs?: number;
  /** What answers mean, per kind of call (products register theirs). */
  readonly kinds?: Readonly<Record<string, KindHooks>>;
  /** Sees every attempt (live UAT progress). */
  readonly onAttempt?: (record: NotificationRecord, acknowledged: boolean) => void;
  /** Sees every attempt once recorded, triggered ones and failures included (the live event stream). */
  readonly onRecorded?: (record: NotificationRecord) => void;
}

/** Delivered means HTTP 2xx and, when the body carries a SNAP responseCode, a 200xxxx one. */
export function acknowledges(status: number, text: string): boolean {
  if (status < 200 || status > 299) return false;
  try {
    const body = JSON.parse(text) as { responseCode?: unknown };
    return typeof body?.responseCode !== 'string' || body.responseCode.startsWith('200');
  } catch {
    return true;
  }
}

export class NotificationSender {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: DeliveryDeps) {}

  /** Starts every due delivery that is not already under way; resolves when they have finished. */
  deliverDue(): Promise<void> {
    // While the journal cannot be written an attempt could not be recorded, so it would be sent again:
    // deliveries wait for the disk (the store logged the outage once).
    if (this.deps.db.unavailable()) return Promise.resolve();
    const started: Promise<void>[] = [];
    for (const record of dueNotifications(this.deps.db, this.deps.clock.now())) {
      if (this.inFlight.has(record.id)) continue;
      const sending = this.send(record).finally(() => this.inFlight.delete(record.id));
      this.inFlight.set(record.id, sending);
      started.push(sending);
    }
    return Promise.all(started).then(() => undefined);
  }

  /** Resolves when no delivery is under way. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /** One attempt; when the disk refuses its record, it stays due and is sent again once the disk is back. */
  private async send(record: NotificationRecord): Promise<void> {
    try {
      await this.attempt(record);
    } catch (error) {
      if (!(error instanceof StorageUnavailable)) throw error;
    }
  }

  private record(...args: Parameters<typeof recordAttempt>): void {
    const next = recordAttempt(...args);
    if (next) this.deps.onRecorded?.(next);
  }

  /** DANA's SNAP headers, signed with DANA's key over exactly the body sent. */
  private danaHeaders(record: NotificationRecord, url: string, body: string, at: number): Record<string, string> {
    const timestamp = jakartaTimestamp(at);
    const path = new URL(url).pathname;
    return {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signAsymmetric({ method: 'POST', path, body, timestamp }, this.deps.danaKey()),
      'x-partner-id': record.partnerId,
      'x-external-id': randomUUID(),
      'channel-id': 'DANA',
    };
  }

  private async attempt(record: NotificationRecord): Promise<void> {
    const at = this.deps.clock.now();
    const kind = this.deps.kinds?.[record.kind] ?? {};
    // A triggered notification is the merchant testing its handler: how an answer is read still
    // applies, but nothing it answers may change a transaction (or count as UAT progress).
    // How it is signed and retried is the kind's either way.
    const hooks: KindHooks = record.triggered
      ? { acknowledges: kind.acknowledges, headers: kind.headers, retryScheduleS: kind.retryScheduleS }
      : kind;
    if (!record.url) {
      this.record(
        this.deps.db,
        record.id,
        { at, latencyMs: 0, acknowledged: false, error: 'no URL is configured for the receiver' },
        hooks,
        true,
      );
      await this.deps.db.sync();
      return;
    }
    const body = JSON.stringify(record.body);
    const headers = hooks.headers ? hooks.headers(record, body, at) : this.danaHeaders(record, record.url, body, at);
    const started = performance.now();
    const timeoutMs = this.deps.timeoutMs ?? NOTIFY_TIMEOUT_MS;
    try {
      // DANA's UAT collector answers in process: the mandated notify cases run offline.
      const { status, text } = uatCollectorAnswer(record) ?? (await post(record.url, { headers, body, timeoutMs }));
      const acknowledged = (hooks.acknowledges ?? acknowledges)(status, text);
      this.record(
        this.deps.db,
        record.id,
        {
          at,
          httpStatus: status,
          latencyMs: Math.round(performance.now() - started),
          acknowledged,
          response: text.slice(0, 2000),
        },
        hooks,
      );
      if (!record.triggered) this.deps.onAttempt?.(record, acknowledged);
    } catch (error) {
      const name = (error as Error).name;
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      this.record(
        this.deps.db,
        record.id,
        { at, latencyMs: Math.round(performance.now() - started), acknowledged: false, error: reason },
        hooks,
      );
    }
    await this.deps.db.sync();
  }
}

async function post(url: string, request: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<ReceiverAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  return { status: response.status, text: await response.text() };
}
