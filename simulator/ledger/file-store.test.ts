import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database.ts';
import { FileStore, type FileStoreOptions } from './file-store.ts';
import type { Posting } from './ledger.ts';
import type { JournalEntry } from './store.ts';

const FUNDING = 'external:funding';
const open = (options: FileStoreOptions = {}) => Database.open(new FileStore(dir, options));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-file-store-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fund(account: string, amountMinor: number, id: string): Posting {
  return { id, at: 0, ref: `fund:${account}`, memo: 'test', entries: [{ account: FUNDING, amountMinor: -amountMinor }, { account, amountMinor }] };
}

/** One record and one posting per call, so both tables and balances are exercised. */
function write(db: Database, i: number): void {
  db.transact((tx) => {
    tx.put('records', `k${i}`, { i, label: `record ${i}` });
    tx.post(fund(`user:${i % 3}`, 100 + i, `p${i}`));
  });
}

function state(db: Database) {
  return { tables: db.snapshot().tables, balances: Object.fromEntries(db.ledger.accounts()) };
}

async function journalLines(name: string): Promise<string[]> {
  return (await readFile(join(dir, name), 'utf8')).split('\n').filter((line) => line !== '');
}

/** Compaction runs after transact returns; poll the directory (bounded) until it is done. */
async function waitForDir(done: (names: string[]) => boolean): Promise<string[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const names = await readdir(dir);
    if (done(names)) return names;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`directory never reached the expected state: ${(await readdir(dir)).join(', ')}`);
}

