import { mkdir, open, readdir, rename, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { JournalEntry, SnapshotRows, Store } from '../ledger/store.ts';
import { encodeEntry } from './journal-line.ts';
import { writeSnapshot } from './snapshot-file.ts';
import { DamagedState, FORMAT, inspectState, MANIFEST, numbered, SNAPSHOT, type Manifest } from './state-dir.ts';

// Durable store: an append-only journal of JSON lines written with group commit (one write +
// fdatasync for every batch of entries that arrived while the previous batch was being flushed), and
// snapshots that fold the journal in. A snapshot is streamed out as JSON lines in chunks that yield
// to the event loop, so a large state never stalls requests; lowdb keeps the small manifest that
// names the latest complete snapshot, written atomically. The cost of a request is one journal line,
// whatever the history. See README.md here.

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
  private compaction: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly manifest: Low<Manifest | null>;

  constructor(
    private readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 20_000;
    this.fsync = options.fsync ?? true;
    this.manifest = new Low<Manifest | null>(new JSONFile(join(dir, MANIFEST)), null);
  }

  async load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }> {
    await mkdir(this.dir, { recursive: true });
    const state = await inspectState(this.dir);
    if (state.problems.length > 0) throw new DamagedState(state);
    if (state.torn) {
      // A crash cut the last write: it was never acknowledged, so dropping it loses nothing.
      await truncate(join(this.dir, state.torn.file), state.torn.offset);
      console.warn(
        `dana-sim: dropped a torn final journal entry${state.torn.seq === undefined ? '' : ` (${state.torn.seq})`} at ${state.torn.file} byte ${state.torn.offset}; it was never acknowledged`,
      );
    }
    for (const name of await readdir(this.dir)) if (name.endsWith('.tmp')) await unlink(join(this.dir, name)).catch(() => undefined);
    // Every start writes to a new segment, and the manifest names it first: a deleted newest segment
    // is then noticed on the next load instead of silently taking its acknowledged entries with it.
    this.segment = Math.max(state.segments.at(-1) ?? 0, state.manifest?.segment ?? 0) + 1;
    this.manifest.data = { ...(state.manifest ?? { format: FORMAT, snapshot: null, seq: 0 }), segment: this.segment };
    await this.manifest.write();
    if (this.fsync) await syncPath(this.dir);
    this.sinceSnapshot = state.entries.length;
    await this.openSegment();
    return { snapshot: state.snapshot, entries: state.entries };
  }

  append(entry: JournalEntry): void {
    this.pending.push(encodeEntry(entry));
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

  compactIfDue(rows: () => SnapshotRows): void {
    if (this.compaction || this.sinceSnapshot < this.compactEvery) return;
    this.sinceSnapshot = 0;
    const taken = rows();
    // Every entry up to taken.seq has been appended already; from this instant new batches go to a
    // new segment, so older segments hold nothing the snapshot lacks and can go once it is durable.
    const oldSegments = Array.from({ length: this.segment }, (_, i) => i + 1);
    this.segment += 1;
    this.compaction = this.compact(taken, oldSegments)
      .catch((error: unknown) => {
        // A failed snapshot loses nothing (the journal still holds everything); try again later.
        console.error('dana-sim: snapshot failed, the journal keeps everything:', error);
      })
      .finally(() => {
        this.compaction = undefined;
      });
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    await this.compaction;
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

  private async compact(rows: SnapshotRows, oldSegments: number[]): Promise<void> {
    const name = `snapshot-${rows.seq}.jsonl`;
    const path = join(this.dir, name);
    const handle = await open(`${path}.tmp`, 'w');
    try {
      await writeSnapshot(handle, rows, this.fsync);
    } finally {
      await handle.close();
    }
    await rename(`${path}.tmp`, path);
    await syncPath(this.dir);
    this.manifest.data = { format: FORMAT, snapshot: name, seq: rows.seq, segment: this.segment };
    await this.manifest.write();
    await syncPath(join(this.dir, MANIFEST));
    await syncPath(this.dir);
    for (const index of numbered(await readdir(this.dir), SNAPSHOT)) {
      if (index < rows.seq) await unlink(join(this.dir, `snapshot-${index}.jsonl`)).catch(() => undefined);
    }
    for (const index of oldSegments) await unlink(join(this.dir, `journal-${index}.jsonl`)).catch(() => undefined);
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
