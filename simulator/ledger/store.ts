// Persistence port. The database keeps all state in memory and describes every change as a journal
// entry; a store makes entries durable. The file store (append-only journal, streamed snapshots, a
// lowdb manifest) is used by the server, the memory store by tests and the msw adapter.

import type { PlacedRows, RowFile, WrittenRows } from './stored-row.ts';

export { BufferRow, DiskRow, JournalRow, LoadedTable, RowFile, StoredRow, type PlacedRows, type WrittenRows } from './stored-row.ts';

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
 * The rows of a snapshot at journal sequence number `seq`. Tables and rows may be read live while the
 * snapshot is written (Database.snapshotRows), so a row can be newer than `seq`: every operation is
 * idempotent (a put or delete of a whole row, a clear), and loading replays every entry after `seq`.
 * Balances are exact at `seq`: postings after it are added to them again on load.
 */
export interface SnapshotRows {
  readonly seq: number;
  readonly tables: Iterable<readonly [string, Iterable<readonly [string, unknown]>]>;
  /** Every account's balance at seq, so a restart need not re-add every posting. */
  readonly balances?: ReadonlyArray<readonly [string, number]>;
  /**
   * Called once the snapshot written from these rows is installed, with where each row now lies in
   * it: rows unchanged since are re-pointed there (stored-row.ts), releasing their memory.
   */
  /** The snapshot file its rows still read from (DiskRow), for the store to close when it stops. */
  readonly file?: RowFile;
  readonly rehome?: (file: RowFile, placed: readonly PlacedRows[]) => Promise<void>;
}

/**
 * The journal cannot be written (a full disk, an I/O error): a change was refused before it was
 * applied, or rolled back because its entry never became durable. An environment condition, not a
 * bug: DANA's API answers it with the catalogue's Internal Server Error, the control API with 503.
 */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface Store {
  /** The last snapshot's rows and the journal entries written after it, in order. */
  load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }>;
  /** Queues an entry; it is durable once a later sync() resolves. Never called while unavailable(). */
  append(entry: JournalEntry): void;
  /**
   * Resolves when every entry appended so far is durable; rejects with StorageUnavailable when one
   * of them was lost (the database has rolled it back by then).
   */
  sync(): Promise<void>;
  /** Lets the store fold the journal into a snapshot when it has grown; `rows` is taken lazily. */
  compactIfDue(rows: () => SnapshotRows): void;
  // The last three are for stores that can lose entries (a full disk); one that never does (memory,
  // a replay) leaves them out: everything it was given counts as durable and it never refuses.
  /** The newest sequence number that can no longer be lost: undo information up to it may go. */
  durableSeq?(): number;
  /** Why changes are refused right now, or undefined while the journal accepts writes. */
  unavailable?(): StorageUnavailable | undefined;
  /**
   * Registers the one listener told, synchronously and before any sync() rejects, that every entry
   * from `fromSeq` on will never be durable: memory must drop them to match the disk again.
   */
  onLost?(listener: (fromSeq: number) => void): void;
  /**
   * Registers the one listener told where the puts of each batch lie once it is written, so rows can
   * be read back from the file instead of staying on the heap. A store that keeps nothing on disk
   * leaves it out.
   */
  onWritten?(listener: (rows: WrittenRows) => void): void;
  /** Stops after writing what was appended; `rows` lets a store take a last snapshot on a clean stop. */
  close(rows?: () => SnapshotRows): Promise<void>;
}

export class MemoryStore implements Store {
  async load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }> {
    return { snapshot: { seq: 0, tables: [] }, entries: [] };
  }

  append(_entry: JournalEntry): void {}

  async sync(): Promise<void> {}

  compactIfDue(_rows: () => SnapshotRows): void {}

  /** Nothing is ever lost: memory is all there is. */
  durableSeq(): number {
    return Number.MAX_SAFE_INTEGER;
  }

  unavailable(): StorageUnavailable | undefined {
    return undefined;
  }

  onLost(_listener: (fromSeq: number) => void): void {}

  async close(): Promise<void> {}
}
