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

  const restore = () => {
    restored ??= (async () => {
      signals?.off('SIGINT', interrupted);
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
  // Ctrl-C ends the process without running `finally` blocks: put the target back first, then exit
  // as an interrupted process does (128 + SIGINT).
  const interrupted = () => {
    void restore().finally(() => process.exit(130));
  };
  signals?.once('SIGINT', interrupted);

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
