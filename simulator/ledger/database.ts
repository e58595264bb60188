import { InvariantViolation, Ledger, checkPosting, type Posting } from './ledger.ts';
import { LoadedTable, pointAtJournal, rehome } from './stored-row.ts';
import {
  StoredRow,
  type JournalEntry,
  type Operation,
  type Snapshot,
  type SnapshotRows,
  type Store,
  type StorageUnavailable,
  type Tables,
} from './store.ts';
import { Indexes, type Index } from './indexes.ts';
import { UndoLog, type UndoStep } from './undo-log.ts';

// All simulator state: named tables of JSON records plus the ledger (whose postings are the
// `postings` table). Every change goes through transact(): the callback runs synchronously, reads
// its own writes, and either commits all of its operations as one journal entry or, when it throws,
// leaves no trace. Callers reply only after sync() resolves, so a reply never runs ahead of the disk.
// When the journal cannot be written, the store reports the entries that will never be durable and
// the database takes them back (undo-log.ts); until the disk accepts writes again it refuses changes.

export const POSTINGS = 'postings';
const EMPTY_LEDGER = new Ledger();

export class Transaction {
  readonly ops: Operation[] = [];
  private readonly writes = new Map<string, unknown>();
  private readonly cleared = new Set<string>();
  private readonly postings: Posting[] = [];

  constructor(private readonly db: Database) {}

  get<T>(table: string, key: string): T | undefined {
    const id = `${table}\u0000${key}`;
    if (this.writes.has(id)) return this.writes.get(id) as T | undefined;
    return this.cleared.has(table) ? undefined : this.db.get<T>(table, key);
  }

  /** Every row of a table as this transaction sees it: committed rows with its own writes applied. */
  values<T>(table: string): T[] {
    const prefix = `${table}\u0000`;
    const rows = new Map<string, T>();
    if (!this.cleared.has(table)) for (const [key, value] of this.db.entries<T>(table)) rows.set(key, value);
    for (const [id, value] of this.writes) {
      if (!id.startsWith(prefix)) continue;
      if (value === undefined) rows.delete(id.slice(prefix.length));
      else rows.set(id.slice(prefix.length), value as T);
    }
    return [...rows.values()];
  }

  put(table: string, key: string, value: unknown): void {
    if (table === POSTINGS) throw new InvariantViolation('postings are written with post()');
    this.writes.set(`${table}\u0000${key}`, value);
    this.ops.push({ op: 'put', table, key, value });
  }

  delete(table: string, key: string): void {
    if (table === POSTINGS) throw new InvariantViolation('postings are never deleted');
    this.writes.set(`${table}\u0000${key}`, undefined);
    this.ops.push({ op: 'delete', table, key });
  }

  /** Wipes a table; for reset only. Clearing postings resets every balance with them. */
  clear(table: string): void {
    for (const id of [...this.writes.keys()]) if (id.startsWith(`${table}\u0000`)) this.writes.delete(id);
    if (table === POSTINGS) this.postings.length = 0;
    this.cleared.add(table);
    this.ops.push({ op: 'clear', table });
  }

  /** The ledger this transaction builds on: empty once it cleared the postings. */
  private base(): Ledger {
    return this.cleared.has(POSTINGS) ? EMPTY_LEDGER : this.db.ledger;
  }

  post(posting: Posting): void {
    checkPosting(posting);
    this.base().check([...this.postings, posting]);
    this.postings.push(posting);
    this.ops.push({ op: 'put', table: POSTINGS, key: posting.id, value: posting });
  }

  /** Balance including this transaction's own postings. */
  balance(account: string): number {
    let balance = this.base().balance(account);
    for (const posting of this.postings) {
      for (const entry of posting.entries) if (entry.account === account) balance += entry.amountMinor;
    }
    return balance;
  }
}

export class Database {
  private readonly tables = new Map<string, Map<string, unknown>>();
  ledger = this.newLedger();
  private seq = 0;
  private transacting = false;
  private readonly undo = new UndoLog();
  private readonly indexes = new Indexes();

  private constructor(private readonly store: Store) {
    store.onLost?.((fromSeq) => this.rollBack(fromSeq));
    store.onWritten?.((written) => pointAtJournal(this.tables, written));
  }

