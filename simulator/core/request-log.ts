import type { Diagnosis } from '../signature/diagnose.ts';

// The request log: every request the simulator served, which rule fired (or none), its effect, and
// whether money moved. Kept in memory (the last 2,000 entries); `dana-sim log` and the control API read it.

export interface LogEntry {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly endpoint?: string;
  readonly partnerId?: string;
  readonly httpStatus: number;
  /** responseCode, resultCode or BNI status; `dropped` when the connection was broken on purpose. */
  readonly code: string;
  readonly rule?: string;
  readonly effect?: string;
  readonly ledgerChanged: boolean;
  readonly durationMs: number;
  /** Why a failed request failed, on one line: the catalogue case, its detail, the rule that fired. */
  readonly reason?: string;
  /** For a refused signature or token: what dana-sim checked and the likely mistake (signature/diagnose.ts). */
  readonly diagnosis?: Diagnosis;
}

export type LogListener = (entry: LogEntry) => void;

export class RequestLog {
  private readonly entries: LogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<LogListener>();

  constructor(private readonly capacity = 2000) {}

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const listener of this.listeners) {
      // A watcher (the --verbose console) must never fail the request it watches.
      try {
        listener(full);
      } catch {}
    }
    return full;
  }

  /** Calls `listener` with every entry added from now on; returns the unsubscribe. */
  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Entries after `afterSeq`, oldest first, at most `limit`. */
  since(afterSeq = 0, limit = 200): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > afterSeq).slice(-limit);
  }
}
