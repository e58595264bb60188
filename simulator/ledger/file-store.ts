import { mkdir, open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { JournalEntry, Snapshot, Store } from './store.ts';

// Durable store: numbered snapshots written with lowdb, plus an append-only journal of JSON lines
// written with group commit (one write + fdatasync for every batch of entries that arrived while
// the previous batch was being flushed). The cost of a request is one line, whatever the history;
// the journal is folded into a new snapshot every `compactEvery` entries. See README.md here.

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface FileStoreOptions {
  /** Journal entries between snapshots. */
  readonly compactEvery?: number;
  /** Turn off only for throwaway data (benchmarks of the CPU path); replies then outrun the disk. */
  readonly fsync?: boolean;
}

const SNAPSHOT = /^snapshot-(\d+)\.json$/;
const SEGMENT = /^journal-(\d+)\.jsonl$/;

export class FileStore implements Store {
  private readonly compactEvery: number;
  private readonly fsync: boolean;
  /** The segment new batches go to; it moves forward the instant a snapshot is taken. */
  private segment = 0;
  private handle: FileHandle | undefined;
  private handleSegment = 0;
  private pending: string[] = [];
  private appended = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private io: Promise<void> = Promise.resolve();
  private sinceSnapshot = 0;
  private compacting = false;
  private failure: Error | undefined;

  constructor(
    private readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 50_000;
    this.fsync = options.fsync ?? true;
  }

  async load(): Promise<{ snapshot: Snapshot; entries: JournalEntry[] }> {
    await mkdir(this.dir, { recursive: true });
    const names = await readdir(this.dir);
    const snapshot = await this.newestSnapshot(names);
    const segments = numbered(names, SEGMENT);
    const entries: JournalEntry[] = [];
    for (const index of segments) {
      const text = await readFile(join(this.dir, `journal-${index}.jsonl`), 'utf8');
      entries.push(...parseSegment(text, `journal-${index}.jsonl`));
    }
    const after = entries.filter((entry) => entry.seq > snapshot.seq);
    this.sinceSnapshot = after.length;
    // A crash may have cut the last line of the newest segment; never append after it.
    this.segment = (segments.at(-1) ?? 0) + 1;
    await this.openSegment();
    return { snapshot, entries: after };
  }

  append(entry: JournalEntry): void {
    this.pending.push(`${JSON.stringify(entry)}\n`);
    this.appended += 1;
    this.sinceSnapshot += 1;
  }

  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable === this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo: this.appended, resolve, reject });
      this.startFlushing();
    });
  }

  compactIfDue(snapshot: () => Snapshot): void {
    if (this.compacting || this.sinceSnapshot < this.compactEvery) return;
    this.compacting = true;
    this.sinceSnapshot = 0;
    const taken = snapshot();
    // Every entry up to taken.seq has been appended already; from this instant new batches go to
    // a new segment, so older segments hold nothing the snapshot lacks and can be deleted after it.
    const oldSegments = Array.from({ length: this.segment }, (_, i) => i + 1);
    this.segment += 1;
    void this.compact(taken, oldSegments).finally(() => {
      this.compacting = false;
    });
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    await this.io;
    await this.handle?.close();
    this.handle = undefined;
  }

  private startFlushing(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.io = this.io.then(() => this.flushAll());
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.join('');
        const upTo = this.appended;
        this.pending = [];
        if (this.handleSegment !== this.segment) await this.openSegment();
        if (!this.handle) throw new Error('journal is closed');
        await this.handle.write(batch);
        if (this.fsync) await this.handle.datasync();
        this.durable = upTo;
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.upTo > this.durable) return true;
          waiter.resolve();
          return false;
        });
      }
    } catch (error) {
      // The disk refused a write: memory is now ahead of it, so stop acknowledging anything.
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  private async openSegment(): Promise<void> {
    await this.handle?.close();
    this.handle = await open(join(this.dir, `journal-${this.segment}.jsonl`), 'a');
    this.handleSegment = this.segment;
  }

  private async compact(snapshot: Snapshot, oldSegments: number[]): Promise<void> {
    const file = join(this.dir, `snapshot-${snapshot.seq}.json`);
    const low = new Low<Snapshot>(new DataFile(file, { parse: JSON.parse, stringify: JSON.stringify }), snapshot);
    await low.write();
    await syncPath(file);
    await syncPath(this.dir);
    const names = await readdir(this.dir);
    for (const index of numbered(names, SNAPSHOT)) {
      if (index < snapshot.seq) await unlink(join(this.dir, `snapshot-${index}.json`)).catch(() => undefined);
    }
    for (const index of oldSegments) await unlink(join(this.dir, `journal-${index}.jsonl`)).catch(() => undefined);
  }

  private async newestSnapshot(names: string[]): Promise<Snapshot> {
    // The newest snapshot that parses wins; an older one is kept until a newer one is durable.
    for (const seq of numbered(names, SNAPSHOT).reverse()) {
      const low = new Low<Snapshot | null>(new DataFile(join(this.dir, `snapshot-${seq}.json`), { parse: JSON.parse, stringify: JSON.stringify }), null);
      try {
        await low.read();
        if (low.data && typeof low.data.seq === 'number') return low.data;
      } catch {
        // A torn snapshot: fall back to the previous one.
      }
    }
    return { seq: 0, tables: {} };
  }
}

function numbered(names: string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function parseSegment(text: string, name: string): JournalEntry[] {
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    try {
      entries.push(JSON.parse(lines[i]) as JournalEntry);
    } catch (error) {
      // Only the last line can be torn by a crash (it was never acknowledged); anything else is damage.
      const isLast = lines.slice(i + 1).every((line) => line === '');
      if (isLast) break;
      throw new Error(`${name}: line ${i + 1} is corrupt: ${(error as Error).message}`);
    }
  }
  return entries;
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
