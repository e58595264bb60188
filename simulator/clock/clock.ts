// The simulator's clock: wall time plus an offset that `dana-sim clock advance` and tests move, so
// timers (transfer completion, VA windows) can be driven without waiting. Products never read
// Date.now() directly.

export interface Clock {
  now(): number;
}

/** One `clock advance` moves at most this far (10 years), so a typo cannot fling the clock to year 300000. */
const MAX_ADVANCE_DAYS = 3650;
const MAX_ADVANCE_MS = MAX_ADVANCE_DAYS * 86_400_000;
/** The latest time the clock may show: well inside Date's range, and still a four-digit year. */
const LATEST_CLOCK = '9999-12-31T00:00:00Z';
const LATEST_CLOCK_MS = Date.parse(LATEST_CLOCK);

/** Why a clock advance by durationMs from nowMs is refused, or undefined when it is allowed. */
export function advanceProblem(durationMs: number, nowMs: number): string | undefined {
  if (!(durationMs <= MAX_ADVANCE_MS))
    return `duration must be at most ${MAX_ADVANCE_DAYS}d (10 years) per clock advance; advance again to go further`;
  if (nowMs + durationMs > LATEST_CLOCK_MS)
    return `the clock cannot pass ${LATEST_CLOCK}; it is already at ${new Date(nowMs).toISOString()}`;
  return undefined;
}

export class SimulatorClock implements Clock {
  private offsetMs = 0;

  /** A frozen clock moves only when advanced: for tests that must not depend on real time passing. */
  constructor(private readonly frozenAtMs?: number) {}

  static frozen(atMs = Date.now()): SimulatorClock {
    return new SimulatorClock(atMs);
  }

  now(): number {
    return (this.frozenAtMs ?? Date.now()) + this.offsetMs;
  }

  advance(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError('clock can only move forward');
    // Past the last valid Date every timestamp throws (Invalid time value): refused before anything moves.
    if (this.now() + durationMs > LATEST_CLOCK_MS) throw new RangeError(`the clock cannot pass ${LATEST_CLOCK}`);
    this.offsetMs += durationMs;
  }

  /** Whether advance(durationMs) would succeed: a saved offset from an older version may not. */
  canAdvance(durationMs: number): boolean {
    return Number.isFinite(durationMs) && durationMs >= 0 && this.now() + durationMs <= LATEST_CLOCK_MS;
  }

  /** How far the clock has been moved from real time (or from its frozen start). */
  offset(): number {
    return this.offsetMs;
  }

  /**
   * Moves the clock back to an earlier offset. Only the control API's clock restore calls it, with an
   * offset a snapshot took earlier (a UAT run putting the clock back as it found it); anything else
   * moves forward.
   */
  rewindTo(offsetMs: number): void {
    if (!Number.isFinite(offsetMs) || offsetMs < 0 || offsetMs > this.offsetMs)
      throw new RangeError('the clock can only be put back to an earlier offset');
    this.offsetMs = offsetMs;
  }
}

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

function jakartaParts(epochMs: number): string[] {
  const iso = new Date(epochMs + JAKARTA_OFFSET_MS).toISOString();
  return [iso.slice(0, 10), iso.slice(11, 19)];
}

/** `YYYY-MM-DDTHH:mm:ss+07:00`, DANA's documented timestamp form. */
export function jakartaTimestamp(epochMs: number): string {
  const [date, time] = jakartaParts(epochMs);
  return `${date}T${time}+07:00`;
}

/** How people read a time here: `2026-12-06 20:08:46 WIB` (DANA works in WIB, +07:00). */
export function wibTime(epochMs: number): string {
  const [date, time] = jakartaParts(epochMs);
  return `${date} ${time} WIB`;
}

/** The machine-readable form of the same instant, with milliseconds: `2026-12-06T20:08:46.524+07:00`. */
export function wibIso(epochMs: number): string {
  return new Date(epochMs + JAKARTA_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** The Jakarta calendar day, which bounds DANA's "unique within the same day" rules. */
export function jakartaDay(epochMs: number): string {
  return jakartaParts(epochMs)[0];
}

/** Parses a duration such as `90s`, `5m`, `1h30m`, `250ms` or a bare number of milliseconds. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  let rest = text.trim();
  if (rest === '') return undefined;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total;
}
