import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, open as openFile, readdir, readFile, realpath, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Database } from '../ledger/database.ts';
import { FileStore, type FileStoreOptions } from './file-store.ts';
import type { Posting } from '../ledger/ledger.ts';
import { StorageUnavailable, type JournalEntry } from '../ledger/store.ts';

const FUNDING = 'external:funding';
const open = (options: FileStoreOptions = {}) => Database.open(new FileStore(dir, options));
let dir: string;
let handlePrototype: Pick<FileHandle, 'write' | 'datasync' | 'truncate'>;
/** FileHandle.write(buffer, offset, length, position), the form writeAll uses. */
let originalWrite: (this: FileHandle, ...args: unknown[]) => ReturnType<FileHandle['write']>;
let originalTruncate: FileHandle['truncate'];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-file-store-'));
  // The prototype every FileHandle shares, so a test can make the disk misbehave.
  const probe = await openFile(join(dir, 'probe'), 'w');
  handlePrototype = Object.getPrototypeOf(probe) as typeof handlePrototype;
  await probe.close();
  await rm(join(dir, 'probe'));
  originalWrite = handlePrototype.write as unknown as typeof originalWrite;
  originalTruncate = handlePrototype.truncate;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fund(account: string, amountMinor: number, id: string): Posting {
  return {
    id,
    at: 0,
    ref: `fund:${account}`,
    memo: 'test',
    entries: [
      { account: FUNDING, amountMinor: -amountMinor },
      { account, amountMinor },
    ],
  };
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

/** The sequence numbers of a journal segment's entries, in file order. */
async function seqsIn(name: string): Promise<number[]> {
  return (await journalLines(name)).map((line) => (JSON.parse(line) as JournalEntry).seq);
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
async function until(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000 && !done(); attempt++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!done()) throw new Error(`never happened: ${what}`);
}

const linux = existsSync('/proc/self/fd');

/** Paths of this process's open files inside the test directory (Linux: /proc/self/fd). */
async function openInDir(): Promise<string[]> {
  const real = await realpath(dir);
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((path) => path.startsWith(real));
}

/**
 * Records every fsync and fdatasync by the path of the file (Linux: /proc/self/fd); with `hold`, each
 * fdatasync waits until the test releases it, so the test decides when the disk answers.
 */
async function watchSyncs(hold = false) {
  const probe = await openFile(join(dir, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as Pick<FileHandle, 'sync' | 'datasync'>;
  await probe.close();
  await rm(join(dir, 'probe'));
  const real = await realpath(dir);
  const calls: string[] = [];
  const held: (() => void)[] = [];
  const original = { sync: prototype.sync, datasync: prototype.datasync };
  const spies = [
    vi.spyOn(prototype, 'sync').mockImplementation(function (this: FileHandle) {
      calls.push(`sync ${readlinkSync(`/proc/self/fd/${this.fd}`).replace(real, '<dir>')}`);
      return original.sync.call(this);
    }),
    vi.spyOn(prototype, 'datasync').mockImplementation(async function (this: FileHandle) {
      calls.push(`datasync ${readlinkSync(`/proc/self/fd/${this.fd}`).replace(real, '<dir>')}`);
      if (hold) await new Promise<void>((resolve) => held.push(resolve));
      return original.datasync.call(this);
    }),
  ];
  return { calls, held, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

/** Refuses (ENOSPC) up to `times` writes to files whose path matches (Linux: /proc/self/fd); others go through. */
function failWrites(matches: (path: string) => boolean, times: number) {
  let failed = 0;
  return vi.spyOn(handlePrototype, 'write').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
    if (failed < times && matches(readlinkSync(`/proc/self/fd/${this.fd}`))) {
      failed += 1;
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    }
    return originalWrite.call(this, ...args);
  });
}

describe('FileStore journal', () => {
  it.runIf(linux)(
    'answers a sync only once its own entries are durable, and writes entries that arrive meanwhile as one batch',
    async () => {
      const disk = await watchSyncs(true);
      try {
        const db = await open();
        write(db, 1);
        const done: number[] = [];
        const first = db.sync().then(() => done.push(1));
        await until(() => disk.held.length === 1, 'the first batch is being synced');
        expect(done).toEqual([]);
        write(db, 2);
        const second = db.sync().then(() => done.push(2));
        write(db, 3);
        const third = db.sync().then(() => done.push(3));
        disk.held[0]();
        await first;
        // Entries 2 and 3 were written while the first sync was in flight: one write, one sync for both.
        await until(() => disk.held.length === 2, 'the second batch is being synced');
        expect(done).toEqual([1]);
        expect(await seqsIn('journal-1.jsonl')).toEqual([1, 2, 3]);
        disk.held[1]();
        await Promise.all([second, third]);
        expect(done).toEqual([1, 2, 3]);
        expect(disk.calls).toEqual(['sync <dir>', 'datasync <dir>/journal-1.jsonl', 'datasync <dir>/journal-1.jsonl']);
        await db.close();
      } finally {
        disk.restore();
      }
    },
  );

  it.runIf(linux)('skips every journal sync with fsync off', async () => {
    const disk = await watchSyncs();
    try {
      const db = await open({ fsync: false });
      write(db, 1);
      await db.sync();
      write(db, 2);
      await db.sync();
      await db.close();
      expect(disk.calls).toEqual([]);
    } finally {
      disk.restore();
    }
    const reopened = await open();
    expect(reopened.size('records')).toBe(2);
    await reopened.close();
  });

  it('writes entries nobody synced yet when it closes, and closing twice is harmless', async () => {
    const db = await open();
    write(db, 1);
    write(db, 2);
    await db.close();
    await db.close();
    const reopened = await open();
    expect(reopened.get('records', 'k2')).toEqual({ i: 2, label: 'record 2' });
    await reopened.close();
  });

  it('refuses changes once closed, before applying them, and still answers reads and syncs', async () => {
    const db = await open();
    write(db, 1);
    await db.close();
    const expected = state(db);
    expect(() => write(db, 2)).toThrow(StorageUnavailable);
    expect(() => write(db, 2)).toThrow('the journal is closed');
    expect(state(db)).toEqual(expected);
    expect(db.transact((tx) => tx.get('records', 'k1'))).toEqual({ i: 1, label: 'record 1' });
    await expect(db.sync()).resolves.toBeUndefined();
  });

  it('rolls back every entry not yet durable when a write fails, including one that arrived meanwhile', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let refuse: ((error: Error) => void) | undefined;
    const writes = vi.spyOn(handlePrototype, 'write').mockImplementationOnce(() => new Promise((_, reject) => (refuse = reject)));
    try {
      const db = await open({ probeEveryMs: 60_000 });
      write(db, 1);
      const first = db.sync();
      await until(() => refuse !== undefined, 'the first batch is being written');
      // Entry 2 arrives while entry 1 is on its way to a disk that is about to refuse it.
      write(db, 2);
      const second = db.sync();
      refuse!(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
      await expect(first).rejects.toThrow(StorageUnavailable);
      await expect(second).rejects.toThrow('entries from 1 on could not be written (EIO: i/o error, write); they were rolled back');
      expect(state(db)).toEqual({ tables: {}, balances: {} });
      expect(db.snapshot().seq).toBe(0);
      expect(logged.mock.calls).toEqual([
        ['dana-sim: cannot write the journal (EIO: i/o error, write); refusing changes until the disk accepts writes again'],
      ]);
      await db.close();
    } finally {
      writes.mockRestore();
      logged.mockRestore();
    }
    expect(await journalLines('journal-1.jsonl')).toEqual([]);
    const reopened = await open();
    expect(reopened.size('records')).toBe(0);
    await reopened.close();
  });

  it('writes a correct journal when every write is short', async () => {
    const writes = vi.spyOn(handlePrototype, 'write').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
      const [buffer, offset, length, position] = args as [Buffer, number, number, number | null];
      return originalWrite.call(this, buffer, offset, Math.min(length, 7), position);
    });
    let expected: ReturnType<typeof state>;
    try {
      const db = await open();
      for (let i = 1; i <= 5; i++) write(db, i);
      await db.sync();
      write(db, 6);
      await db.sync();
      expect(writes.mock.calls.length).toBeGreaterThan(100);
      expected = state(db);
      await db.close();
    } finally {
      writes.mockRestore();
    }
    expect(await seqsIn('journal-1.jsonl')).toEqual([1, 2, 3, 4, 5, 6]);
    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    await reopened.close();
  });

  it.each([true, false])(
    'on ENOSPC after a short write: rolls back, cuts the journal back, refuses changes, recovers by itself (fsync %s)',
    async (fsync) => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const db = await open({ probeEveryMs: 2, fsync });
      db.transact((tx) => {
        tx.put('records', 'over', { v: 'old' });
        tx.put('records', 'gone', { v: 'deleted, then restored' });
        tx.put('wiped', 'w', { v: 'cleared, then restored' });
      });
      write(db, 1);
      await db.sync();
      const before = state(db);
      const journalBefore = await readFile(join(dir, 'journal-1.jsonl'));
      const writes = vi
        .spyOn(handlePrototype, 'write')
        .mockImplementationOnce(function (this: FileHandle, ...args: unknown[]) {
          const [buffer, offset, , position] = args as [Buffer, number, number, number | null];
          return originalWrite.call(this, buffer, offset, 10, position);
        })
        .mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      try {
        db.transact((tx) => {
          tx.put('records', 'over', { v: 'new' });
          tx.delete('records', 'gone');
          tx.clear('wiped');
          tx.put('fresh', 'k', 1);
        });
        write(db, 2);
        const lost = db.sync();
        await expect(lost).rejects.toThrow(StorageUnavailable);
        expect(state(db)).toEqual(before);
        expect(db.snapshot().seq).toBe(2);
        expect(db.get('records', 'gone')).toEqual({ v: 'deleted, then restored' });
        expect(db.ledger.balance('user:2')).toBe(0);
        expect(db.undoable).toBe(0);
        // The ten bytes that did reach the file are cut off before anyone hears of the loss.
        expect(await readFile(join(dir, 'journal-1.jsonl'))).toEqual(journalBefore);
        expect(db.unavailable()).toBeInstanceOf(StorageUnavailable);
        expect(() => write(db, 3)).toThrow('the journal cannot be written (ENOSPC: no space left on device, write)');
        expect(state(db)).toEqual(before);
        expect(db.transact((tx) => tx.get('records', 'over'))).toEqual({ v: 'old' });
        await expect(db.sync()).resolves.toBeUndefined();
      } finally {
        writes.mockRestore();
      }
      // No request is needed: the probe finds the disk writable again.
      await until(() => db.unavailable() === undefined, 'the probe ends the outage');
      expect(logged.mock.calls).toEqual([
        [
          'dana-sim: cannot write the journal (ENOSPC: no space left on device, write); refusing changes until the disk accepts writes again',
        ],
        ['dana-sim: the journal is writable again; accepting changes'],
      ]);
      logged.mockRestore();
      expect(await readdir(dir)).not.toContain('probe.tmp');
      write(db, 3);
      await db.sync();
      const expected = state(db);
      await db.close();
      expect(await seqsIn('journal-1.jsonl')).toEqual([1, 2, 3]);
      const reopened = await open();
      expect(state(reopened)).toEqual(expected);
      expect(reopened.get('records', 'over')).toEqual({ v: 'old' });
      expect(reopened.get('fresh', 'k')).toBeUndefined();
      await reopened.close();
    },
  );

  it('on ENOSPC from fdatasync: cuts off the complete lines it wrote, so a restart never replays them', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = await open({ probeEveryMs: 60_000 });
    write(db, 1);
    await db.sync();
    const expected = state(db);
    const syncs = vi
      .spyOn(handlePrototype, 'datasync')
      .mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' }));
    try {
      write(db, 2);
      db.transact((tx) => tx.clear('records'));
      await expect(db.sync()).rejects.toThrow(StorageUnavailable);
    } finally {
      syncs.mockRestore();
      logged.mockRestore();
    }
    expect(state(db)).toEqual(expected);
    expect(db.get('records', 'k1')).toEqual({ i: 1, label: 'record 1' });
    expect(await journalLines('journal-1.jsonl')).toHaveLength(1);
    // Closed while still unwritable (the probe never ran): only the acknowledged entry is on disk.
    await db.close();
    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('stays unwritable while the stale tail cannot be cut, then cuts it before writing again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = await open({ probeEveryMs: 2 });
    write(db, 1);
    await db.sync();
    let truncations = 0;
    const truncates = vi.spyOn(handlePrototype, 'truncate').mockImplementation(async function (this: FileHandle, length?: number) {
      truncations += 1;
      if (truncations <= 3) throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
      return originalTruncate.call(this, length);
    });
    const syncs = vi
      .spyOn(handlePrototype, 'datasync')
      .mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      write(db, 2);
      await expect(db.sync()).rejects.toThrow(StorageUnavailable);
      // The cut failed: the stale line is still there, so nothing may be written after it.
      expect(await journalLines('journal-1.jsonl')).toHaveLength(2);
      expect(() => write(db, 2)).toThrow(StorageUnavailable);
      await until(() => db.unavailable() === undefined, 'the probe cuts the tail and ends the outage');
      expect(truncations).toBe(4);
    } finally {
      truncates.mockRestore();
      syncs.mockRestore();
      logged.mockRestore();
    }
    expect(await journalLines('journal-1.jsonl')).toHaveLength(1);
    write(db, 3);
    await db.close();
    expect(await seqsIn('journal-1.jsonl')).toEqual([1, 2]);
    const reopened = await open();
    expect(reopened.get('records', 'k3')).toEqual({ i: 3, label: 'record 3' });
    expect(reopened.get('records', 'k2')).toBeUndefined();
    await reopened.close();
  });
});

describe('FileStore snapshots', () => {
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
