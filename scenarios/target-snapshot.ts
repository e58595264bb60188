import type { RuleSpec } from '../contracts/common/rule.ts';
import type { Target } from './targets/types.ts';

// The runner never changes the simulator it targets (scenarios/README.md): what a run must change
// to work (the merchant's notification URL, rules, the clock) is saved when it starts and put back
// when it ends, failed, thrown or interrupted (Ctrl-C). The clock goes back through a snapshot the
// same run took (POST /clock/snapshot, /clock/restore): the only way the simulator clock moves back.
// Rules are removed by the ids the run added, never by clearing: the user's own rules stay, and the
// run's rules go ahead of them so they cannot change its cases. A run window (POST /uat/runs) keeps
// the run's traffic out of `dana-sim uat status`.

export interface TargetGuard {
  /** The run window's id, sent as X-Dana-Sim-Run on the runner's own calls. */
  readonly runId?: string;
  /** Adds a case's rules; remove them with removeRules when the case ends. */
  addRules(rules: readonly RuleSpec[]): Promise<string[]>;
  removeRules(ids: readonly string[]): Promise<void>;
  /** Puts everything back; safe to call twice. Returns what could not be put back, one line each. */
  restore(): Promise<string[]>;
}

/** Saves the target's state before a run; targets without control (DANA's sandbox) have nothing to save. */
export async function guardTarget(target: Target, signals: NodeJS.EventEmitter | undefined = process): Promise<TargetGuard> {
  const control = target.control;
  const merchantId = target.merchant.merchantId;
  const added = new Set<string>();
  if (!control)
    return {
      addRules: async () => [],
      removeRules: async () => undefined,
      restore: async () => [],
    };
  const notifyUrl = await control.notifyUrl(merchantId);
  const clock = await control.clockSnapshot();
  const runId = await control.openRun(merchantId);
  let restored: Promise<string[]> | undefined;

  const SIGNAL_EXITS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const handlers = Object.entries(SIGNAL_EXITS).map(
    ([signal, code]) => [signal, () => void restore().finally(() => process.exit(code))] as const,
  );
  const restore = () => {
    restored ??= (async () => {
      for (const [signal, handler] of handlers) signals?.off(signal, handler);
      const problems: string[] = [];
      // Each step is tried even when one fails, so one broken route does not leave the rest changed.
      const attempt = async (what: string, work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          problems.push(`could not put back ${what}: ${(error as Error).message}`);
        }
      };
      if (added.size) await attempt('the rules this run added', () => control.removeRules([...added]));
      await attempt('the notification URL', () => control.setNotifyUrl(merchantId, notifyUrl ?? null));
      if (clock) await attempt('the clock', () => control.restoreClock(clock));
      else problems.push('the clock: this simulator cannot put it back (no POST /clock/snapshot)');
      if (runId) await attempt('the UAT run window', () => control.closeRun(runId));
      return problems;
    })();
    return restored;
  };
  // Ctrl-C, a CI timeout (SIGTERM) or a closed terminal (SIGHUP) end the process without running
  // `finally` blocks: put the target back first, then exit as a process ended by that signal does.
  for (const [signal, handler] of handlers) signals?.once(signal, handler);

  return {
    runId,
    async addRules(rules) {
      const ids = await control.addRules(rules);
      for (const id of ids) added.add(id);
      return ids;
    },
    async removeRules(ids) {
      await control.removeRules(ids);
      for (const id of ids) added.delete(id);
    },
    restore,
  };
}
