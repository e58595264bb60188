import { NOTIFY_RETRY_SCHEDULE_S } from '../../contracts/disbursement/transfer-to-bank-notify.ts';
import type { Database, Transaction } from '../ledger/database.ts';

// The one outbox for every notification DANA sends merchants (Transfer to Bank Notify, Finish
// Notify). A notification is written in the same transaction as the state change it reports, so it
// can never be lost or sent for something that did not happen; delivery reads it from here.

export const NOTIFICATIONS = 'notifications';

export interface Attempt {
  readonly at: number;
  readonly httpStatus?: number;
  readonly latencyMs: number;
  readonly acknowledged: boolean;
  /** The receiver's reply (first 500 characters) or why there was none. */
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
  readonly nextAttemptAt: number | undefined;
  readonly createdAt: number;
}

export function enqueueNotification(tx: Transaction, fields: Pick<NotificationRecord, 'id' | 'kind' | 'partnerId' | 'subject' | 'url' | 'body'>, now: number): NotificationRecord {
  const record: NotificationRecord = { ...fields, status: 'pending', attempts: [], cycleStart: 0, nextAttemptAt: now, createdAt: now };
  tx.put(NOTIFICATIONS, record.id, record);
  return record;
}

/** Records an attempt and decides what happens next: delivered, another try later, or given up. */
export function recordAttempt(db: Database, id: string, attempt: Attempt, giveUp = false): NotificationRecord | undefined {
  return db.transact((tx) => {
    const current = tx.get<NotificationRecord>(NOTIFICATIONS, id);
    if (!current) return undefined;
    const attempts = [...current.attempts, attempt];
    const inCycle = attempts.length - current.cycleStart;
    const retryAfterS = NOTIFY_RETRY_SCHEDULE_S[inCycle - 1];
    const next: NotificationRecord = attempt.acknowledged
      ? { ...current, attempts, status: 'delivered', nextAttemptAt: undefined }
      : retryAfterS === undefined || giveUp
        ? { ...current, attempts, status: 'failed', nextAttemptAt: undefined }
        : { ...current, attempts, status: 'pending', nextAttemptAt: attempt.at + retryAfterS * 1000 };
    tx.put(NOTIFICATIONS, id, next);
    return next;
  });
}

/** Starts a new delivery cycle (same body), optionally to a new URL. */
export function resendNotification(db: Database, id: string, now: number, url?: string): NotificationRecord | undefined {
  return db.transact((tx) => {
    const current = tx.get<NotificationRecord>(NOTIFICATIONS, id);
    if (!current) return undefined;
    const next: NotificationRecord = { ...current, url: url ?? current.url, status: 'pending', cycleStart: current.attempts.length, nextAttemptAt: now };
    tx.put(NOTIFICATIONS, id, next);
    return next;
  });
}

export function dueNotifications(db: Database, now: number): NotificationRecord[] {
  const due: NotificationRecord[] = [];
  for (const record of db.values<NotificationRecord>(NOTIFICATIONS)) {
    if (record.status === 'pending' && record.nextAttemptAt !== undefined && record.nextAttemptAt <= now) due.push(record);
  }
  return due;
}

export function listNotifications(db: Database): NotificationRecord[] {
  return [...db.values<NotificationRecord>(NOTIFICATIONS)].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
