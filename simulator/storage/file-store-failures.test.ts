import { readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StorageUnavailable } from '../ledger/store.ts';
import {
  open,
  dir,
  handlePrototype,
  originalWrite,
  originalTruncate,
  write,
  state,
  journalLines,
  seqsIn,
  until,
  linux,
  watchSyncs,
} from './disk.fixture.ts';

// FileStore on a disk that does not: short writes, ENOSPC on write or sync, a tail that cannot be cut.

describe('FileStore journal', () => {
  it.runIf(linux)(
    'answers a sync only once its own entries are durable, and writes entries that arrive meanwhile as one batch',
    async () => {
      const disk = await watchSyncs(true);
      try {
        const db = await open({ fsync: 'always' });
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
    const db = await open({ probeEveryMs: 60_000, fsync: 'always' });
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
    const db = await open({ probeEveryMs: 2, fsync: 'always' });
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
