import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageUnavailable } from '../ledger/store.ts';
import { writeAll } from './snapshot-file.ts';

// The journal's unwritable mode (a full disk, an I/O error). Changes are refused meanwhile, with one
// clear log line when the mode starts and one when it ends, never a line per request; a timer keeps
// probing the disk so that recovery needs no request to arrive.

/** Written, synced and deleted to learn whether the disk takes writes again; `.tmp`, so a start removes a leftover. */
const PROBE_FILE = 'probe.tmp';
const PROBE_BYTES = Buffer.alloc(16 << 10, 0x20);

export class JournalOutage {
  private refusal: StorageUnavailable | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `probe` is called every `probeEveryMs` while the journal cannot be written; it calls end() on success. */
  constructor(
    private readonly probeEveryMs: number,
    private readonly probe: () => void,
  ) {}

  /** The error changes are refused with, or undefined while the journal accepts writes. */
  get current(): StorageUnavailable | undefined {
    return this.refusal;
  }

  begin(cause: Error): void {
    const reason = describeError(cause);
    if (!this.refusal)
      console.error(`dana-sim: cannot write the journal (${reason}); refusing changes until the disk accepts writes again`);
    this.refusal = new StorageUnavailable(`the journal cannot be written (${reason}); changes are refused until it can`, { cause });
    if (this.timer) return;
    this.timer = setInterval(this.probe, this.probeEveryMs);
    // Recovery needs no request, but must not keep alive a process that has nothing else to do.
    this.timer.unref();
  }

  end(): void {
    if (!this.refusal) return;
    this.refusal = undefined;
    this.stop();
    console.error('dana-sim: the journal is writable again; accepting changes');
  }

  /** Stops probing (the store is closing). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Rejects unless the directory takes (and, with fsync, syncs) a write of some KiB; leaves nothing behind. */
export async function probeDisk(dir: string, fsync: boolean): Promise<void> {
  const path = join(dir, PROBE_FILE);
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, PROBE_BYTES);
    if (fsync) await handle.datasync();
  } finally {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
  }
}

/** `ENOSPC: no space left on device, write` for a Node errno error (whose message already starts with the code). */
export function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error.message;
  return `${code}: ${error.message.startsWith(`${code}: `) ? error.message.slice(code.length + 2) : error.message}`;
}
