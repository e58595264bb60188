import { describe, expect, it } from 'vitest';
import { Database, POSTINGS } from './database.ts';
import { Ledger, type Posting } from './ledger.ts';
import { BufferRow, MemoryStore, StorageUnavailable, StoredRow, type JournalEntry, type SnapshotRows } from './store.ts';

// When the journal cannot be written, the store reports the entries that will never be durable and
// the database takes them back: afterwards memory equals what a restart would load, exactly.

const FUNDING = 'external:funding';
const MERCHANT = 'merchant:m1:deposit';
const USER = 'user:62811742234';

const move = (from: string, to: string, amountMinor: number, id: string): Posting => ({
  id,
  at: 0,
  ref: 'test',
  memo: 'test',
  entries: [
    { account: from, amountMinor: -amountMinor },
    { account: to, amountMinor },
  ],
});

/** A store the test drives: it says what is durable, loses entries on demand and can refuse changes. */
class LosingStore extends MemoryStore {
  readonly appended: JournalEntry[] = [];
  durable = 0;
  refusal: StorageUnavailable | undefined;
  private listener: (fromSeq: number) => void = () => undefined;

  constructor(private readonly loaded: SnapshotRows = { seq: 0, tables: [] }) {
    super();
  }
  override async load() {
    return { snapshot: this.loaded, entries: [] };
  }
  override append(entry: JournalEntry): void {
    this.appended.push(entry);
  }
  override durableSeq(): number {
    return this.durable;
  }
  override unavailable() {
    return this.refusal;
  }
  override onLost(listener: (fromSeq: number) => void): void {
    this.listener = listener;
  }
  lose(fromSeq: number): void {
    this.listener(fromSeq);
  }
}

/** Everything a restart would compare: rows (stored rows parsed), balances with the accounts present, the sequence number. */
function state(db: Database) {
  return { ...db.snapshot(), balances: db.ledger.accounts(), total: db.ledger.totalMinor() };
}

async function seeded() {
  const store = new LosingStore({
    seq: 3,
    tables: [
      ['records', [['stored', storedRow('records', 'stored', { v: 'on disk' })]]],
      ['timers', [['t1', { due: 1 }]]],
    ],
    balances: [
      [FUNDING, -100_00],
      [MERCHANT, 100_00],
    ],
  });
  const db = await Database.open(store);
  db.transact((tx) => {
    tx.put('records', 'over', { v: 'old' });
    tx.put('records', 'gone', { v: 'deleted later' });
    tx.post(move(FUNDING, MERCHANT, 5_00, 'p-durable'));
  });
  store.durable = 4;
  return { db, store };
}

function storedRow(table: string, key: string, value: unknown): StoredRow {
  const head = `[${JSON.stringify(table)},${JSON.stringify(key)},`;
  const line = Buffer.from(`${head}${JSON.stringify(value)}]`);
  return new BufferRow(line, 0, Buffer.byteLength(head), line.length - 1, line.length);
}

describe('Ledger.unapply', () => {
  it('takes a posting back exactly: balances, total, the accounts it opened and its id', () => {
    const ledger = new Ledger();
    ledger.apply(move(FUNDING, MERCHANT, 100, 'first'));
    const before = ledger.accounts();
    const second = move(MERCHANT, USER, 40, 'second');
    const opened = ledger.apply(second);
    expect(opened).toEqual([USER]);
    ledger.unapply(second, opened);
    expect(ledger.accounts()).toEqual(before);
    expect(ledger.totalMinor()).toBe(0);
    expect(() => ledger.check([move(MERCHANT, USER, 1, 'second')])).not.toThrow();
  });
});

