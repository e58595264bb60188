import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

// Loading a control-API reply into a panel: the value, the error to show, and `reload` for after an
// action or a live event.

export interface Loaded<T> {
  readonly value: T | undefined;
  readonly error: string | undefined;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (loaded) => current && (setValue(loaded), setError(undefined)),
      (failure: unknown) =>
        current && setError(failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure)),
    );
    return () => void (current = false);
  }, [generation, ...deps]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { value, error, reload };
}

/**
 * Runs an action (a control POST), then `after`; the error, if any, for the panel to show, and
 * whether one is running. A second click while one runs is ignored: a double click on Pay or
 * "advance 1h" must not act twice.
 */
export function useAction(): [string | undefined, (run: () => Promise<unknown>, after?: () => void) => Promise<void>, boolean] {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const act = useCallback(async (run: () => Promise<unknown>, after?: () => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await run();
      setError(undefined);
      after?.();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return [error, act, busy];
}

/** A form's text fields: their values, and the props that bind an input to one (`<input ...${bind('url')} />`). */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [fields, setFields] = useState<T>(initial);
  const bind = (name: keyof T & string) => ({
    name,
    value: fields[name],
    onInput: (event: Event) => setFields({ ...fields, [name]: (event.target as HTMLInputElement).value }),
  });
  return { fields, setFields, bind };
}
