import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../ledger/database.ts';
import { DiskRow, JournalRow, StoredRow } from '../ledger/store.ts';
import { ledgerProblems } from '../ledger/verify.ts';
import { dir, fund, handlePrototype, linux, open, openInDir, originalWrite, state, write } from './disk.fixture.ts';

// History rows live in snapshot files, not on the heap: after a restart and after every snapshot a
// row is a DiskRow (a file, an offset, a length), read back only when used (ledger/stored-row.ts).

/** How many of a table's rows are held as DiskRows (in a snapshot) right now. */
function onDisk(db: Database, table: string): number {
  return [...db.stored(table)].filter((row) => row instanceof DiskRow).length;
}

/** How many of a table's rows are read from a journal segment right now. */
function inJournal(db: Database, table: string): number {
  return [...db.stored(table)].filter((row) => row instanceof JournalRow).length;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('rows on disk', () => {
  it('loads every snapshot row as a DiskRow, parses one only when read, and keeps reading it the same', async () => {
    const db = await open();
    // 1,000 entries: the stop takes a snapshot, which the restart reads.
    for (let i = 1; i <= 1000; i++) write(db, i);
    await db.sync();
    const expected = state(db);
    await db.close();

    const reopened = await open();
    expect(onDisk(reopened, 'records')).toBe(1000);
    expect(onDisk(reopened, 'postings')).toBe(1000);
    expect(reopened.get('records', 'k7')).toEqual({ i: 7, label: 'record 7' });
    // Read once, kept parsed: the next read of a hot row costs no system call.
    expect(onDisk(reopened, 'records')).toBe(999);
    expect(state(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('reads each row back from its journal line once the line is written, multi-byte text included', async () => {
    const db = await open();
    const value = { name: 'Bü✓ Ñ 🙂', nested: { list: [1, 'dua'], quote: 'say "hi"\\' } };
    db.transact((tx) => {
      tx.put('records', 'ü-key', value);
      tx.delete('records', 'absent');
      tx.put('records', 'plain', 7);
      tx.post(fund('user:1', 5, 'p1'));
    });
    // Not written yet: still the object the transaction put.
    expect(inJournal(db, 'records')).toBe(0);
    await db.sync();
    expect(inJournal(db, 'records')).toBe(2);
    expect(inJournal(db, 'postings')).toBe(1);
    expect(db.get('records', 'ü-key')).toEqual(value);
    expect(db.get('records', 'plain')).toBe(7);
    expect(db.get('postings', 'p1')).toEqual(fund('user:1', 5, 'p1'));
    await db.close();
  });

  it('leaves a row changed before its earlier write landed with the newer value', async () => {
    const db = await open();
    // The first batch's write waits until released, so the change below arrives while it is under way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writes = vi.spyOn(handlePrototype, 'write').mockImplementationOnce(async function (this: FileHandle, ...args: unknown[]) {
      await held;
      return originalWrite.apply(this, args);
    } as never);
    try {
      write(db, 1);
      const writing = db.sync();
      await vi.waitFor(() => expect(writes).toHaveBeenCalledTimes(1));
      db.transact((tx) => tx.put('records', 'k1', { i: 1, label: 'newer' }));
      release();
      await writing;
      // The first write landed, but the row had changed since: it keeps the newer value, on the heap.
      expect([...db.storedEntries('records')]).toEqual([['k1', { i: 1, label: 'newer' }]]);
      await db.sync();
      expect([...db.storedEntries('records')]).toEqual([['k1', expect.any(JournalRow)]]);
      expect(db.get('records', 'k1')).toEqual({ i: 1, label: 'newer' });
    } finally {
      writes.mockRestore();
      await db.close();
    }
  });

  it('re-points rows written during the run to the new snapshot once it is installed', async () => {
    const db = await open({ compactEvery: 10 });
    for (let i = 1; i <= 9; i++) write(db, i);
    await db.sync();
    // Written: read back from the journal segment, not held on the heap.
    expect(onDisk(db, 'records')).toBe(0);
    expect(inJournal(db, 'records')).toBe(9);
    write(db, 10); // the 10th entry: a snapshot is taken, and the rows re-pointed once it is named
    // Rows are read live while the snapshot is written: this change lands in it.
    db.transact((tx) => tx.put('records', 'k3', { i: 3, label: 'changed while the snapshot is written' }));
    await db.sync();
    for (let i = 0; i < 20 && onDisk(db, 'records') === 0; i++) await settled();
    const rows = new Map(db.storedEntries('records'));
    for (const key of ['k1', 'k2', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']) expect(rows.get(key)).toBeInstanceOf(DiskRow);
    // Written while the snapshot was: re-pointed to it, or still read from the journal (whichever
    // the snapshot read first), never back on the heap.
    for (const key of ['k3', 'k10']) expect(rows.get(key)).toBeInstanceOf(StoredRow);
    expect(onDisk(db, 'postings') + inJournal(db, 'postings')).toBe(10);
    expect(db.get('records', 'k3')).toEqual({ i: 3, label: 'changed while the snapshot is written' });
    expect(db.get('records', 'k4')).toEqual({ i: 4, label: 'record 4' });
    const expected = state(db);
    await db.close();

    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('copies rows still on disk into the next snapshot byte for byte, through an older file already deleted', async () => {
    const db = await open({ compactEvery: 5 });
    for (let i = 1; i <= 5; i++) write(db, i);
    await db.sync();
    for (let i = 0; i < 20 && onDisk(db, 'records') === 0; i++) await settled();
    // The next snapshots copy those rows from files that are unlinked as soon as a newer one is named.
    for (let i = 6; i <= 15; i++) {
      write(db, i);
      await db.sync();
      await settled();
    }
    const expected = state(db);
    await db.close();
    const reopened = await open();
    expect(state(reopened)).toEqual(expected);
    expect(onDisk(reopened, 'records')).toBe(15);
    await reopened.close();
  });

  it('checks the ledger from the postings summed while the snapshot was read, and reads them back once rows changed', async () => {
    const db = await open();
    for (let i = 1; i <= 1000; i++) write(db, i);
    await db.sync();
    await db.close();
    const reopened = await open();
    const known = () => true;
    expect(onDisk(reopened, 'postings')).toBe(1000);
    expect(ledgerProblems(reopened, known)).toEqual([]);
    // One posting parsed (read): the audit no longer stands for the file's postings, which are read back.
    reopened.get('postings', 'p1');
    expect(ledgerProblems(reopened, known)).toEqual([]);
    reopened.transact((tx) => tx.post(fund('user:9', 5, 'p-new')));
    expect(ledgerProblems(reopened, known)).toEqual([]);
    await reopened.close();
  });

  it('finds a posting in the snapshot that does not balance, though its checksum holds', async () => {
    const db = await open();
    write(db, 1);
    await db.sync();
    await db.close();
    // A snapshot of both entries, taken while running.
    const compacting = await open({ compactEvery: 1 });
    write(compacting, 2);
    await compacting.sync();
    for (let i = 0; i < 20 && onDisk(compacting, 'postings') === 0; i++) await settled();
    await compacting.close();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { snapshot: string };
    const path = join(dir, manifest.snapshot);
    const text = await readFile(path, 'utf8');
    const damaged = text.replace('"amountMinor":102}', '"amountMinor":103}');
    expect(damaged).not.toBe(text);
    await writeFile(path, withChecksum(damaged));
    // Balances come from the snapshot's header, so the database opens; the ledger check is what refuses it.
    const reopened = await open();
    expect(onDisk(reopened, 'postings')).toBe(2);
    expect(ledgerProblems(reopened, () => true)).toEqual([
      'posting p2 does not balance (sum 1)',
      'account user:2 holds 102, its postings add up to 103',
    ]);
    await reopened.close();
  });

  it.runIf(linux)('closes every snapshot file its rows read from when the store stops', async () => {
    const db = await open({ compactEvery: 3 });
    for (let i = 1; i <= 10; i++) {
      write(db, i);
      await db.sync();
      await settled();
    }
    await db.close();
    const reopened = await open();
    expect(reopened.get('records', 'k2')).toEqual({ i: 2, label: 'record 2' });
    await reopened.close();
    expect(await openInDir()).toEqual([]);
    // A row of a stopped store opens its file again for the read (never trusting the old descriptor
    // number, which may belong to another file by now), and leaves nothing open.
    const row = [...reopened.storedEntries('records')].find(([, value]) => value instanceof DiskRow)!;
    expect((row[1] as StoredRow).parse()).toEqual({ i: Number(row[0].slice(1)), label: `record ${row[0].slice(1)}` });
    expect(await openInDir()).toEqual([]);
    // Once its file is gone too, the read says so.
    await unlink((row[1] as DiskRow).file.path);
    expect(() => (row[1] as StoredRow).parse()).toThrow(/closed with its store and cannot be opened again/);
  });
});

/** The snapshot text with its closing line's CRC-32 recomputed over the changed bytes. */
function withChecksum(text: string): string {
  const lines = text.split('\n');
  const closing = lines.at(-2)!;
  const body = Buffer.from(
    lines
      .slice(0, -2)
      .map((line) => `${line}\n`)
      .join(''),
  );
  const end = JSON.parse(closing) as { end: number; rows: number };
  return `${body.toString()}${JSON.stringify({ ...end, crc: crc32(body) })}\n`;
}
