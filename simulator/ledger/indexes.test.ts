import { describe, expect, it } from 'vitest';
import { Database } from './database.ts';
import { defineIndex } from './indexes.ts';
import { BufferRow, MemoryStore, type JournalEntry, type Store } from './store.ts';

interface Row {
  readonly ref?: string;
  readonly status: string;
}

const BY_REF = defineIndex<Row>('rows', (row) => row.ref);
const PENDING = defineIndex<Row>('rows', (row) => (row.status === 'pending' ? 'pending' : undefined));

/** A store that loads the given rows as stored bytes, as a restart from a snapshot does. */
function stored(rows: [string, Row][]): Store {
  const store = new MemoryStore();
  store.load = async () => {
    const lines = rows.map(([key, row]) => Buffer.from(`["rows",${JSON.stringify(key)},${JSON.stringify(row)}]`));
    const tables = [
      [
        'rows',
        rows.map(([key], i) => {
          const line = lines[i];
          const valueStart = line.indexOf(',', line.indexOf(',') + 1) + 1;
          return [key, new BufferRow(line, 0, valueStart, line.length - 1, line.length)] as const;
        }),
      ] as const,
    ];
    return { snapshot: { seq: 1, tables }, entries: [] as JournalEntry[] };
  };
  return store;
}

describe('Database.find through an index', () => {
  it('finds stored rows by another field, then follows every put, delete and clear', async () => {
    const db = await Database.open(
      stored([
        ['a', { ref: 'R1', status: 'pending' }],
        ['b', { ref: 'R2', status: 'done' }],
      ]),
    );
    expect(db.find(BY_REF, 'R1')).toEqual([{ ref: 'R1', status: 'pending' }]);
    expect(db.find(PENDING, 'pending').map((row) => row.ref)).toEqual(['R1']);
    db.transact((tx) => {
      tx.put('rows', 'a', { ref: 'R9', status: 'done' });
      tx.put('rows', 'c', { ref: 'R2', status: 'pending' });
      tx.delete('rows', 'b');
    });
    expect(db.find(BY_REF, 'R1')).toEqual([]);
    expect(db.find(BY_REF, 'R9')).toEqual([{ ref: 'R9', status: 'done' }]);
    expect(db.find(BY_REF, 'R2')).toEqual([{ ref: 'R2', status: 'pending' }]);
    expect(db.find(PENDING, 'pending').map((row) => row.ref)).toEqual(['R2']);
    db.transact((tx) => tx.clear('rows'));
    expect(db.find(BY_REF, 'R2')).toEqual([]);
    db.transact((tx) => tx.put('rows', 'd', { ref: 'R2', status: 'pending' }));
    expect(db.find(BY_REF, 'R2')).toEqual([{ ref: 'R2', status: 'pending' }]);
    expect(db.find(PENDING, 'pending')).toHaveLength(1);
  });

  it('leaves rows out of a partial index, and finds several rows under one value', async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => {
      tx.put('rows', 'a', { status: 'pending' });
      tx.put('rows', 'b', { status: 'pending' });
      tx.put('rows', 'c', { status: 'done' });
    });
    expect(db.find(BY_REF, 'undefined')).toEqual([]);
    expect(db.find(PENDING, 'pending')).toHaveLength(2);
    expect(db.find(PENDING, 'done')).toEqual([]);
  });

  it('follows a rollback of lost entries', async () => {
    let lose: (fromSeq: number) => void = () => undefined;
    const store = new MemoryStore();
    store.durableSeq = () => 0;
    store.onLost = (listener) => (lose = listener);
    const db = await Database.open(store);
    db.transact((tx) => tx.put('rows', 'a', { ref: 'R1', status: 'pending' }));
    expect(db.find(BY_REF, 'R1')).toHaveLength(1);
    db.transact((tx) => {
      tx.put('rows', 'a', { ref: 'R2', status: 'done' });
      tx.put('rows', 'b', { ref: 'R3', status: 'pending' });
    });
    expect(db.find(PENDING, 'pending').map((row) => row.ref)).toEqual(['R3']);
    lose(2);
    expect(db.find(BY_REF, 'R1')).toEqual([{ ref: 'R1', status: 'pending' }]);
    expect(db.find(BY_REF, 'R2')).toEqual([]);
    expect(db.find(BY_REF, 'R3')).toEqual([]);
    expect(db.find(PENDING, 'pending').map((row) => row.ref)).toEqual(['R1']);
  });
});
