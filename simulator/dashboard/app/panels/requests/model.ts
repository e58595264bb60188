// The request log as the dashboard reads it (GET /__sim/log and `request` events carry the server's
// LogEntry as JSON; its type is imported, erased from the bundle), plus what the table derives from an entry.

import type { LogEntry } from '../../../../core/request-log.ts';

export type { Diagnosis } from '../../../../signature/diagnose.ts';
export type { LogEntry };

/** How many rows the live table keeps: enough for a UAT run, small enough to stay fast. */
export const MAX_ROWS = 500;

export interface Verdict {
  /** undefined: nothing was checked (no endpoint serves the path). */
  readonly ok: boolean | undefined;
  readonly text: string;
}

/**
 * Whether the signature or token was accepted. A refusal carries a diagnosis (issue 18); a 401
 * without one (a token the simulator could not diagnose) is refused all the same. Anything else
 * that the server did not verify (a missing header refused first, an unknown path) was not checked.
 */
export function verdictOf(entry: LogEntry): Verdict {
  if (entry.diagnosis) return { ok: false, text: `refused: ${entry.diagnosis.mistake.kind}` };
  if (entry.httpStatus === 401) return { ok: false, text: 'refused' };
  if (entry.verified) return { ok: true, text: 'OK' };
  return { ok: undefined, text: 'not checked' };
}

/** The verdict cell's class: green, red, or muted when nothing was checked. */
export const verdictClass = (verdict: Verdict) => `request-verdict ${verdict.ok === undefined ? 'empty' : verdict.ok ? 'ok' : 'bad'}`;

/**
 * Money moved: what ended up credited once each account's lines are netted. A transfer to bank
 * reserves and then settles in one request, and the reserve account's in-and-out is no money moved.
 */
export function movedMinor(entry: LogEntry): number {
  const net = new Map<string, number>();
  for (const posting of entry.postings ?? []) net.set(posting.account, (net.get(posting.account) ?? 0) + posting.amountMinor);
  return [...net.values()].reduce((sum, amount) => sum + Math.max(0, amount), 0);
}

/** The filter box matches endpoint, path, code, HTTP status, partner and any reference. */
export function matchesFilter(entry: LogEntry, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  const fields = [
    entry.endpoint,
    entry.path,
    entry.code,
    String(entry.httpStatus),
    entry.partnerId,
    ...Object.values(entry.references ?? {}),
  ];
  return fields.some((field) => field !== undefined && field.trim().toLowerCase().includes(wanted));
}

const keyOf = (entry: LogEntry) => `${entry.bootId}:${entry.seq}`;

/**
 * Newest first, each entry once, at most MAX_ROWS. Entries of a restarted simulator (another
 * bootId) replace the old ones: their seq starts again from 1.
 */
export function mergeEntries(current: readonly LogEntry[], added: readonly LogEntry[]): LogEntry[] {
  const boot = added.at(-1)?.bootId ?? current[0]?.bootId;
  const byKey = new Map<string, LogEntry>();
  for (const entry of [...current, ...added]) if (entry.bootId === boot) byKey.set(keyOf(entry), entry);
  return [...byKey.values()].sort((a, b) => b.seq - a.seq).slice(0, MAX_ROWS);
}
