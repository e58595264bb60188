import type { Diagnosis } from '../signature/diagnose.ts';

// The request log: every request the simulator served, what was sent and answered (redacted), the
// references it carried, which rule fired (or none), the postings it made and how long it took. Kept
// in memory (the last 2,000 entries); `dana-sim log` and the control API read it. A restarted
// simulator starts a new log, told apart by its `bootId`, so a reader following it never skips or
// repeats an entry.

export interface LoggedPosting {
  readonly account: string;
  /** Positive credits the account, negative debits it; minor units. */
  readonly amountMinor: number;
}

export interface LogEntry {
  readonly seq: number;
  /** The process (simulator instance) that served it: `seq` restarts from 1 with a new one. */
  readonly bootId: string;
  /** The simulator clock's time, shown in WIB (`2026-12-06T20:08:46.524+07:00`). */
  readonly at: string;
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  readonly endpoint?: string;
  readonly partnerId?: string;
  readonly httpStatus: number;
  /** responseCode, resultCode or BNI status; `dropped` when the connection was broken on purpose. */
  readonly code: string;
  readonly rule?: string;
  readonly effect?: string;
  /** The envelope's signature or token was checked and accepted (false: refused, or refused before the check). */
  readonly verified: boolean;
  readonly ledgerChanged: boolean;
  /** The ledger entries this request made: one line per account touched. */
  readonly postings: readonly LoggedPosting[];
  /** partnerReferenceNo, referenceNo, original*, X-EXTERNAL-ID, VA numbers, trxId: from the request and the reply. */
  readonly references: Readonly<Record<string, string>>;
  /** Headers and body as received, secrets replaced by "***" and the body capped in size. */
  readonly request: { readonly headers: Readonly<Record<string, string>>; readonly body: unknown };
  readonly reply: { readonly body: unknown };
  readonly durationMs: number;
  /** Why a failed request failed, on one line: the catalogue case, its detail, the rule that fired. */
  readonly reason?: string;
  /** For a refused signature or token: what dana-sim checked and the likely mistake (signature/diagnose.ts). */
  readonly diagnosis?: Diagnosis;
}

export type LogListener = (entry: LogEntry) => void;

export interface LogFilter {
  readonly after?: number;
  readonly limit?: number;
  readonly endpoint?: string;
  readonly code?: string;
  readonly partner?: string;
  /** Matches any reference the entry carries, request or reply. */
  readonly reference?: string;
}

export class RequestLog {
  private readonly entries: LogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<LogListener>();
  /** Random per instance: each `dana-sim start` is a new process with a new log. */
  readonly bootId: string = globalThis.crypto.randomUUID();

  constructor(private readonly capacity = 2000) {}

  add(entry: Omit<LogEntry, 'seq' | 'bootId'>): LogEntry {
    const full = { seq: ++this.seq, bootId: this.bootId, ...entry };
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
    return this.query({ after: afterSeq, limit });
  }

  /** The newest `limit` entries after `after` that pass every filter given, oldest first. */
  query(filter: LogFilter = {}): LogEntry[] {
    const { after = 0, limit = 200 } = filter;
    return this.entries.filter((entry) => entry.seq > after && matches(entry, filter)).slice(-limit);
  }
}

function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.endpoint !== undefined && entry.endpoint !== filter.endpoint && entry.path !== filter.endpoint) return false;
  if (filter.code !== undefined && entry.code !== filter.code && String(entry.httpStatus) !== filter.code) return false;
  if (filter.partner !== undefined && entry.partnerId !== filter.partner) return false;
  // Trimmed: DANA pads virtualAccountNo with leading spaces, which nobody types.
  const reference = filter.reference?.trim();
  if (reference !== undefined && !Object.values(entry.references).some((value) => value.trim() === reference)) return false;
  return true;
}
