import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StorageUnavailable, type JournalEntry } from '../ledger/store.ts';
import {
  open,
  dir,
  fund,
  write,
  state,
  journalLines,
  seqsIn,
  waitForDir,
  until,
  linux,
  openInDir,
  watchSyncs,
  failWrites,
} from './disk.fixture.ts';

// FileStore on a disk that behaves: reopening, group commit, snapshots and their order of syncs.

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

  it('folds the journal into a snapshot every compactEvery entries and reopens identically', async () => {
    const db = await open({ compactEvery: 5 });
    for (let i = 1; i <= 5; i++) {
      write(db, i);
      await db.sync();
    }
    const names = await waitForDir((current) => current.includes('snapshot-5.jsonl') && !current.includes('journal-1.jsonl'));
    expect(names.filter((name) => name.startsWith('snapshot-'))).toEqual(['snapshot-5.jsonl']);
    // JSON lines: a header with the sequence number and balances, one [table, key, row] per line, a closing line.
    const lines = (await readFile(join(dir, 'snapshot-5.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    const header = lines[0] as { seq: number; balances: [string, number][] };
    expect(header.seq).toBe(5);
    expect(new Map(header.balances)).toEqual(db.ledger.accounts());
    expect(lines.at(-1)).toMatchObject({ end: 5, rows: 10 });
    expect([...new Set(lines.slice(1, -1).map((row) => (row as [string])[0]))].sort()).toEqual(['postings', 'records']);
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toEqual({
      format: 2,
      snapshot: 'snapshot-5.jsonl',
      seq: 5,
      segment: 2,
    });

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
    keys.forEach((key, i) =>
      db.transact((tx) => {
        tx.put('odd keys', key, { key, n: i });
        tx.post(fund('user:0', 1, `p${i}`));
      }),
    );
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

    const seqs = await seqsIn('journal-1.jsonl');
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

/** Waits (bounded) for something the store does in the background. */
describe('FileStore segments', () => {
  it('writes again to an empty newest segment instead of leaving one empty file per start', async () => {
    const db = await open();
    write(db, 1);
    await db.close();
    for (let start = 0; start < 3; start++) await (await open()).close();
    expect((await readdir(dir)).filter((name) => name.startsWith('journal-')).sort()).toEqual(['journal-1.jsonl', 'journal-2.jsonl']);
    const last = await open();
    write(last, 2);
    await last.close();
    expect(await seqsIn('journal-2.jsonl')).toEqual([2]);
  });
});

describe('FileStore snapshots', () => {
  it('folds a long journal into a snapshot on a clean stop, so the next start replays nothing', async () => {
    const db = await open();
    for (let i = 1; i <= 1000; i++) write(db, i);
    await db.sync();
    const expected = state(db);
    await db.close();
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['journal-2.jsonl', 'manifest.json', 'snapshot-1000.jsonl']);
    expect(await readFile(join(dir, 'journal-2.jsonl'), 'utf8')).toBe('');
    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    write(reopened, 1001);
    await reopened.close();
    // A short journal is left as it is: replaying it costs less than writing every row again.
    expect((await readdir(dir)).filter((name) => name.startsWith('snapshot-'))).toEqual(['snapshot-1000.jsonl']);
    const third = await open();
    expect(third.size('records')).toBe(1001);
    await third.close();
  });

  it('takes a snapshot without copying rows: changes made while it is written (puts, deletes, postings, a clear) all survive a reopen', async () => {
    const db = await open({ compactEvery: 3001 });
    for (let i = 1; i <= 3000; i++) db.transact((tx) => tx.put('records', `k${i}`, { i }));
    db.transact((tx) => tx.post(fund('user:1', 500, 'p0')));
    // That was entry 3001: the snapshot starts now and yields between chunks while changes go on.
    for (let round = 0; round < 40; round++) {
      db.transact((tx) => {
        tx.put('records', `k${round * 50 + 1}`, { i: -(round + 1) });
        tx.delete('records', `k${round * 50 + 2}`);
        tx.put('late', `l${round}`, round);
        tx.post(fund(`user:${round % 4}`, 10 + round, `q${round}`));
      });
      if (round === 20) db.transact((tx) => tx.clear('late'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await db.sync();
    const expected = state(db);
    await waitForDir((names) => names.includes('snapshot-3001.jsonl'));
    await db.close();
    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    expect(reopened.get('records', 'k1')).toEqual({ i: -1 });
    expect(reopened.get('records', 'k2')).toBeUndefined();
    expect(reopened.size('late')).toBe(19);
    expect(reopened.ledger.totalMinor()).toBe(0);
    await reopened.close();
  });

  it('writes every row once across several chunks and counts them in the closing line', async () => {
    const count = 4001;
    const db = await open({ compactEvery: 1 });
    db.transact((tx) => {
      for (let i = 0; i < count; i++) tx.put('records', `k${i}`, i);
    });
    await db.close();
    const lines = await journalLines('snapshot-1.jsonl');
    expect(lines).toHaveLength(count + 2);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: 1, rows: count });
    expect(new Set(lines.slice(1, -1)).size).toBe(count);
  });

  it('deletes older snapshots and segments once a newer snapshot is named', async () => {
    const first = await open({ compactEvery: 2 });
    write(first, 1);
    write(first, 2);
    await first.close();
    expect((await readdir(dir)).filter((name) => name.startsWith('snapshot-'))).toEqual(['snapshot-2.jsonl']);
    const second = await open({ compactEvery: 2 });
    write(second, 3);
    await second.sync();
    write(second, 4);
    await second.close();
    // Entry 4 reached the disk after the snapshot was taken, so it went to the segment the snapshot opened.
    expect((await readdir(dir)).sort()).toEqual(['journal-4.jsonl', 'manifest.json', 'snapshot-4.jsonl']);
    const reopened = await open();
    expect(reopened.size('records')).toBe(4);
    await reopened.close();
  });

  it('keeps everything in the journal when a snapshot fails, says so, and takes the next one later', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await mkdir(join(dir, 'snapshot-2.jsonl.tmp'));
      const db = await open({ compactEvery: 2 });
      write(db, 1);
      write(db, 2);
      await db.sync();
      await until(() => logged.mock.calls.length > 0, 'the failed snapshot is logged');
      expect(logged.mock.calls[0][0]).toBe('dana-sim: snapshot failed, the journal keeps everything:');
      expect((logged.mock.calls[0][1] as NodeJS.ErrnoException).code).toBe('EISDIR');
      await rm(join(dir, 'snapshot-2.jsonl.tmp'), { recursive: true });
      write(db, 3);
      write(db, 4);
      await db.close();
      expect((await readdir(dir)).filter((name) => name.startsWith('snapshot-'))).toEqual(['snapshot-4.jsonl']);
      expect(logged).toHaveBeenCalledTimes(1);
      const reopened = await open();
      expect(reopened.size('records')).toBe(4);
      await reopened.close();
    } finally {
      logged.mockRestore();
    }
  });

  it.runIf(linux)('abandons a snapshot holding an entry the journal lost, deletes its .tmp and keeps every segment', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = await open({ compactEvery: 3, probeEveryMs: 2 });
    write(db, 1);
    write(db, 2);
    await db.sync();
    const writes = failWrites((path) => path.includes('journal-'), 1);
    try {
      // Entry 3 starts a snapshot at sequence 3, and its own batch is refused.
      write(db, 3);
      await expect(db.sync()).rejects.toThrow(StorageUnavailable);
      expect(db.snapshot().seq).toBe(2);
      await until(
        () => logged.mock.calls.some(([line]) => line === 'dana-sim: snapshot failed, the journal keeps everything:'),
        'the abandoned snapshot is logged',
      );
      const names = await readdir(dir);
      expect(names.filter((name) => name.startsWith('snapshot-'))).toEqual([]);
      expect(names).toContain('journal-1.jsonl');
      expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ snapshot: null });
      await until(() => db.unavailable() === undefined, 'the probe ends the outage');
      db.transact((tx) => tx.put('records', 'k3', 'written after the outage'));
      await db.close();
    } finally {
      writes.mockRestore();
      logged.mockRestore();
    }
    const reopened = await open();
    expect(reopened.snapshot().seq).toBe(3);
    expect(reopened.get('records', 'k3')).toBe('written after the outage');
    expect(reopened.ledger.balance('user:0')).toBe(0);
    expect(reopened.size('records')).toBe(3);
    await reopened.close();
  });

  it.runIf(linux)('deletes the .tmp of a snapshot the full disk refused, and the journal stays writable', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const writes = failWrites((path) => path.endsWith('.tmp'), Infinity);
    try {
      const db = await open({ compactEvery: 2 });
      write(db, 1);
      write(db, 2);
      await db.sync();
      await until(() => logged.mock.calls.length > 0, 'the failed snapshot is logged');
      expect((logged.mock.calls[0][1] as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect(await readdir(dir)).not.toContain('snapshot-2.jsonl.tmp');
      expect(db.unavailable()).toBeUndefined();
      write(db, 3);
      await db.sync();
      await db.close();
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      writes.mockRestore();
      logged.mockRestore();
    }
    const reopened = await open();
    expect(reopened.size('records')).toBe(3);
    await reopened.close();
  });

  it.runIf(linux)('syncs a snapshot before the manifest names it, and the manifest before older files go', async () => {
    const disk = await watchSyncs();
    try {
      const db = await open({ compactEvery: 2 });
      write(db, 1);
      await db.sync();
      write(db, 2);
      await db.close();
      expect(disk.calls.filter((call) => call.startsWith('sync '))).toEqual([
        // The first start writes the manifest (it must exist from then on) and syncs the directory.
        'sync <dir>',
        'sync <dir>/snapshot-2.jsonl.tmp',
        'sync <dir>',
        'sync <dir>/manifest.json',
        'sync <dir>',
      ]);
    } finally {
      disk.restore();
    }
  });

  it.runIf(linux)('leaves no file open once closed, after snapshots', async () => {
    const db = await open({ compactEvery: 2 });
    for (let i = 1; i <= 4; i++) {
      write(db, i);
      await db.sync();
    }
    await db.close();
    expect(await openInDir()).toEqual([]);
  });
});
