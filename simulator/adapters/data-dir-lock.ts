import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

// One process at a time owns a data directory: a simulator serving it, or a CLI command that opened
// it because none serves it. Two owners would write two journals from the same sequence number and
// lose each other's acknowledged writes (issue 14), so the lock is taken before anything is loaded.
//
// The lock is `<data>/lock`, created exclusively (a complete temp file hard-linked into place, so no
// reader ever sees it half written) and holding the owner's pid, host and start time. A lock whose
// owner is dead (killed, power loss) is stale: it is taken over under a second exclusive file,
// `<data>/lock.takeover`, so of two processes finding the same stale lock only one removes it, and the
// other then finds the new owner alive. The lock is released on stop and, synchronously, on exit.
// An owner on another host (a shared volume, a recreated container with a new hostname) cannot be
// asked whether it lives, so every owner touches the file's mtime as a heartbeat, and a foreign lock
// whose heartbeat stopped counts as stale.

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  /** What holds it: a serving simulator, or a CLI command that opened the directory itself. */
  readonly role: 'server' | 'command';
}

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Thrown when another live process owns the data directory; names it. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`${dataDir} is in use by ${describeHolder(holder)}`);
  }
}

export const exclusiveLockPath = (dataDir: string) => join(dataDir, 'lock');

const RETRY_MS = 25;
const HEARTBEAT_MS = 10_000;
/** A lock from another host untouched for this long belongs to an owner that stopped beating. */
const FOREIGN_STALE_MS = 60_000;
/** How long a lock file may stay unreadable (created, not yet written, by a fallback writer) before it counts as stale. */
const UNREADABLE_GRACE_MS = 1000;

// Lock files this process holds, by path, with the exact text written: released on exit, and how a
// lock naming this very pid is told apart from a stale one left by an earlier process with the same
// pid (a restarted container's pid 1).
const held = new Map<string, string>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const [path, text] of held) {
      try {
        if (readFileSync(path, 'utf8') === text) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    }
  });
}

export function describeHolder(holder: LockHolder, url?: string): string {
  const what = holder.role === 'server' ? 'a simulator' : 'a dana-sim command';
  const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
  const serving = url ? `, serving at ${url}` : '';
  return `${what} (pid ${holder.pid}${where}, started ${holder.startedAt}${serving})`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(holder: LockHolder, path: string, touchedMs: number): boolean {
  // Another host's process cannot be asked: it lives as long as its heartbeat does.
  if (holder.host !== hostname()) return Date.now() - touchedMs < FOREIGN_STALE_MS;
  if (holder.pid === process.pid) return held.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `path` holding `text` only if it does not exist; false when it does. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Filesystems without hard links: O_EXCL, then the content (readers wait out the empty moment).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    let handle;
    try {
      handle = await open(path, 'wx');
    } catch (exclusive) {
      if ((exclusive as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw exclusive;
    }
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

type Read =
  | { readonly kind: 'gone' }
  | { readonly kind: 'unreadable'; readonly text: string }
  | { readonly kind: 'held'; readonly text: string; readonly holder: LockHolder; readonly touchedMs: number };

async function readHolder(path: string): Promise<Read> {
  let text: string;
  let touchedMs: number;
  try {
    touchedMs = (await stat(path)).mtimeMs;
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string') return { kind: 'held', text, holder, touchedMs };
  } catch {
    // Falls through: unreadable.
  }
  return { kind: 'unreadable', text };
}

/** Removes the stale lock whose text is `staleText`, unless someone else is already doing so. */
async function takeOver(path: string, staleText: string, mine: string): Promise<void> {
  const mutex = `${path}.takeover`;
  if (!(await createExclusive(mutex, mine))) {
    const other = await readHolder(mutex);
    // A taker that died inside this short step leaves the mutex behind: it is stale too.
    if (other.kind === 'held' && !isAlive(other.holder, mutex, other.touchedMs)) await unlink(mutex).catch(() => {});
    await sleep(RETRY_MS);
    return;
  }
  held.set(mutex, mine);
  try {
    // Still the same stale lock? Another taker may have replaced it with a live one meanwhile.
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === staleText) await unlink(path).catch(() => {});
  } finally {
    held.delete(mutex);
    await unlink(mutex).catch(() => {});
  }
}

export interface AcquireOptions {
  /** How long to wait for a live CLI command holding the lock (they are short) before refusing. */
  readonly waitForCommandMs?: number;
}

/** Takes the data directory for this process, or throws DataDirBusyError naming the live owner. */
export async function acquireDataDir(dataDir: string, role: LockHolder['role'], options: AcquireOptions = {}): Promise<DataDirLock> {
  const path = exclusiveLockPath(dataDir);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), role } satisfies LockHolder);
  const started = Date.now();
  let unreadableSince: number | undefined;
  for (;;) {
    if (await createExclusive(path, mine)) break;
    const current = await readHolder(path);
    if (current.kind === 'gone') continue;
    if (current.kind === 'unreadable') {
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince < UNREADABLE_GRACE_MS) {
        await sleep(RETRY_MS);
        continue;
      }
      await takeOver(path, current.text, mine);
      continue;
    }
    unreadableSince = undefined;
    if (!isAlive(current.holder, path, current.touchedMs)) {
      await takeOver(path, current.text, mine);
      continue;
    }
    if (current.holder.role === 'command' && Date.now() - started < (options.waitForCommandMs ?? 0)) {
      await sleep(RETRY_MS * 4);
      continue;
    }
    throw new DataDirBusyError(dataDir, current.holder);
  }
  held.set(path, mine);
  hookExit();
  const heartbeat = setInterval(() => void utimes(path, new Date(), new Date()).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      held.delete(path);
      // Only our own lock: never remove one a later owner took over.
      const now = await readFile(path, 'utf8').catch(() => undefined);
      if (now === mine) await unlink(path).catch(() => {});
    },
  };
}
