import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Which process serves a data directory, and at what URL: written once a server listens, so the CLI
// talks to it instead of opening the directory a second time. Ownership itself is the exclusive
// `<data>/lock` (data-dir-lock.ts), taken before anything is loaded; this record only adds the URL.

export interface ServerLock {
  readonly pid: number;
  readonly url: string;
}

export const lockPath = (dataDir: string) => join(dataDir, 'server.json');

export async function readLock(dataDir: string): Promise<ServerLock | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as ServerLock;
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return undefined;
  }
}
