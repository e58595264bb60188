import { useCallback, useEffect, useRef } from 'preact/hooks';
import { useLiveEvents } from '../live.ts';

// What the Transactions, Notifications and Faults panels share: reloading when live events arrive
// (a burst of requests reloads once), and epoch times from the outbox shown in WIB.

const WIB_OFFSET_MS = 7 * 3_600_000;

/** Epoch milliseconds → "2026-12-06 20:08:46 WIB" (the outbox keeps attempt times as numbers). */
export function wibAt(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  return `${new Date(epochMs + WIB_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} WIB`;
}

/** Calls `reload` once per burst of `request`/`notification` events (150 ms quiet), while mounted. */
export function useReloadOnLive(reload: () => void, kinds: readonly ('request' | 'notification')[]): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onEvent = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, 150);
  }, [reload]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Hooks are called unconditionally: each kind gets a listener that is a no-op when not asked for.
  const wantsRequests = kinds.includes('request');
  const wantsNotifications = kinds.includes('notification');
  useLiveEvents(
    'request',
    useCallback(() => wantsRequests && onEvent(), [wantsRequests, onEvent]),
  );
  useLiveEvents(
    'notification',
    useCallback(() => wantsNotifications && onEvent(), [wantsNotifications, onEvent]),
  );
}
