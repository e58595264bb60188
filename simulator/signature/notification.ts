import type { KeyObject } from 'node:crypto';
import { verifyAsymmetric } from './snap.ts';

// For merchants' receivers: checks a notification the simulator sent (Transfer to Bank Notify,
// Finish Notify) the way DANA's notifications are checked (webhooks.md section 3). The official SDK
// parsers do the same when given the simulator's public key (DANA_PUBLIC_KEY in the credentials file).

export interface ReceivedNotification {
  readonly method?: string;
  /** The path the request arrived on, without host or query. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body text as received. */
  readonly body: string;
}

function header(headers: ReceivedNotification['headers'], name: string): string | undefined {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyDanaNotification(notification: ReceivedNotification, danaPublicKey: string | KeyObject): boolean {
  const signature = header(notification.headers, 'x-signature');
  const timestamp = header(notification.headers, 'x-timestamp');
  if (!signature || !timestamp) return false;
  return verifyAsymmetric(
    { method: notification.method ?? 'POST', path: notification.path, body: notification.body, timestamp },
    signature,
    danaPublicKey,
  );
}
