import { describe, expect, it } from 'vitest';
import { Database, POSTINGS } from './database.ts';
import { InvariantViolation, Ledger, checkPosting, type Entry, type Posting } from './ledger.ts';
import { BufferRow, MemoryStore, StoredRow, type JournalEntry, type Snapshot, type SnapshotRows } from './store.ts';

const FUNDING = 'external:funding';
const MERCHANT = 'merchant:m1:deposit';
const USER = 'user:62811742234';

let nextId = 1;
function posting(entries: Entry[], id = `p-${nextId++}`): Posting {
  return { id, at: 0, ref: 'test', memo: 'test', entries };
}
const move = (from: string, to: string, amountMinor: number, id?: string) =>
  posting(
    [
      { account: from, amountMinor: -amountMinor },
      { account: to, amountMinor },
    ],
    id,
  );

/** Remembers what reached the journal, so a rolled-back transaction can be shown to leave none. */
class RecordingStore extends MemoryStore {
  readonly appended: JournalEntry[] = [];
  override append(entry: JournalEntry): void {
    this.appended.push(entry);
  }
}

async function fundedDb(amountMinor = 100_00) {
  const store = new RecordingStore();
  const db = await Database.open(store);
  db.transact((tx) => tx.post(move(FUNDING, MERCHANT, amountMinor, 'fund')));
  return { db, store };
}