  static async open(store: Store): Promise<Database> {
    const db = new Database(store);
    const { snapshot, entries } = await store.load();
    db.seq = snapshot.seq;
    if (snapshot.balances) db.ledger.restore(snapshot.balances);
    for (const [table, rows] of snapshot.tables) {
      if (table === POSTINGS && !snapshot.balances) {
        for (const [key, value] of rows) db.apply({ op: 'put', table, key, value: value instanceof StoredRow ? value.parse() : value });
        continue;
      }
      db.tables.set(table, rows instanceof LoadedTable ? rows : new Map(rows));
    }
    for (const entry of entries) {
      if (entry.seq <= db.seq) continue;
      for (const op of entry.ops) db.apply(op);
      db.seq = entry.seq;
    }
    if (db.ledger.totalMinor() !== 0) throw new InvariantViolation(`stored ledger does not balance (total ${db.ledger.totalMinor()})`);
    return db;
  }

  get<T>(table: string, key: string): T | undefined {
    const rows = this.tables.get(table);
    const value = rows?.get(key);
    if (!(value instanceof StoredRow)) return value as T | undefined;
    // Read once, kept parsed: what is read tends to be read again (status, idempotent replays).
    const parsed = value.parse();
    rows!.set(key, parsed);
    return parsed as T;
  }

  /** Every row of a table; stored rows are parsed for the caller but left as text. */
  *values<T>(table: string): IterableIterator<T> {
    for (const value of this.tables.get(table)?.values() ?? []) yield (value instanceof StoredRow ? value.parse() : value) as T;
  }

  /** Every row of a table as held: a row not read yet is still a StoredRow (ledger/verify.ts). */
  stored(table: string): IterableIterator<unknown> {
    return (this.tables.get(table) ?? new Map<string, unknown>()).values();
  }

  /** Every row of a table as held, with its key (tests and tools: where each row lives). */
  storedEntries(table: string): IterableIterator<[string, unknown]> {
    return (this.tables.get(table) ?? new Map<string, unknown>()).entries();
  }

  *entries<T>(table: string): IterableIterator<[string, T]> {
    for (const key of this.tables.get(table)?.keys() ?? []) yield [key, this.get<T>(table, key)!];
  }

  /** The committed rows an index finds for `value` (indexes.ts), in no particular order. */
  find<T>(index: Index<T>, value: string): T[] {
    const keys = this.indexes.keys(index, value, () => this.tables.get(index.table) ?? []);
    return keys.map((key) => this.get<T>(index.table, key)!);
  }

  size(table: string): number {
    return this.tables.get(table)?.size ?? 0;
  }

  transact<T>(work: (tx: Transaction) => T): T {
    // Work inside a transaction (a handler inside the pipeline's) must use that transaction: a nested
    // one would commit on its own, and the request could then leave half its trace.
    if (this.transacting) throw new InvariantViolation('transact() inside a transaction: use the open transaction');
    this.transacting = true;
    try {
      const tx = new Transaction(this);
      const result = work(tx);
      if (tx.ops.length === 0) return result;
      // Checked once the work has run, so reads go on while the disk is full, and before anything is
      // applied, so a refused change leaves no trace.
      const refused = this.store.unavailable?.();
      if (refused) throw refused;
      const steps = tx.ops.map((op) => this.apply(op));
      this.seq += 1;
      this.undo.record(this.seq, steps);
      this.store.append({ seq: this.seq, ops: tx.ops } satisfies JournalEntry);
      this.undo.trim(this.store.durableSeq?.() ?? this.seq);
      this.store.compactIfDue(() => this.snapshotRows());
      return result;
    } finally {
      this.transacting = false;
    }
  }

  /**
   * Resolves once everything committed so far is durable; rejects (StorageUnavailable) when some of it
   * was rolled back instead. Call it in the same turn as the transaction it waits for: once a loss
   * has rolled that transaction back, a later sync() has nothing of it left to wait for.
   */
  sync(): Promise<void> {
    return this.store.sync();
  }

  /** Why changes are refused right now (the journal cannot be written), or undefined while they are accepted. */
  unavailable(): StorageUnavailable | undefined {
    return this.store.unavailable?.();
  }