describe('Database rollback of lost entries', () => {
  it('restores overwritten and deleted rows, tables a lost entry created, balances and the sequence number', async () => {
    const { db, store } = await seeded();
    const before = state(db);
    db.transact((tx) => {
      tx.put('records', 'over', { v: 'new' });
      tx.delete('records', 'gone');
      tx.put('records', 'stored', { v: 'replaced' });
      tx.put('created', 'k', 1);
      tx.post(move(MERCHANT, USER, 30_00, 'p-lost'));
    });
    db.transact((tx) => {
      tx.put('records', 'over', { v: 'newer' });
      tx.delete('timers', 't1');
      tx.post(move(FUNDING, 'user:new', 1_00, 'p-lost-2'));
    });
    expect(db.snapshot().seq).toBe(6);
    expect(db.undoable).toBe(2);

    store.lose(5);
    expect(state(db)).toEqual(before);
    expect(db.snapshot().tables.created).toBeUndefined();
    expect(db.ledger.accounts().has(USER)).toBe(false);
    expect(db.get(POSTINGS, 'p-lost')).toBeUndefined();
    expect(db.undoable).toBe(0);
    // The ids of lost postings are free again, and the next entry reuses the lost sequence number.
    db.transact((tx) => tx.post(move(MERCHANT, USER, 1_00, 'p-lost')));
    expect(store.appended.at(-1)?.seq).toBe(5);
    expect(db.ledger.balance(USER)).toBe(1_00);
  });

  it('restores a cleared table and the ledger a cleared postings table replaced', async () => {
    const { db, store } = await seeded();
    const before = state(db);
    db.transact((tx) => {
      tx.clear('records');
      tx.clear(POSTINGS);
      tx.put('records', 'after-clear', 1);
      tx.post(move(FUNDING, USER, 7, 'p-after-clear'));
    });
    expect(db.ledger.balance(MERCHANT)).toBe(0);
    store.lose(5);
    expect(state(db)).toEqual(before);
    expect(db.get('records', 'stored')).toEqual({ v: 'on disk' });
    expect(db.ledger.balance(MERCHANT)).toBe(105_00);
    // The restored ledger still finds its postings in the restored table.
    expect(() => db.transact((tx) => tx.post(move(FUNDING, MERCHANT, 1, 'p-durable')))).toThrow('posting p-durable already exists');
  });

  it('keeps entries that are durable, and drops undo information once the store says so', async () => {
    const { db, store } = await seeded();
    db.transact((tx) => tx.put('records', 'a', 1));
    const afterA = state(db);
    db.transact((tx) => tx.put('records', 'b', 2));
    expect(db.undoable).toBe(2);
    store.durable = 5;
    db.transact((tx) => tx.put('records', 'c', 3));
    expect(db.undoable).toBe(2);
    store.lose(6);
    expect(state(db)).toEqual(afterA);
    // Entry 6 again, this time a new one: kept until the store says it is durable.
    db.transact((tx) => tx.put('records', 'd', 4));
    expect(db.undoable).toBe(1);
    store.durable = 6;
    db.transact((tx) => tx.put('records', 'e', 5));
    expect(db.undoable).toBe(1);
  });

  it('ignores a loss past its newest entry', async () => {
    const { db, store } = await seeded();
    const before = state(db);
    store.lose(5);
    expect(state(db)).toEqual(before);
  });

  it('refuses a change before applying anything while the store is unavailable, and still reads', async () => {
    const { db, store } = await seeded();
    const before = state(db);
    store.refusal = new StorageUnavailable('disk full');
    expect(() => db.transact((tx) => tx.put('records', 'x', 1))).toThrow(store.refusal);
    expect(() => db.transact((tx) => tx.post(move(FUNDING, USER, 1, 'p-refused')))).toThrow(StorageUnavailable);
    expect(db.transact((tx) => tx.get('records', 'over'))).toEqual({ v: 'old' });
    expect(state(db)).toEqual(before);
    expect(store.appended).toHaveLength(1);
    expect(db.unavailable()).toBe(store.refusal);
    store.refusal = undefined;
    db.transact((tx) => tx.put('records', 'x', 1));
    expect(store.appended.at(-1)?.seq).toBe(5);
  });
});
