import { useCallback, useEffect, useRef } from 'preact/hooks';
import { useLiveEvents } from '../live.ts';

// Reloading what live traffic changes (balances, transactions, rules, UAT coverage): once per burst
// of events (150 ms quiet), and at least once a second while a steady stream never goes quiet, so a
// panel open during a UAT run or a load test keeps up without reloading per event.

const QUIET_MS = 150;
const MAX_WAIT_MS = 1_000;

/** Calls `reload` after `request`/`notification` events of the kinds asked for, while mounted. */
export function useReloadOnLive(reload: () => void, kinds: readonly ('request' | 'notification')[]): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstPending = useRef<number | undefined>(undefined);
  const onEvent = useCallback(() => {
    const now = Date.now();
    firstPending.current ??= now;
    clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(QUIET_MS, firstPending.current + MAX_WAIT_MS - now));
    timer.current = setTimeout(() => {
      firstPending.current = undefined;
      reload();
    }, wait);
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
