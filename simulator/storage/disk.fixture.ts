import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, open as openFile, readdir, readFile, realpath, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { Database } from '../ledger/database.ts';
import type { Posting } from '../ledger/ledger.ts';
import type { JournalEntry } from '../ledger/store.ts';
import { FileStore, type FileStoreOptions } from './file-store.ts';

// What the FileStore tests share: a fresh directory per test, a disk that can be made to misbehave
// (FileHandle's prototype), and small readers of what landed on it. Importing it registers the hooks.

const FUNDING = 'external:funding';
export const open = (options: FileStoreOptions = {}) => Database.open(new FileStore(dir, options));
export let dir: string;
export let handlePrototype: Pick<FileHandle, 'write' | 'datasync' | 'truncate'>;
/** FileHandle.write(buffer, offset, length, position), the form writeAll uses. */
export let originalWrite: (this: FileHandle, ...args: unknown[]) => ReturnType<FileHandle['write']>;
export let originalTruncate: FileHandle['truncate'];

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

export function fund(account: string, amountMinor: number, id: string): Posting {
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
export function write(db: Database, i: number): void {
  db.transact((tx) => {
    tx.put('records', `k${i}`, { i, label: `record ${i}` });
    tx.post(fund(`user:${i % 3}`, 100 + i, `p${i}`));
  });
}

export function state(db: Database) {
  return { tables: db.snapshot().tables, balances: Object.fromEntries(db.ledger.accounts()) };
}

export async function journalLines(name: string): Promise<string[]> {
  return (await readFile(join(dir, name), 'utf8')).split('\n').filter((line) => line !== '');
}

/** The sequence numbers of a journal segment's entries, in file order. */
export async function seqsIn(name: string): Promise<number[]> {
  return (await journalLines(name)).map((line) => (JSON.parse(line) as JournalEntry).seq);
}

/** Compaction runs after transact returns; poll the directory (bounded) until it is done. */
export async function waitForDir(done: (names: string[]) => boolean): Promise<string[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const names = await readdir(dir);
    if (done(names)) return names;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`directory never reached the expected state: ${(await readdir(dir)).join(', ')}`);
}

export async function until(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000 && !done(); attempt++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!done()) throw new Error(`never happened: ${what}`);
}

export const linux = existsSync('/proc/self/fd');

/** Paths of this process's open files inside the test directory (Linux: /proc/self/fd). */
export async function openInDir(): Promise<string[]> {
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
export async function watchSyncs(hold = false) {
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
export function failWrites(matches: (path: string) => boolean, times: number) {
  let failed = 0;
  return vi.spyOn(handlePrototype, 'write').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
    if (failed < times && matches(readlinkSync(`/proc/self/fd/${this.fd}`))) {
      failed += 1;
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    }
    return originalWrite.call(this, ...args);
  });
}