describe('FileStore', () => {
  it('keeps synced entries across a reopen', async () => {
    const db = await open();
    for (let i = 1; i <= 4; i++) write(db, i);
    db.transact((tx) => tx.delete('records', 'k2'));
    await db.sync();
    const expected = state(db);
    await db.close();

    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    expect(reopened.get('records', 'k2')).toBeUndefined();
    expect(reopened.get('records', 'k4')).toEqual({ i: 4, label: 'record 4' });
    expect(reopened.ledger.balance('user:1')).toBe(101 + 104);
    expect(reopened.ledger.totalMinor()).toBe(0);
    await reopened.close();
  });

  it('ignores a torn last line in the newest segment and never appends after it', async () => {
    const db = await open();
    write(db, 1);
    write(db, 2);
    await db.sync();
    const expected = state(db);
    await db.close();
    await appendFile(join(dir, 'journal-1.jsonl'), '{"seq":3,"ops":[{"op":"put","table":"records","ke');

    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    write(reopened, 3);
    await reopened.sync();
    await reopened.close();
    expect(await journalLines('journal-2.jsonl')).toHaveLength(1);
    expect(JSON.parse((await journalLines('journal-2.jsonl'))[0]).seq).toBe(3);

    const third = await open();
    expect(third.get('records', 'k3')).toEqual({ i: 3, label: 'record 3' });
    expect(third.size('records')).toBe(3);
    await third.close();
  });

  it('refuses to load a segment with a corrupt line before its end', async () => {
    const db = await open();
    for (let i = 1; i <= 3; i++) write(db, i);
    await db.sync();
    await db.close();
    const lines = await journalLines('journal-1.jsonl');
    lines[1] = lines[1].slice(0, 20);
    await writeFile(join(dir, 'journal-1.jsonl'), `${lines.join('\n')}\n`);

    await expect(open()).rejects.toThrow(/journal-1\.jsonl: line 2 is corrupt/);
  });

  it('folds the journal into a snapshot every compactEvery entries and reopens identically', async () => {
    const db = await open({ compactEvery: 5 });
    for (let i = 1; i <= 5; i++) {
      write(db, i);
      await db.sync();
    }
    const names = await waitForDir((current) => current.includes('snapshot-5.jsonl') && !current.includes('journal-1.jsonl'));
    expect(names.filter((name) => name.startsWith('snapshot-'))).toEqual(['snapshot-5.jsonl']);
    // JSON lines: a header with the sequence number and balances, one [table, key, row] per line, a closing line.
    const lines = (await readFile(join(dir, 'snapshot-5.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    const header = lines[0] as { seq: number; balances: [string, number][] };
    expect(header.seq).toBe(5);
    expect(new Map(header.balances)).toEqual(db.ledger.accounts());
    expect(lines.at(-1)).toEqual({ end: 5, rows: 10 });
    expect([...new Set(lines.slice(1, -1).map((row) => (row as [string])[0]))].sort()).toEqual(['postings', 'records']);
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toEqual({ snapshot: 'snapshot-5.jsonl', seq: 5 });

    // Entries after the snapshot live only in the new segment and must be replayed on top of it.
    for (let i = 6; i <= 8; i++) write(db, i);
    await db.sync();
    const expected = state(db);
    await db.close();
    const replayed = (await journalLines('journal-2.jsonl')).map((line) => (JSON.parse(line) as JournalEntry).seq);
    expect(replayed.filter((seq) => seq > 5)).toEqual([6, 7, 8]);

    const reopened = await open({ compactEvery: 5 });
    expect(state(reopened)).toEqual(expected);
    expect(reopened.size('records')).toBe(8);
    expect(reopened.ledger.totalMinor()).toBe(0);
    await reopened.close();
  });

  it('round-trips rows it never parsed, keys with escapes, and refuses a duplicate posting after reopen', async () => {
    const keys = ['plain', 'quote " inside', 'back\\slash\\', 'tab\tnewline\n', 'unicode é ✓ 🙂'];
    const db = await open({ compactEvery: 3 });
    keys.forEach((key, i) => db.transact((tx) => {
      tx.put('odd keys', key, { key, n: i });
      tx.post(fund('user:0', 1, `p${i}`));
    }));
    await db.sync();
    await waitForDir((names) => names.includes('snapshot-3.jsonl'));
    const expected = state(db);
    await db.close();

    // Reopened rows stay text until read; a second compaction writes them back unchanged.
    const second = await open({ compactEvery: 1 });
    second.transact((tx) => tx.put('records', 'after', { after: true }));
    await second.sync();
    await waitForDir((names) => names.includes('snapshot-6.jsonl'));
    await second.close();

    const third = await open();
    for (const [i, key] of keys.entries()) expect(third.get('odd keys', key)).toEqual({ key, n: i });
    expect(state(third).tables['odd keys']).toEqual(expected.tables['odd keys']);
    expect(Object.fromEntries(third.ledger.accounts())).toEqual(expected.balances);
    expect(() => third.transact((tx) => tx.post(fund('user:0', 1, 'p0')))).toThrow(/posting p0 already exists/);
    await third.close();
  });

  it('reads a snapshot of several megabytes whose rows straddle read chunks, including one bigger than a chunk', async () => {
    const db = await open({ compactEvery: 400 });
    const text = (i: number) => `row ${i} ${'é'.repeat(i % 700)}${'x'.repeat(1500)}`;
    for (let i = 0; i < 400; i++) db.transact((tx) => tx.put('records', `k${i}`, { i, text: text(i) }));
    db.transact((tx) => tx.put('records', 'huge', { text: 'y'.repeat(2_500_000) }));
    await db.sync();
    await waitForDir((names) => names.includes('snapshot-400.jsonl'));
    await db.close();
    // Move the huge row into the snapshot too: reopen, compact again, reopen.
    const again = await open({ compactEvery: 1 });
    again.transact((tx) => tx.put('records', 'last', { last: true }));
    await again.sync();
    await waitForDir((names) => names.includes('snapshot-402.jsonl'));
    await again.close();

    const reopened = await open();
    for (let i = 0; i < 400; i++) expect(reopened.get('records', `k${i}`)).toEqual({ i, text: text(i) });
    expect((reopened.get('records', 'huge') as { text: string }).text).toHaveLength(2_500_000);
    expect(reopened.size('records')).toBe(402);
    await reopened.close();
  });

  it('reads a snapshot without saved balances by adding up its postings', async () => {
    const rows = [
      JSON.stringify({ seq: 2 }),
      JSON.stringify(['postings', 'p1', fund('user:1', 500, 'p1')]),
      JSON.stringify(['postings', 'p2', fund('user:2', 70, 'p2')]),
      JSON.stringify(['records', 'k1', { i: 1 }]),
      JSON.stringify({ end: 2, rows: 3 }),
    ];
    await writeFile(join(dir, 'snapshot-2.jsonl'), `${rows.join('\n')}\n`);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ snapshot: 'snapshot-2.jsonl', seq: 2 }));
    const db = await open();
    expect(db.ledger.balance('user:1')).toBe(500);
    expect(db.ledger.balance('user:2')).toBe(70);
    expect(db.ledger.totalMinor()).toBe(0);
    expect(db.get('records', 'k1')).toEqual({ i: 1 });
    await db.close();
  });

  it('group-commits many concurrent transactions, all durable after reopen', async () => {
    const db = await open();
    const workers = 40;
    const perWorker = 5;
    const syncs: Promise<void>[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let j = 0; j < perWorker; j++) {
          write(db, w * perWorker + j);
          const sync = db.sync();
          syncs.push(sync);
          await sync;
        }
      }),
    );
    await expect(Promise.all(syncs)).resolves.toHaveLength(workers * perWorker);
    const expected = state(db);
    await db.close();

    const seqs = (await journalLines('journal-1.jsonl')).map((line) => (JSON.parse(line) as JournalEntry).seq);
    expect(seqs).toEqual(Array.from({ length: workers * perWorker }, (_, i) => i + 1));
    const reopened = await open();
    expect(reopened.size('records')).toBe(workers * perWorker);
    expect(state(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('never loses an entry committed while a flush is in flight when compaction starts', async () => {
    const db = await open({ compactEvery: 5 });
    db.transact((tx) => tx.put('t', 'k1', 1));
    const inFlight = db.sync();
    // k5 triggers compaction at sequence 5 while k1's write is still in progress; k6 comes after.
    for (let i = 2; i <= 6; i++) db.transact((tx) => tx.put('t', `k${i}`, i));
    await Promise.all([inFlight, db.sync()]);
    await waitForDir((names) => names.includes('snapshot-5.jsonl') && !names.includes('journal-1.jsonl'));
    await db.close();
    const reopened = await open({ compactEvery: 5 });
    expect(reopened.size('t')).toBe(6);
    expect(reopened.get('t', 'k6')).toBe(6);
    await reopened.close();
  });
});
