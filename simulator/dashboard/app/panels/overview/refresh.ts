import { useCallback, useEffect, useRef } from 'preact/hooks';
import { useLiveEvents } from '../../live.ts';

// Balances change with traffic: a panel that shows them reloads after requests, once per burst
// rather than once per request (a UAT run sends hundreds).

export function useReloadOnRequests(reload: () => void, delayMs = 300): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onRequest = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, delayMs);
  }, [reload, delayMs]);
  useLiveEvents('request', onRequest);
}
