import { mkdir, readdir, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { RowFile, StorageUnavailable, type JournalEntry, type SnapshotRows, type Store, type WrittenRows } from '../ledger/store.ts';
import { OpenSegment } from './open-segment.ts';
import { PendingBatch, type TakenBatch } from './pending-batch.ts';
import { BackgroundSync } from './background-sync.ts';
import { describeError, JournalOutage, probeDisk } from './journal-outage.ts';
import { takeSnapshot, type SnapshotJob } from './take-snapshot.ts';
import { installSnapshot, syncPath } from './snapshot-install.ts';
import { DamagedState, FORMAT, inspectState, MANIFEST, type Manifest } from './state-dir.ts';

// Durable store: an append-only journal of JSON lines written with group commit (one write +
// fdatasync for every batch of entries that arrived while the previous batch was being flushed), and
// snapshots that fold the journal in. A snapshot is streamed out as JSON lines in chunks that yield
// to the event loop, so a large state never stalls requests; lowdb keeps the small manifest that
// names the latest complete snapshot, written atomically. The cost of a request is one journal line,
// whatever the history. See README.md here.
//
// When a batch cannot be written or synced (a full disk), every entry not yet durable is lost: the
// database is told at once and rolls them back, the segment is cut back to its durable bytes, the
// waiters are refused, and the store refuses changes until a probe shows the disk takes writes again.

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * When a reply may go out, relative to the disk:
 * - `background` (default): once its journal entry is written to the operating system, which survives
 *   any crash of the process (SIGKILL included); fdatasync follows within 100 ms (background-sync.ts).
 * - `always`: once its entry is fdatasynced, which survives a power loss too.
 * - `never`: never syncs (throwaway data, benchmarks of the CPU path).
 */
export type Durability = 'always' | 'background' | 'never';

/** Journal entries since the last snapshot that make a clean stop take one. */
const SNAPSHOT_ON_CLOSE = 1000;

export interface FileStoreOptions {
  /** Journal entries between snapshots. */
  readonly compactEvery?: number;
  /** See Durability; `true` means `always`, `false` means `never`. */
  readonly fsync?: Durability | boolean;
  /** While the journal cannot be written, how often to try whether the disk takes writes again. */
  readonly probeEveryMs?: number;
}

export class FileStore implements Store {
  private readonly compactEvery: number;
  private readonly durability: Durability;
  /** Snapshots, the manifest and probes are synced unless durability is `never`. */
  private readonly fsync: boolean;
  private readonly background: BackgroundSync;
  private readonly outage: JournalOutage;
  /** The segment new batches go to; it moves forward the instant a snapshot is taken. */
  private segment = 0;
  private readonly journal: OpenSegment;
  private readonly pending = new PendingBatch();
  /** Sequence numbers of the newest entry appended and the newest one durable. */
  private lastAppended = 0;
  private lastDurable = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private io: Promise<void> = Promise.resolve();
  private sinceSnapshot = 0;
  private compaction: Promise<void> | undefined;
  private snapshotting: SnapshotJob | undefined;
  private probing = false;
  private closing = false;
  private lost: (fromSeq: number) => void = () => undefined;
  private written: (rows: WrittenRows) => void = () => undefined;
  private readonly manifest: Low<Manifest | null>;
  /** Snapshot files rows read from; closed on stop. Weak: one no row reads from any more goes by itself. */
  private rowFiles: WeakRef<RowFile>[] = [];

  constructor(
    private readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 20_000;
    this.durability = options.fsync === true ? 'always' : options.fsync === false ? 'never' : (options.fsync ?? 'background');
    this.fsync = this.durability !== 'never';
    this.background = new BackgroundSync({
      handle: () => this.journal.handle,
      written: () => this.lastDurable,
      failed: (cause) => {
        if (this.outage.current) return;
        console.error(
          `dana-sim: fdatasync of acknowledged journal entries failed (${describeError(cause)}); a power loss now could lose them`,
        );
        this.outage.begin(cause);
      },
    });
    this.journal = new OpenSegment(dir, {
      syncEach: this.durability === 'always',
      background: this.durability === 'background' ? this.background : undefined,
      fsync: this.fsync,
      opened: (file) => this.keepRowFile(file),
    });
    this.outage = new JournalOutage(options.probeEveryMs ?? 500, () => this.probeSoon());
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
    // An empty newest segment (a start that wrote nothing) is written to again rather than left behind.
    const newest = state.segments.at(-1);
    const reuse =
      newest !== undefined &&
      newest >= (state.manifest?.segment ?? 0) &&
      (await stat(join(this.dir, `journal-${newest}.jsonl`))).size === 0;
    this.segment = reuse ? newest : Math.max(newest ?? 0, state.manifest?.segment ?? 0) + 1;
    this.manifest.data = { ...(state.manifest ?? { format: FORMAT, snapshot: null, seq: 0 }), segment: this.segment };
    await this.manifest.write();
    if (this.fsync) await syncPath(this.dir);
    this.sinceSnapshot = state.entries.length;
    await this.openSegment();
    if (state.snapshot.file) this.keepRowFile(state.snapshot.file);
    return { snapshot: state.snapshot, entries: state.entries };
  }

  append(entry: JournalEntry): void {
    // With nothing outstanding, every entry before this one is on disk (loaded, or written here).
    if (this.lastAppended === this.lastDurable) this.lastDurable = entry.seq - 1;
    this.pending.add(entry);
    this.lastAppended = entry.seq;
    this.sinceSnapshot += 1;
  }

  sync(): Promise<void> {
    return this.durableUpTo(this.lastAppended);
  }

  durableSeq(): number {
    return this.lastDurable;
  }

  unavailable(): StorageUnavailable | undefined {
    return this.closing ? new StorageUnavailable('the journal is closed') : this.outage.current;
  }

  onLost(listener: (fromSeq: number) => void): void {
    this.lost = listener;
  }

  onWritten(listener: (rows: WrittenRows) => void): void {
    this.written = listener;
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

  async close(rows?: () => SnapshotRows): Promise<void> {
    // From here on changes are refused; what was appended before is still written.
    this.closing = true;
    await this.sync().catch(() => undefined);
    await this.compaction;
    await this.io;
    if (rows && this.sinceSnapshot >= SNAPSHOT_ON_CLOSE && !this.outage.current) await this.snapshotOnClose(rows);
    this.outage.stop();
    await this.background.stop();
    if (this.durability === 'background') await this.background.now();
    // A failed batch the probe could not cut off yet: one last try, so a restart never replays it.
    await this.cutStaleTail().catch(() => undefined);
    await this.journal.close();
    for (const file of this.rowFiles) file.deref()?.close();
    this.rowFiles = [];
  }

  private keepRowFile(file: RowFile): void {
    this.rowFiles = this.rowFiles.filter((ref) => ref.deref() !== undefined);
    this.rowFiles.push(new WeakRef(file));
  }

  /**
   * A clean stop folds a long journal into a snapshot, so the next start reads one file of rows
   * instead of replaying every entry (at 100,000 top ups that halves a restart). Failing loses nothing.
   */
  private async snapshotOnClose(rows: () => SnapshotRows): Promise<void> {
    const oldSegments = Array.from({ length: this.segment }, (_, i) => i + 1);
    this.segment += 1;
    try {
      // The manifest will name this segment as the newest: it must exist, even empty.
      await this.openSegment();
      // Nothing reads rows after a stop: re-pointing them would be wasted work.
      await this.compact({ ...rows(), rehome: undefined }, oldSegments);
    } catch (error) {
      console.error('dana-sim: the snapshot on stop failed, the journal keeps everything:', error);
    }
  }

  private startFlushing(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.io = this.io.then(() => this.flushAll());
  }

  /** Never rejects: a failure is a loss, reported to the database and the waiters. */
  private async flushAll(): Promise<void> {
    try {
      while (!this.pending.empty) {
        const upTo = this.lastAppended;
        const batch = this.pending.take();
        let at: number;
        try {
          if (this.journal.number !== this.segment) await this.openSegment();
          at = await this.journal.append(batch.bytes);
        } catch (error) {
          await this.lose(error);
          return;
        }
        this.lastDurable = upTo;
        this.pointAtJournal(batch, at);
        if (this.durability === 'background') this.background.soon();
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.upTo > this.lastDurable) return true;
          waiter.resolve();
          return false;
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A batch could not be written or synced: it and every entry after it are lost. The database rolls
   * them back at once (before anyone else reads them); the tail is cut off before the waiters hear,
   * so a request answered "not processed" never reappears after a restart.
   */
  private async lose(error: unknown): Promise<void> {
    const cause = error instanceof Error ? error : new Error(String(error));
    const fromSeq = this.lastDurable + 1;
    this.sinceSnapshot = Math.max(0, this.sinceSnapshot - (this.lastAppended - this.lastDurable));
    this.pending.clear();
    this.lastAppended = this.lastDurable;
    this.outage.begin(cause);
    // Rows are read live while a snapshot is written, so it may hold any entry appended meanwhile.
    if (this.snapshotting) this.snapshotting.abandoned = true;
    try {
      this.lost(fromSeq);
    } catch (bug) {
      console.error('dana-sim bug: rolling back the entries the journal lost failed:', bug);
    }
    // Best effort: while the cut fails the store stays unwritable, and the probe tries again.
    await this.cutStaleTail().catch(() => undefined);
    const reason = `entries from ${fromSeq} on could not be written (${describeError(cause)}); they were rolled back`;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new StorageUnavailable(reason, { cause }));
  }

  private probeSoon(): void {
    if (this.probing) return;
    this.probing = true;
    // On the journal's own queue: no batch is written while the tail is cut or the disk is probed.
    this.io = this.io
      .then(() => this.probe())
      .finally(() => {
        this.probing = false;
      });
  }

  /** Never rejects: a failed probe leaves the store unwritable until the next one. */
  private async probe(): Promise<void> {
    if (!this.outage.current || this.closing) return;
    try {
      // The stale tail first: entries must never follow lines whose sequence numbers they reuse.
      await this.cutStaleTail();
      await probeDisk(this.dir, this.fsync);
    } catch {
      return;
    }
    this.outage.end();
  }

  /** Cuts the open segment back to its durable bytes: on the journal's queue, or when it stops. */
  private cutStaleTail(): Promise<void> {
    return this.journal.cutStaleTail();
  }

  private openSegment(): Promise<void> {
    return this.journal.open(this.segment);
  }

  /** The batch's rows read from the segment from now on; failing only leaves them on the heap. */
  private pointAtJournal(batch: TakenBatch, at: number): void {
    try {
      this.written(batch.placed(this.journal.file!, at));
    } catch (error) {
      console.error('dana-sim bug: rows just written could not be pointed at the journal (they stay in memory):', error);
    }
  }

  private async compact(rows: SnapshotRows, oldSegments: number[]): Promise<void> {
    const job: SnapshotJob = { seq: rows.seq, abandoned: false };
    this.snapshotting = job;
    const segment = this.segment;
    try {
      await takeSnapshot(this.dir, rows, job, {
        fsync: this.fsync,
        durable: () => this.durableUpTo(this.lastAppended),
        install: () => {
          // Named from here on: a loss after this no longer concerns it.
          this.snapshotting = undefined;
          return installSnapshot(this.dir, this.manifest, { seq: rows.seq, segment }, oldSegments);
        },
        opened: (file) => this.keepRowFile(file),
      });
    } finally {
      if (this.snapshotting === job) this.snapshotting = undefined;
    }
  }

  /** Resolves once every entry up to `seq` (appended already) is durable; rejects when one of them was lost. */
  private durableUpTo(seq: number): Promise<void> {
    if (this.lastDurable >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo: seq, resolve, reject });
      this.startFlushing();
    });
  }
}
