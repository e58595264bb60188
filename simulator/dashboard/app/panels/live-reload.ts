import { useCallback, useEffect, useRef } from 'preact/hooks';
import { useLiveEvents } from '../live.ts';

// What traffic changes (balances, UAT coverage) is reloaded after it, once per burst rather than
// once per event: a UAT run sends hundreds of requests.

export function useReloadOnEvents(reload: () => void, kinds: readonly ('request' | 'notification')[] = ['request'], delayMs = 300): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvent = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, delayMs);
  }, [reload, delayMs]);
  useLiveEvents('request', kinds.includes('request') ? onEvent : ignore);
  useLiveEvents('notification', kinds.includes('notification') ? onEvent : ignore);
}

const ignore = () => {};
