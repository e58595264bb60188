import { useEffect, useState } from 'preact/hooks';
import { streamEvents, type StreamEvent } from './api.ts';

// One event stream per page, shared by every panel: panels subscribe to the kinds they show
// (`request`, `notification`) and refresh what they list when one arrives.

type Listener = (event: StreamEvent) => void;

const listeners = new Set<Listener>();
const stateListeners = new Set<(live: boolean) => void>();
let live = false;

export function startLiveStream(signal: AbortSignal): void {
  void streamEvents(
    (event) => listeners.forEach((listener) => listener(event)),
    (state) => {
      live = state;
      stateListeners.forEach((listener) => listener(state));
    },
    signal,
  );
}

/** Calls `listener` for each event of `kind` while the component is mounted. */
export function useLiveEvents(kind: string, listener: (data: unknown, event: StreamEvent) => void): void {
  useEffect(() => {
    const wrapped: Listener = (event) => event.event === kind && listener(event.data, event);
    listeners.add(wrapped);
    return () => void listeners.delete(wrapped);
  }, [kind, listener]);
}

/** Whether the stream is connected now. */
export function useLiveState(): boolean {
  const [state, setState] = useState(live);
  useEffect(() => {
    stateListeners.add(setState);
    // The stream may have connected between the first render and this effect.
    setState(live);
    return () => void stateListeners.delete(setState);
  }, []);
  return state;
}
