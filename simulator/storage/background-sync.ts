import type { FileHandle } from 'node:fs/promises';

// `background` durability: a reply goes out once its entry is written to the operating system, and
// this makes it durable against a power loss too, at most BOUND_MS later. The sync runs beside the
// journal's queue, not on it, so writes (and so replies) never wait behind an fdatasync; whatever
// swaps or cuts the segment's handle waits for the sync in flight instead (settled()).

const BOUND_MS = 100;

export interface SyncTarget {
  /** The open segment's handle, and the newest entry written to it. */
  handle(): FileHandle | undefined;
  written(): number;
  /** The entries were acknowledged already: a failed sync cannot take them back. */
  failed(error: Error): void;
}

export class BackgroundSync {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private syncedUpTo = 0;
  private stopped = false;

  constructor(private readonly target: SyncTarget) {}

  /** Something was written: sync it within the bound. */
  soon(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.inFlight
        .then(() => this.now())
        .finally(() => {
          this.timer = undefined;
          // Written while that sync ran (or while it failed): another one within the bound.
          if (this.target.written() > this.syncedUpTo) this.soon();
        });
    }, BOUND_MS);
    this.timer.unref();
  }

  /** Resolves once no sync is in flight (before a handle is closed or cut). */
  settled(): Promise<void> {
    return this.inFlight;
  }

  /** Syncs `handle` (by default the open segment) now. Never rejects. */
  async now(handle = this.target.handle()): Promise<void> {
    const upTo = this.target.written();
    try {
      await handle?.datasync();
      if (handle === this.target.handle()) this.syncedUpTo = upTo;
    } catch (error) {
      this.target.failed(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** No more timers; what is in flight finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }
}
