import { relativeSpread, spreadOf, type Spread } from './interleave.ts';

// Targets and their verdicts. A figure measured in several windows is called only when every window
// agrees: if the goal lies inside [min, max], one run on this machine cannot tell met from not met,
// and the bench says "spread too wide" instead of printing whichever side the median happened to land
// on. Windows that all agree give a verdict even when far apart (every window missing the goal is a
// miss however noisy), but a spread wider than MAX_SPREAD is marked "noisy" beside it.

/** BENCH_MAX_SPREAD: widest (max - min) / median not marked noisy. */
const MAX_SPREAD = Number(process.env.BENCH_MAX_SPREAD ?? 0.25);

export interface Goal {
  readonly op: '>=' | '<=';
  readonly value: number;
}

export const atLeast = (value: number): Goal => ({ op: '>=', value });
export const atMost = (value: number): Goal => ({ op: '<=', value });

export type Verdict = 'met' | 'not met' | 'spread too wide' | 'skipped';

export interface Check {
  readonly name: string;
  readonly unit: string;
  readonly goal: Goal;
  /** Median and range of the windows (one value for a figure measured once). */
  readonly measured?: Spread;
  readonly windows: number;
  readonly verdict: Verdict;
  readonly note?: string;
}

const meets = (value: number, goal: Goal) => (goal.op === '>=' ? value >= goal.value : value <= goal.value);

export function verdictOf(spread: Spread, goal: Goal): Verdict {
  const all = meets(spread.min, goal) && meets(spread.max, goal);
  const none = !meets(spread.min, goal) && !meets(spread.max, goal);
  return all ? 'met' : none ? 'not met' : 'spread too wide';
}

const noisy = (c: Check) => c.measured !== undefined && c.windows > 1 && relativeSpread(c.measured) > MAX_SPREAD;

export function check(name: string, unit: string, values: readonly number[], goal: Goal, note?: string): Check {
  const measured = spreadOf(values);
  if (!Number.isFinite(measured.median)) return skipped(name, unit, goal, note ?? 'not measured');
  return {
    name,
    unit,
    goal,
    measured,
    windows: values.length,
    verdict: verdictOf(measured, goal),
    ...(note ? { note } : {}),
  };
}

export function skipped(name: string, unit: string, goal: Goal, note: string): Check {
  return { name, unit, goal, windows: 0, verdict: 'skipped', note };
}

/** Two significant decimals for ratios, one for milliseconds and megabytes. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) < 10 ? Math.round(value * 100) / 100 : Math.round(value * 10) / 10;
}

export function formatSpread(spread: Spread | undefined, windows: number): string {
  if (!spread) return '';
  return windows > 1 ? `${round(spread.median)} (${round(spread.min)}-${round(spread.max)})` : `${round(spread.median)}`;
}

export function checkTable(checks: readonly Check[]): string[] {
  const lines = ['| target | measured: median (min-max) | windows | spread | goal | verdict |', '|---|---|---|---|---|---|'];
  for (const c of checks) {
    const spread = c.measured && c.windows > 1 ? `${Math.round(relativeSpread(c.measured) * 100)}%` : '';
    const notes = [...(c.note ? [c.note] : []), ...(noisy(c) && c.verdict !== 'spread too wide' ? ['noisy'] : [])];
    const verdict = notes.length ? `${c.verdict} (${notes.join('; ')})` : c.verdict;
    lines.push(
      `| ${c.name} | ${formatSpread(c.measured, c.windows)}${c.measured ? ` ${c.unit}` : ''} | ${c.windows || ''} | ${spread} | ${c.goal.op} ${c.goal.value} ${c.unit} | ${verdict} |`,
    );
  }
  return lines;
}