  /** Entries whose undo information is still kept (tests: it is dropped once they are durable). */
  get undoable(): number {
    return this.undo.size;
  }

  /** Every table as plain objects (tools and tests). */
  snapshot(): Snapshot {
    const tables: Tables = {};
    for (const [name, rows] of this.tables)
      tables[name] = Object.fromEntries([...rows].map(([key, value]) => [key, value instanceof StoredRow ? value.parse() : value]));
    return { seq: this.seq, tables };
  }

  /**
   * The state at this sequence number for a snapshot, taken without copying a single row: balances
   * are copied now (one entry per account), rows are read live while the snapshot is written. A row
   * may then be newer than `seq`; that is harmless because every operation replays idempotently (a
   * put or delete of a whole row, a clear), and a load replays every entry after `seq` on top.
   */
  snapshotRows(): SnapshotRows {
    const tables = this.tables;
    return {
      seq: this.seq,
      tables: (function* () {
        for (const [name, rows] of tables) yield [name, rows] as const;
      })(),
      balances: [...this.ledger.accounts()],
      rehome: (file, placed) => rehome(tables, file, placed),
    };
  }

  close(): Promise<void> {
    return this.store.close(() => this.snapshotRows());
  }

  /** Posting ids live once, as the keys of the postings table. */
  private newLedger(): Ledger {
    return new Ledger((postingId) => this.tables.get(POSTINGS)?.has(postingId) ?? false);
  }

  /** Applies one operation and says how to take it back. */
  private apply(op: Operation): UndoStep {
    if (op.op === 'clear') {
      const step: UndoStep = {
        kind: 'table',
        table: op.table,
        rows: this.tables.get(op.table),
        ledger: op.table === POSTINGS ? this.ledger : undefined,
      };
      this.tables.delete(op.table);
      this.indexes.dropped(op.table);
      if (op.table === POSTINGS) this.ledger = this.newLedger();
      return step;
    }
    let rows = this.tables.get(op.table);
    const createdTable = !rows;
    if (!rows) {
      rows = new Map();
      this.tables.set(op.table, rows);
    }
    const had = rows.has(op.key);
    const previous = rows.get(op.key);
    if (op.op === 'delete') {
      rows.delete(op.key);
      this.indexes.changed(op.table, op.key, undefined);
      return { kind: 'row', table: op.table, key: op.key, had, previous, createdTable };
    }
    let opened: string[] | undefined;
    if (op.table === POSTINGS) opened = this.ledger.apply(op.value as Posting);
    rows.set(op.key, op.value);
    this.indexes.changed(op.table, op.key, op.value);
    return opened
      ? { kind: 'row', table: op.table, key: op.key, had, previous, createdTable, posting: op.value as Posting, opened }
      : { kind: 'row', table: op.table, key: op.key, had, previous, createdTable };
  }

  /**
   * Takes back every entry from `fromSeq` on, newest first: the store could not make them durable.
   * Afterwards tables, balances and the sequence number are exactly what the disk holds. A row a lost
   * delete removed comes back at the end of its table's order, which nothing reads as meaning.
   */
  private rollBack(fromSeq: number): void {
    if (fromSeq > this.seq) return;
    const { firstSeq, steps } = this.undo.takeFrom(fromSeq);
    if (firstSeq !== fromSeq) throw new InvariantViolation(`entries from ${fromSeq} were lost, but their undo information is gone`);
    for (const step of steps) this.undoStep(step);
    this.seq = fromSeq - 1;
  }

  private undoStep(step: UndoStep): void {
    if (step.kind === 'table') {
      if (step.rows) this.tables.set(step.table, step.rows);
      else this.tables.delete(step.table);
      this.indexes.dropped(step.table);
      if (step.ledger) this.ledger = step.ledger;
      return;
    }
    const rows = this.tables.get(step.table)!;
    if (step.posting) this.ledger.unapply(step.posting, step.opened ?? []);
    if (step.had) rows.set(step.key, step.previous);
    else rows.delete(step.key);
    this.indexes.changed(step.table, step.key, step.had ? step.previous : undefined);
    if (step.createdTable) this.tables.delete(step.table);
  }
}
