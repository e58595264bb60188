import { NOTIFY_RETRY_SCHEDULE_S } from '../../contracts/common/notifications.ts';
import type { Database, Transaction } from '../ledger/database.ts';
import { defineIndex } from '../ledger/indexes.ts';

// The one outbox for every call DANA makes outwards: notifications to merchants (Transfer to Bank
// Notify, Finish Notify) and callbacks to banks (Create VA, VA Inquiry Status). A call is written in
// the same transaction as the state change that causes it, so it can never be lost or sent for
// something that did not happen; delivery reads it from here. What an answer means is up to its
// kind: hooks apply it in the same transaction that records the attempt.

export const NOTIFICATIONS = 'notifications';

export interface Attempt {
  readonly at: number;
  readonly httpStatus?: number;
  readonly latencyMs: number;
  readonly acknowledged: boolean;
  /** The receiver's reply (first 2000 characters) or why there was none. */
  readonly response?: string;
  readonly error?: string;
}

export type NotificationStatus = 'pending' | 'delivered' | 'failed';

export interface NotificationRecord {
  readonly id: string;
  readonly kind: string;
  readonly partnerId: string;
  /** What the notification is about, e.g. the transaction record key. */
  readonly subject: string;
  readonly url: string | undefined;
  readonly body: Readonly<Record<string, unknown>>;
  readonly status: NotificationStatus;
  readonly attempts: readonly Attempt[];
  /** Index in `attempts` where the current delivery cycle (first send or a resend) began. */
  readonly cycleStart: number;
  /** Where every cycle began, first send included (records written before resends kept these lack it). */
  readonly cycleStarts?: readonly number[];
  /** Sent on demand (`dana-sim trigger`): answers change no state, so kind hooks never run for it. */
  readonly triggered?: boolean;
  readonly nextAttemptAt: number | undefined;
  readonly createdAt: number;
}

export interface KindHooks {
  /** Whether the receiver took it (default: 2xx with a 200xxxx responseCode, if any). */
  acknowledges?(status: number, text: string): boolean;
  /** Applies an acknowledged answer, in the transaction that records it. */
  onAnswer?(tx: Transaction, record: NotificationRecord, body: unknown): void;
  /** Runs once when the last scheduled attempt has failed. */
  onGiveUp?(tx: Transaction, record: NotificationRecord): void;
  /**
   * The request headers for one attempt, instead of DANA's SNAP signing headers: for a product that
   * signs in its own scheme. `body` is exactly the text sent; `at` the attempt's simulator time.
   */
  headers?(record: NotificationRecord, body: string, at: number): Record<string, string>;
  /** Seconds to wait after each failed attempt of a cycle (default NOTIFY_RETRY_SCHEDULE_S); then it gives up. */
  readonly retryScheduleS?: readonly number[];
}

/** What a product decides about a notification; the outbox adds the delivery state. */
export type NotificationFields = Pick<NotificationRecord, 'id' | 'kind' | 'partnerId' | 'subject' | 'url' | 'body'>;

export function enqueueNotification(
  tx: Transaction,
  fields: NotificationFields & Pick<NotificationRecord, 'triggered'>,
  now: number,
): NotificationRecord {
  const record: NotificationRecord = { ...fields, status: 'pending', attempts: [], cycleStart: 0, nextAttemptAt: now, createdAt: now };
  tx.put(NOTIFICATIONS, record.id, record);
  return record;
}

/** Records an attempt and decides what happens next: delivered, another try later, or given up. */
export function recordAttempt(
  db: Database,
  id: string,
  attempt: Attempt,
  hooks: KindHooks = {},
  giveUp = false,
): NotificationRecord | undefined {
  return db.transact((tx) => {
    const current = tx.get<NotificationRecord>(NOTIFICATIONS, id);
    if (!current) return undefined;
    const attempts = [...current.attempts, attempt];
    const inCycle = attempts.length - current.cycleStart;
    const retryAfterS = (hooks.retryScheduleS ?? NOTIFY_RETRY_SCHEDULE_S)[inCycle - 1];
    const next: NotificationRecord = attempt.acknowledged
      ? { ...current, attempts, status: 'delivered', nextAttemptAt: undefined }
      : retryAfterS === undefined || giveUp
        ? { ...current, attempts, status: 'failed', nextAttemptAt: undefined }
        : { ...current, attempts, status: 'pending', nextAttemptAt: attempt.at + retryAfterS * 1000 };
    tx.put(NOTIFICATIONS, id, next);
    if (next.status === 'delivered') hooks.onAnswer?.(tx, next, parseAnswer(attempt.response));
    if (next.status === 'failed') hooks.onGiveUp?.(tx, next);
    return next;
  });
}

function parseAnswer(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a new delivery cycle (same body), optionally to a new URL. */
export function resendNotification(db: Database, id: string, now: number, url?: string): NotificationRecord | undefined {
  return db.transact((tx) => {
    const current = tx.get<NotificationRecord>(NOTIFICATIONS, id);
    if (!current) return undefined;
    const next: NotificationRecord = {
      ...current,
      url: url ?? current.url,
      status: 'pending',
      cycleStart: current.attempts.length,
      cycleStarts: [...cycleStarts(current), current.attempts.length],
      nextAttemptAt: now,
    };
    tx.put(NOTIFICATIONS, id, next);
    return next;
  });
}

/** Where each delivery cycle began; for older records, the first send and the current cycle. */
export function cycleStarts(record: NotificationRecord): readonly number[] {
  return record.cycleStarts ?? (record.cycleStart > 0 ? [0, record.cycleStart] : [0]);
}

/** The notifications still pending: due work looks at these every tick, never at the whole history. */
const PENDING = defineIndex<NotificationRecord>(NOTIFICATIONS, (record) => (record.status === 'pending' ? 'pending' : undefined));

export function dueNotifications(db: Database, now: number): NotificationRecord[] {
  return db
    .find(PENDING, 'pending')
    .filter((record) => record.nextAttemptAt !== undefined && record.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function listNotifications(db: Database): NotificationRecord[] {
  return [...db.values<NotificationRecord>(NOTIFICATIONS)].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
