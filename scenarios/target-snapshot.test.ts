import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardTarget } from './target-snapshot.ts';
import type { Target } from './targets/types.ts';

// A run stopped by a signal (Ctrl+C, a CI timeout's SIGTERM, a closed terminal's SIGHUP) still puts
// its target back before the process exits with that signal's code.

afterEach(() => {
  vi.restoreAllMocks();
});

function fakeTarget(calls: string[]): Target {
  const control = {
    notifyUrl: async () => 'http://127.0.0.1:9/mine',
    clockSnapshot: async () => 'clock-1',
    openRun: async () => 'run-1',
    addRules: async () => ['r-1'],
    removeRules: async (ids: string[]) => void calls.push(`removeRules ${ids.join(',')}`),
    setNotifyUrl: async (_merchant: string, url: string | null) => void calls.push(`setNotifyUrl ${url}`),
    restoreClock: async (snapshot: string) => void calls.push(`restoreClock ${snapshot}`),
    closeRun: async (runId: string) => void calls.push(`closeRun ${runId}`),
  };
  return { control, merchant: { merchantId: 'm-1' } } as unknown as Target;
}

describe('guardTarget on a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('restores the target on %s, then exits %i', async (signal, code) => {
    const calls: string[] = [];
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => {
      vi.spyOn(process, 'exit').mockImplementation(((exitCode: number) => resolve(exitCode)) as never);
    });
    const guard = await guardTarget(fakeTarget(calls), signals);
    await guard.addRules([]);
    signals.emit(signal);
    expect(await exited).toBe(code);
    expect(calls).toEqual(['removeRules r-1', 'setNotifyUrl http://127.0.0.1:9/mine', 'restoreClock clock-1', 'closeRun run-1']);
    // Restored once: the other signals' handlers are gone.
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') + signals.listenerCount('SIGHUP')).toBe(0);
  });
});
