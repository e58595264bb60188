import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { RowFile, StorageUnavailable } from '../ledger/store.ts';
import type { BackgroundSync } from './background-sync.ts';
import { writeAll } from './snapshot-file.ts';

/**
 * The journal segment batches are appended to: its handle, how many of its bytes hold whole written
 * batches, and a reader for the rows in them (ledger/stored-row.ts). A failed write may leave part of
 * a batch after those bytes (a stale tail) until cutStaleTail removes it.
 */
export class OpenSegment {
  /** The segment open for appending; 0 before the first. */
  number = 0;
  handle: FileHandle | undefined;
  /** Reads rows back from the segment; rows of an older one keep theirs open while they need it. */
  file: RowFile | undefined;
  private written = 0;
  private staleTail = false;

  constructor(
    private readonly dir: string,
    private readonly options: {
      readonly syncEach: boolean;
      readonly background: BackgroundSync | undefined;
      readonly fsync: boolean;
      readonly opened: (file: RowFile) => void;
    },
  ) {}

  /** Opens segment `number` for appending; the previous one is synced first when syncs run in the background. */
  async open(number: number): Promise<void> {
    const previous = this.handle;
    this.handle = undefined;
    this.file = undefined;
    // Everything in the previous segment is durable: a failed batch is cut off before the next one.
    // Written but not yet synced (background durability): synced before its handle goes.
    const background = this.options.background;
    if (previous && background) {
      await background.settled();
      await background.now(previous);
    }
    await previous?.close().catch(() => undefined);
    const path = join(this.dir, `journal-${number}.jsonl`);
    const handle = await open(path, 'a');
    try {
      this.written = (await handle.stat()).size;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.handle = handle;
    this.number = number;
    this.staleTail = false;
    this.file = new RowFile(path);
    this.options.opened(this.file);
  }

  /** Appends a batch (synced first when every write is) and says at which offset it starts. */
  async append(bytes: Buffer): Promise<number> {
    if (!this.handle) throw new StorageUnavailable('the journal is closed');
    try {
      await writeAll(this.handle, bytes);
      if (this.options.syncEach) await this.handle.datasync();
    } catch (error) {
      this.staleTail = true;
      throw error;
    }
    const at = this.written;
    this.written += bytes.length;
    return at;
  }

  /** Cuts the segment back to its written batches (and makes the cut durable). */
  async cutStaleTail(): Promise<void> {
    if (!this.staleTail || !this.handle) return;
    await this.options.background?.settled();
    await this.handle.truncate(this.written);
    if (this.options.fsync) await this.handle.datasync();
    this.staleTail = false;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    this.file = undefined;
  }
}
