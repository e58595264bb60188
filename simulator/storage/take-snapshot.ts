import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RowFile, StorageUnavailable, type PlacedRows, type SnapshotRows } from '../ledger/store.ts';
import { writeSnapshot } from './snapshot-file.ts';

/** A snapshot being written: given up when an entry it holds is lost. */
export interface SnapshotJob {
  readonly seq: number;
  abandoned: boolean;
}

/**
 * Writes `rows` to `snapshot-<seq>.jsonl.tmp`, waits until every entry it may hold is durable, lets
 * `install` name it, then re-points the rows it wrote to it. A failure before the install deletes the
 * temporary file and loses nothing: the journal still holds every entry.
 */
export async function takeSnapshot(
  dir: string,
  rows: SnapshotRows,
  job: SnapshotJob,
  steps: {
    readonly fsync: boolean;
    /** Resolves once every entry appended so far is durable; rejects when one was lost. */
    readonly durable: () => Promise<void>;
    readonly install: () => Promise<void>;
    readonly opened: (file: RowFile) => void;
  },
): Promise<void> {
  const tmp = join(dir, `snapshot-${rows.seq}.jsonl.tmp`);
  let placed: PlacedRows[] | undefined;
  try {
    const handle = await open(tmp, 'w');
    try {
      placed = await writeSnapshot(handle, rows, steps.fsync);
    } finally {
      await handle.close();
    }
    // The rows were read live, so they may include any entry appended until now, some still on their
    // way to the journal: the snapshot may be named only once those are durable, and never if one of
    // them was lost (it would bring the entry back).
    if (!job.abandoned) await steps.durable();
    if (job.abandoned) throw new StorageUnavailable(`snapshot ${job.seq} abandoned: entries it holds were lost`);
  } catch (error) {
    // Frees the space (the disk may be full) and never leaves a snapshot of lost entries behind.
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await steps.install();
  if (!placed || !rows.rehome) return;
  // Rows unchanged since they were written now read from the new file; what they held is released,
  // and the replaced files are closed once no row reads from them (ledger/stored-row.ts). The
  // snapshot is installed by now: a failure here only leaves rows as they were.
  try {
    const file = new RowFile(join(dir, `snapshot-${rows.seq}.jsonl`));
    steps.opened(file);
    await rows.rehome(file, placed);
  } catch (error) {
    console.error('dana-sim: rows could not be re-pointed to the new snapshot (they stay as they are):', error);
  }
}
