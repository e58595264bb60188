// Persistence port. The database keeps all state in memory and describes every change as a journal
// entry; a store makes entries durable. The file store (append-only journal, streamed snapshots, a
// lowdb manifest) is used by the server, the memory store by tests and the msw adapter.

export type Operation =
  | { readonly op: 'put'; readonly table: string; readonly key: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly table: string; readonly key: string }
  | { readonly op: 'clear'; readonly table: string };

export interface JournalEntry {
  readonly seq: number;
  readonly ops: readonly Operation[];
}

export type Tables = Record<string, Record<string, unknown>>;

export interface Snapshot {
  readonly seq: number;
  readonly tables: Tables;
}

/**
 * Every row at one journal sequence number, as shallow copies of the tables: records are never
 * mutated in place (a change puts a new object), so copying the row lists is enough for a consistent
 * view while later transactions go on.
 */
export interface SnapshotRows {
  readonly seq: number;
  readonly tables: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, unknown]>]>;
  /** Every account's balance at seq, so a restart need not re-add every posting. */
  readonly balances?: ReadonlyArray<readonly [string, number]>;
}

/**
 * A row still in its stored form: a range of the snapshot bytes it was read from, parsed only when
 * read. A history of 100,000 transactions then loads in a fraction of the time, and its bytes live
 * outside the JavaScript heap, where the garbage collector never copies or scans them (README.md here).
 */
export class StoredRow {
  /** `line` is the whole stored line `[table, key, value]`; `value` the range of the value within it. */
  constructor(
    private readonly bytes: Buffer,
    private readonly lineStart: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    private readonly lineEnd: number,
  ) {}

  get json(): string {
    return this.bytes.toString('utf8', this.valueStart, this.valueEnd);
  }

  /** The stored line itself, for writing the row back (same table, same key) without decoding it. */
  get line(): Buffer {
    return this.bytes.subarray(this.lineStart, this.lineEnd);
  }

  parse(): unknown {
    return JSON.parse(this.json);
  }
}

export interface Store {
  /** The last snapshot's rows and the journal entries written after it, in order. */
  load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }>;
  /** Queues an entry; it is durable once a later sync() resolves. */
  append(entry: JournalEntry): void;
  /** Resolves when every entry appended so far is durable. */
  sync(): Promise<void>;
  /** Lets the store fold the journal into a snapshot when it has grown; `rows` is taken lazily. */
  compactIfDue(rows: () => SnapshotRows): void;
  close(): Promise<void>;
}

export class MemoryStore implements Store {
  async load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }> {
    return { snapshot: { seq: 0, tables: [] }, entries: [] };
  }

  append(_entry: JournalEntry): void {}

  async sync(): Promise<void> {}

  compactIfDue(_rows: () => SnapshotRows): void {}

  async close(): Promise<void> {}
}
