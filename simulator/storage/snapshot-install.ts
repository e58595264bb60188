import { open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { FORMAT, MANIFEST, numbered, SNAPSHOT, type Manifest } from './state-dir.ts';

// The last step of a compaction, once the snapshot file is complete and every entry it holds is
// durable in the journal: the snapshot takes its name, the manifest names it, and only then do the
// snapshots and segments it replaces go. Each step is synced before the next, so a crash anywhere
// leaves a directory that loads.

/** `segment` is the one new entries go to; the manifest names it too, so a deleted newest segment is noticed. */
export async function installSnapshot(
  dir: string,
  manifest: Low<Manifest | null>,
  { seq, segment }: { readonly seq: number; readonly segment: number },
  oldSegments: readonly number[],
): Promise<void> {
  const name = `snapshot-${seq}.jsonl`;
  await rename(join(dir, `${name}.tmp`), join(dir, name));
  await syncPath(dir);
  manifest.data = { format: FORMAT, snapshot: name, seq, segment };
  await manifest.write();
  await syncPath(join(dir, MANIFEST));
  await syncPath(dir);
  for (const index of numbered(await readdir(dir), SNAPSHOT)) {
    if (index < seq) await unlink(join(dir, `snapshot-${index}.jsonl`)).catch(() => undefined);
  }
  for (const index of oldSegments) await unlink(join(dir, `journal-${index}.jsonl`)).catch(() => undefined);
}

export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