describe('checkPosting', () => {
  it('rejects unbalanced, one-legged and fractional postings', () => {
    expect(() =>
      checkPosting(
        posting([
          { account: FUNDING, amountMinor: -100 },
          { account: MERCHANT, amountMinor: 99 },
        ]),
      ),
    ).toThrow(/does not balance \(sum -1\)/);
    expect(() => checkPosting(posting([{ account: MERCHANT, amountMinor: 0 }]))).toThrow(/fewer than two entries/);
    expect(() =>
      checkPosting(
        posting([
          { account: FUNDING, amountMinor: -1.5 },
          { account: MERCHANT, amountMinor: 1.5 },
        ]),
      ),
    ).toThrow(InvariantViolation);
    expect(() => checkPosting(move(FUNDING, MERCHANT, 100))).not.toThrow();
  });

  it('names the posting whose amount is not a safe integer, as an InvariantViolation', () => {
    const fractional = posting(
      [
        { account: FUNDING, amountMinor: -1.5 },
        { account: MERCHANT, amountMinor: 1.5 },
      ],
      'p-frac',
    );
    expect(() => checkPosting(fractional)).toThrow('posting p-frac: amount is not a safe integer');
    const error = (() => {
      try {
        checkPosting(fractional);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(InvariantViolation);
    // Logs and the 500 handler show the name, so a broken invariant reads as one.
    expect(error?.name).toBe('InvariantViolation');
  });
});

describe('Ledger', () => {
  it("check refuses a batch whose second posting overdraws on the first one's projected balance", () => {
    const ledger = new Ledger();
    expect(() => ledger.check([move(FUNDING, MERCHANT, 100), move(MERCHANT, USER, 100)])).not.toThrow();
    expect(() => ledger.check([move(FUNDING, MERCHANT, 100), move(MERCHANT, USER, 101)])).toThrow(/overdraws merchant:m1:deposit/);
    expect(ledger.accounts().size).toBe(0);
  });

  it('remembers the ids of postings it applied when nobody else holds them', () => {
    const ledger = new Ledger();
    ledger.apply(move(FUNDING, MERCHANT, 100, 'once'));
    expect(() => ledger.check([move(FUNDING, MERCHANT, 1, 'once')])).toThrow('posting once already exists');
    expect(() => ledger.check([move(FUNDING, MERCHANT, 1, 'other')])).not.toThrow();
  });

  it('asks the holder of the postings whether an id exists, when given one', () => {
    const held = new Set(['held']);
    const ledger = new Ledger((id) => held.has(id));
    expect(() => ledger.check([move(FUNDING, MERCHANT, 1, 'held')])).toThrow('posting held already exists');
    ledger.apply(move(FUNDING, MERCHANT, 100, 'applied'));
    expect(() => ledger.check([move(FUNDING, MERCHANT, 1, 'applied')])).not.toThrow();
  });

  it('restores saved balances and their total as they were, even a total that is not zero', () => {
    const ledger = new Ledger();
    ledger.restore([
      [FUNDING, -300],
      [MERCHANT, 200],
      [USER, 105],
    ]);
    expect(ledger.balance(MERCHANT)).toBe(200);
    expect(ledger.balance(FUNDING)).toBe(-300);
    expect(ledger.totalMinor()).toBe(5);
  });
});

describe('Database postings', () => {
  it('throws InvariantViolation on an unbalanced posting and commits nothing', async () => {
    const { db, store } = await fundedDb();
    const unbalanced = posting([
      { account: MERCHANT, amountMinor: -10 },
      { account: USER, amountMinor: 11 },
    ]);
    expect(() => db.transact((tx) => tx.post(unbalanced))).toThrow(InvariantViolation);
    expect(db.ledger.balance(USER)).toBe(0);
    expect(db.size(POSTINGS)).toBe(1);
    expect(store.appended).toHaveLength(1);
  });

  it('refuses to overdraw a non-external account and leaves balances unchanged', async () => {
    const { db } = await fundedDb(100_00);
    expect(() => db.transact((tx) => tx.post(move(MERCHANT, USER, 100_01)))).toThrow(/overdraws merchant:m1:deposit/);
    expect(db.ledger.balance(MERCHANT)).toBe(100_00);
    expect(db.ledger.balance(USER)).toBe(0);
    db.transact((tx) => tx.post(move(MERCHANT, USER, 100_00)));
    expect(db.ledger.balance(MERCHANT)).toBe(0);
    expect(db.ledger.balance(USER)).toBe(100_00);
  });

  it('lets external accounts go negative while the total stays zero', async () => {
    const { db } = await fundedDb(250_00);
    db.transact((tx) => {
      tx.post(move(MERCHANT, USER, 40_00));
      tx.post(move('external:bank', USER, 7_50));
    });
    expect(db.ledger.balance(FUNDING)).toBe(-250_00);
    expect(db.ledger.balance('external:bank')).toBe(-7_50);
    expect(db.ledger.balance(USER)).toBe(47_50);
    expect(db.ledger.totalMinor()).toBe(0);
    const sum = [...db.ledger.accounts().values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(0);
  });

  it('rejects a duplicate posting id, across transactions and within one', async () => {
    const { db } = await fundedDb();
    expect(() => db.transact((tx) => tx.post(move(FUNDING, MERCHANT, 1, 'fund')))).toThrow(/posting fund already exists/);
    expect(() =>
      db.transact((tx) => {
        tx.post(move(FUNDING, MERCHANT, 1, 'twice'));
        tx.post(move(FUNDING, MERCHANT, 1, 'twice'));
      }),
    ).toThrow(/posting twice already exists/);
    expect(db.ledger.balance(MERCHANT)).toBe(100_00);
    expect(db.get(POSTINGS, 'twice')).toBeUndefined();
  });

  it('keeps postings out of put() and delete()', async () => {
    const { db } = await fundedDb();
    expect(() => db.transact((tx) => tx.put(POSTINGS, 'x', {}))).toThrow(InvariantViolation);
    expect(() => db.transact((tx) => tx.put(POSTINGS, 'x', {}))).toThrow('postings are written with post()');
    expect(() => db.transact((tx) => tx.delete(POSTINGS, 'fund'))).toThrow(InvariantViolation);
    expect(() => db.transact((tx) => tx.delete(POSTINGS, 'fund'))).toThrow('postings are never deleted');
    expect(db.get<Posting>(POSTINGS, 'fund')?.entries).toHaveLength(2);
  });
});

describe('Database.transact', () => {
  it('leaves no trace when the callback throws', async () => {
    const { db, store } = await fundedDb();
    db.transact((tx) => tx.put('records', 'a', { v: 1 }));
    const before: Snapshot = structuredClone(db.snapshot());
    const balances = db.ledger.accounts();
    expect(() =>
      db.transact((tx) => {
        tx.put('records', 'a', { v: 2 });
        tx.put('records', 'b', { v: 3 });
        tx.delete('records', 'a');
        tx.post(move(MERCHANT, USER, 10_00));
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(db.snapshot()).toEqual(before);
    expect(db.ledger.accounts()).toEqual(balances);
    expect(db.ledger.balance(USER)).toBe(0);
    expect(store.appended.map((entry) => entry.seq)).toEqual([1, 2]);
  });

  it('refuses a transaction inside another, which would commit on its own, and leaves no trace of either', async () => {
    const { db, store } = await fundedDb();
    expect(() =>
      db.transact((tx) => {
        tx.put('records', 'outer', 1);
        db.transact((inner) => inner.put('records', 'inner', 2));
      }),
    ).toThrow(new InvariantViolation('transact() inside a transaction: use the open transaction'));
    expect(db.get('records', 'outer')).toBeUndefined();
    expect(db.get('records', 'inner')).toBeUndefined();
    expect(store.appended).toHaveLength(1);
    // The refusal closes nothing for good: the next transaction commits.
    db.transact((tx) => tx.put('records', 'after', 3));
    expect(db.get('records', 'after')).toBe(3);
  });

  it('includes its own pending postings in Transaction.balance', async () => {
    const { db } = await fundedDb(100_00);
    db.transact((tx) => {
      tx.post(move(MERCHANT, USER, 30_00));
      expect(tx.balance(MERCHANT)).toBe(70_00);
      expect(tx.balance(USER)).toBe(30_00);
      expect(db.ledger.balance(MERCHANT)).toBe(100_00);
      tx.post(move(USER, 'user:other', 30_00));
      expect(tx.balance(USER)).toBe(0);
      // The second spend is checked against the pending balance, not the committed one.
      expect(() => tx.post(move(MERCHANT, USER, 70_01))).toThrow(/overdraws/);
    });
    expect(db.ledger.balance(MERCHANT)).toBe(70_00);
    expect(db.ledger.balance('user:other')).toBe(30_00);
  });

  it('reads its own writes through tx.get before they are committed', async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => tx.put('records', 'a', { v: 1 }));
    db.transact((tx) => {
      expect(tx.get('records', 'a')).toEqual({ v: 1 });
      tx.put('records', 'a', { v: 2 });
      expect(tx.get('records', 'a')).toEqual({ v: 2 });
      expect(db.get('records', 'a')).toEqual({ v: 1 });
      tx.delete('records', 'a');
      expect(tx.get('records', 'a')).toBeUndefined();
      tx.put('records', 'b', 'new');
      expect(tx.get('records', 'b')).toBe('new');
    });
    expect(db.get('records', 'a')).toBeUndefined();
    expect(db.get('records', 'b')).toBe('new');
    expect(db.size('records')).toBe(1);
  });

  it('writes one journal entry per committed transaction and none for a read-only one', async () => {
    const store = new RecordingStore();
    const db = await Database.open(store);
    const result = db.transact((tx) => tx.get('records', 'a') ?? 'none');
    expect(result).toBe('none');
    db.transact((tx) => {
      tx.put('records', 'a', 1);
      tx.post(move(FUNDING, MERCHANT, 5));
    });
    expect(store.appended).toHaveLength(1);
    expect(store.appended[0].seq).toBe(1);
    expect(store.appended[0].ops.map((op) => `${op.op}:${op.table}`)).toEqual(['put:records', 'put:postings']);
  });

  it('resets every balance when the postings table is cleared', async () => {
    const { db } = await fundedDb();
    db.transact((tx) => tx.clear(POSTINGS));
    expect(db.ledger.balance(MERCHANT)).toBe(0);
    expect(db.ledger.accounts().size).toBe(0);
    expect(db.size(POSTINGS)).toBe(0);
  });

  it('shows a clear inside the transaction that made it: rows gone, balances from zero', async () => {
    const { db } = await fundedDb();
    db.transact((tx) => {
      tx.put('records', 'a', 1);
      tx.clear('records');
      expect(tx.get('records', 'a')).toBeUndefined();
      tx.clear(POSTINGS);
      expect(tx.balance(MERCHANT)).toBe(0);
      // An overdraft is judged against the cleared ledger, not the balances that were wiped.
      expect(() =>
        tx.post(
          posting([
            { account: MERCHANT, amountMinor: -1 },
            { account: USER, amountMinor: 1 },
          ]),
        ),
      ).toThrow(InvariantViolation);
    });
    expect(db.ledger.balance(MERCHANT)).toBe(0);
  });

  it('clears only the table it names: other pending writes, pending postings and balances stay', async () => {
    const { db } = await fundedDb(100_00);
    db.transact((tx) => tx.put('records', 'kept', 1));
    db.transact((tx) => {
      tx.put('other', 'k', 'pending');
      tx.put('records', 'a', 1);
      tx.post(move(MERCHANT, USER, 30_00));
      tx.clear('records');
      expect(tx.get('other', 'k')).toBe('pending');
      expect(tx.get('records', 'a')).toBeUndefined();
      expect(tx.get('records', 'kept')).toBeUndefined();
      expect(tx.balance(USER)).toBe(30_00);
    });
    expect(db.get('other', 'k')).toBe('pending');
    expect(db.size('records')).toBe(0);
    expect(db.ledger.balance(USER)).toBe(30_00);
    expect(db.ledger.balance(MERCHANT)).toBe(70_00);
  });

  it('drops its own pending postings when it clears the postings table', async () => {
    const { db } = await fundedDb(100_00);
    db.transact((tx) => {
      tx.post(move(MERCHANT, USER, 30_00));
      tx.clear(POSTINGS);
      expect(tx.balance(USER)).toBe(0);
      expect(tx.balance(MERCHANT)).toBe(0);
      tx.post(move(FUNDING, USER, 5));
      expect(tx.balance(USER)).toBe(5);
    });
    expect(db.ledger.balance(USER)).toBe(5);
    expect(db.ledger.balance(MERCHANT)).toBe(0);
    expect(db.size(POSTINGS)).toBe(1);
  });

  it('refuses to open a store whose postings do not balance', async () => {
    class BrokenStore extends MemoryStore {
      override async load() {
        const lopsided = posting([
          { account: MERCHANT, amountMinor: 5 },
          { account: USER, amountMinor: 5 },
        ]);
        return {
          snapshot: { seq: 0, tables: [] },
          entries: [{ seq: 1, ops: [{ op: 'put' as const, table: POSTINGS, key: lopsided.id, value: lopsided }] }],
        };
      }
    }
    await expect(Database.open(new BrokenStore())).rejects.toThrow(/stored ledger does not balance \(total 10\)/);
  });
});

/** A store that serves a fixed load and records what the database asks of it. */
class ScriptedStore extends MemoryStore {
  readonly calls: string[] = [];
  constructor(
    private readonly loaded: { snapshot: SnapshotRows; entries: JournalEntry[] } = { snapshot: { seq: 0, tables: [] }, entries: [] },
    private readonly syncError?: Error,
  ) {
    super();
  }
  override async load() {
    return this.loaded;
  }
  override async sync() {
    this.calls.push('sync');
    if (this.syncError) throw this.syncError;
  }
  override async close() {
    this.calls.push('close');
  }
}

/** A row as a snapshot stores it: the line's bytes, the value a range within them. */
function storedRow(table: string, key: string, value: unknown): StoredRow {
  const head = `[${JSON.stringify(table)},${JSON.stringify(key)},`;
  const line = Buffer.from(`${head}${JSON.stringify(value)}]`);
  return new BufferRow(line, 0, Buffer.byteLength(head), line.length - 1, line.length);
}

describe('Database.open', () => {
  it('starts empty on a fresh memory store', async () => {
    await expect(new MemoryStore().load()).resolves.toEqual({ snapshot: { seq: 0, tables: [] }, entries: [] });
    const db = await Database.open(new MemoryStore());
    expect(db.snapshot()).toEqual({ seq: 0, tables: {} });
    const rows = db.snapshotRows();
    expect([rows.seq, [...rows.tables], rows.balances]).toEqual([0, [], []]);
  });

  it('replays only the journal entries newer than the snapshot', async () => {
    const store = new ScriptedStore({
      snapshot: { seq: 2, tables: [['records', [['a', 'from snapshot']]]] },
      entries: [
        { seq: 2, ops: [{ op: 'put', table: 'records', key: 'a', value: 'already in the snapshot' }] },
        { seq: 3, ops: [{ op: 'put', table: 'records', key: 'b', value: 'new' }] },
      ],
    });
    const db = await Database.open(store);
    expect(db.snapshot()).toEqual({ seq: 3, tables: { records: { a: 'from snapshot', b: 'new' } } });
  });

  it('adds up the postings of a snapshot without balances, leaving other rows stored until read', async () => {
    const fund = move(FUNDING, MERCHANT, 40_00, 'fund');
    const record = storedRow('records', 'a', { v: 1 });
    const db = await Database.open(
      new ScriptedStore({
        snapshot: {
          seq: 1,
          tables: [
            [POSTINGS, [['fund', storedRow(POSTINGS, 'fund', fund)]]],
            ['records', [['a', record]]],
          ],
        },
        entries: [],
      }),
    );
    expect(db.ledger.balance(MERCHANT)).toBe(40_00);
    expect(db.get<Posting>(POSTINGS, 'fund')).toEqual(fund);
    const records = new Map([...db.snapshotRows().tables].find(([name]) => name === 'records')?.[1]);
    expect(records.get('a')).toBe(record);
    expect(db.get('records', 'a')).toEqual({ v: 1 });
  });

  it('refuses a snapshot whose saved balances do not sum to zero, naming the total', async () => {
    const store = new ScriptedStore({
      snapshot: {
        seq: 1,
        tables: [],
        balances: [
          [FUNDING, -100],
          [MERCHANT, 105],
        ],
      },
      entries: [],
    });
    await expect(Database.open(store)).rejects.toThrow('stored ledger does not balance (total 5)');
  });
});

describe('Database reads', () => {
  it('lists no values for a table that does not exist', async () => {
    const db = await Database.open(new MemoryStore());
    expect([...db.values('missing')]).toEqual([]);
    expect(db.size('missing')).toBe(0);
  });

  it('shows every table as plain objects, stored rows parsed', async () => {
    const db = await Database.open(
      new ScriptedStore({ snapshot: { seq: 4, tables: [['records', [['a', storedRow('records', 'a', { v: 1 })]]]] }, entries: [] }),
    );
    db.transact((tx) => tx.put('records', 'b', { v: 2 }));
    expect(db.snapshot()).toEqual({ seq: 5, tables: { records: { a: { v: 1 }, b: { v: 2 } } } });
    expect([...db.values('records')]).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('passes sync and close on to its store, failures included', async () => {
    const store = new ScriptedStore(undefined, new Error('disk full'));
    const db = await Database.open(store);
    await expect(db.sync()).rejects.toThrow('disk full');
    await db.close();
    expect(store.calls).toEqual(['sync', 'close']);
  });
});
