// Interleaved measurement: on a shared 2-core machine the load from other sessions drifts over
// seconds, so comparing a dana-sim figure taken now with an express figure taken a minute later
// measures the drift as much as the servers. Every contender is started once and kept warm, and each
// round runs one short window per contender back to back; a ratio is taken per round, between
// windows that saw about the same background load, and reported as the median with its min-max.

/**
 * Window order for a round. The first two names (the pair whose ratio matters most) always run
 * adjacent in time; which of them goes first alternates, and the other contenders move around them,
 * so no contender always gets the quieter first or last slot.
 */
export function roundOrder(names: readonly string[], round: number): string[] {
  const pair = round % 2 ? [names[1], names[0]] : [names[0], names[1]];
  const others = names.slice(2);
  const at = Math.floor(round / 2) % (others.length + 1);
  return [...others.slice(0, at), ...pair, ...others.slice(at)];
}

/** Runs `window(name, round)` for every name in every round, in `roundOrder`; results by name, indexed by round. */
export async function interleave<T>(
  names: readonly string[],
  rounds: number,
  window: (name: string, round: number) => Promise<T>,
): Promise<Record<string, T[]>> {
  const results: Record<string, T[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++)
    for (const name of names.length > 1 ? roundOrder(names, round) : names) results[name][round] = await window(name, round);
  return results;
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return { median: NaN, min: NaN, max: NaN };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Per-round ratios a[i] / b[i], between windows of the same round. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((value, i) => value / b[i]);
}

/** (max - min) / median: how far apart the windows of one figure landed. */
export function relativeSpread(spread: Spread): number {
  return (spread.max - spread.min) / Math.abs(spread.median);
}
