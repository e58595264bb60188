// Amounts are integers in minor units (sen) inside the simulator; DANA's `"10000.00"` strings exist
// only at the boundary.

export interface Money {
  readonly value: string;
  readonly currency: string;
}

/** Parses a validated amount string; undefined when it does not fit a safe integer of minor units. */
export function toMinor(value: string): number | undefined {
  const match = /^(\d+)\.(\d{2})$/.exec(value);
  if (!match) return undefined;
  const minor = Number(match[1]) * 100 + Number(match[2]);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

export function toValue(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function money(minor: number, currency = 'IDR'): Money {
  return { value: toValue(minor), currency };
}

/** Like toMinor, for trusted constants; throws on malformed input because that is a bug. */
export function minorOf(value: string): number {
  const minor = toMinor(value);
  if (minor === undefined) throw new Error(`not an amount: ${value}`);
  return minor;
}
