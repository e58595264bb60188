import { describe, expect, it, vi } from 'vitest';
import { handlePrototype, linux, open, seqsIn, state, until, waitForDir, watchSyncs, write } from './disk.fixture.ts';

// The durability levels: when a reply may go out relative to the disk. `always` is checked by the
// group-commit test in file-store-failures.test.ts, `never` by "skips every journal sync".

describe('background durability (the default)', () => {
  it.runIf(linux)('acknowledges once the entry is written, before any fdatasync, then syncs it soon and on close', async () => {
    const disk = await watchSyncs(true);
    try {
      const db = await open();
      write(db, 1);
      await db.sync();
      // Acknowledged while no fdatasync of the journal has even started: the entry is in the OS.
      expect(disk.calls.filter((call) => call.startsWith('datasync'))).toEqual([]);
      expect(await seqsIn('journal-1.jsonl')).toEqual([1]);
      await until(() => disk.held.length === 1, 'the background fdatasync starts');
      expect(disk.calls.at(-1)).toBe('datasync <dir>/journal-1.jsonl');
      write(db, 2);
      await db.sync();
      disk.held[0]();
      const closing = db.close();
      await until(() => disk.held.length === 2, 'close syncs what the last write left');
      disk.held[1]();
      await closing;
      expect(disk.calls.filter((call) => call.startsWith('datasync'))).toEqual([
        'datasync <dir>/journal-1.jsonl',
        'datasync <dir>/journal-1.jsonl',
      ]);
    } finally {
      disk.restore();
    }
  });

  it.runIf(linux)('syncs a segment before leaving it for the next one at a snapshot', async () => {
    const disk = await watchSyncs();
    try {
      const db = await open({ compactEvery: 2 });
      write(db, 1);
      write(db, 2);
      await db.sync();
      write(db, 3);
      await db.sync();
      await waitForDir((names) => names.includes('snapshot-2.jsonl'));
      const datasyncs = disk.calls.filter((call) => call.startsWith('datasync'));
      expect(datasyncs).toContain('datasync <dir>/journal-1.jsonl');
      await db.close();
    } finally {
      disk.restore();
    }
  });

  it('keeps acknowledged entries when their fdatasync fails, refuses changes until the disk works, then goes on', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const syncs = vi
      .spyOn(handlePrototype, 'datasync')
      .mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    try {
      const db = await open({ probeEveryMs: 5 });
      write(db, 1);
      await db.sync();
      const acknowledged = state(db);
      await until(() => db.unavailable() !== undefined, 'the failed background sync is noticed');
      expect(logged.mock.calls[0][0]).toBe(
        'dana-sim: fdatasync of acknowledged journal entries failed (EIO: i/o error, fdatasync); a power loss now could lose them',
      );
      // Acknowledged is acknowledged: nothing is rolled back.
      expect(state(db)).toEqual(acknowledged);
      await until(() => db.unavailable() === undefined, 'the probe finds the disk working');
      write(db, 2);
      await db.sync();
      await db.close();
      const reopened = await open();
      expect(reopened.size('records')).toBe(2);
      await reopened.close();
    } finally {
      syncs.mockRestore();
      logged.mockRestore();
    }
  });
});
