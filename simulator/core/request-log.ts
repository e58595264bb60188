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
}

export class RequestLog {
  private readonly entries: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 2000) {}

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    return full;
  }

  /** Entries after `afterSeq`, oldest first, at most `limit`. */
  since(afterSeq = 0, limit = 200): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > afterSeq).slice(-limit);
  }
}
