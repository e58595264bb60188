import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from './control-client.ts';
import { acquireDataDir, DataDirBusyError, describeHolder, exclusiveLockPath } from './data-dir-lock.ts';

// The data directory lock within one process: who counts as alive, what counts as stale, and that a
// release never removes a lock someone else took over.

let dir: string;
const holder = (pid: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', role: 'server', ...extra });
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-dirlock-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('is exclusive within a process too, and free again once released', async () => {
    const lock = await acquireDataDir(dir, 'command');
    expect(JSON.parse(await readFile(exclusiveLockPath(dir), 'utf8'))).toMatchObject({ pid: process.pid, role: 'command' });
    await expect(acquireDataDir(dir, 'server')).rejects.toThrow(`${dir} is in use by a dana-sim command (pid ${process.pid}`);
    await lock.release();
    await lock.release();
    expect(existsSync(exclusiveLockPath(dir))).toBe(false);
    const again = await acquireDataDir(dir, 'server');
    await again.release();
  });

  it('refuses a live holder, naming it; takes over a dead one and one naming this pid that this process does not hold', async () => {
    await writeFile(exclusiveLockPath(dir), holder(process.ppid));
    const busy = await acquireDataDir(dir, 'server').catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(DataDirBusyError);
    expect((busy as DataDirBusyError).holder.pid).toBe(process.ppid);

    for (const stale of [deadPid(), process.pid]) {
      await writeFile(exclusiveLockPath(dir), holder(stale));
      const lock = await acquireDataDir(dir, 'server');
      expect(JSON.parse(await readFile(exclusiveLockPath(dir), 'utf8')).startedAt).not.toBe('2026-01-01T00:00:00.000Z');
      await lock.release();
    }
  });

  it("trusts another host's holder while its heartbeat lasts, and says which host", async () => {
    await writeFile(exclusiveLockPath(dir), holder(deadPid(), { host: 'elsewhere' }));
    await expect(acquireDataDir(dir, 'server')).rejects.toThrow(/on host elsewhere, started/);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await utimes(exclusiveLockPath(dir), twoMinutesAgo, twoMinutesAgo);
    const lock = await acquireDataDir(dir, 'server');
    expect(JSON.parse(await readFile(exclusiveLockPath(dir), 'utf8')).host).toBe(hostname());
    await lock.release();
  });

  it('waits for a CLI command holding the lock, up to a limit', async () => {
    await writeFile(exclusiveLockPath(dir), holder(process.ppid, { role: 'command' }));
    const started = Date.now();
    await expect(acquireDataDir(dir, 'server', { waitForCommandMs: 150 })).rejects.toThrow(/a dana-sim command/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('takes over a lock that stays unreadable, and clears a takeover step left by a dead process', async () => {
    await writeFile(exclusiveLockPath(dir), '');
    await writeFile(`${exclusiveLockPath(dir)}.takeover`, holder(deadPid()));
    const lock = await acquireDataDir(dir, 'server');
    expect(existsSync(`${exclusiveLockPath(dir)}.takeover`)).toBe(false);
    await lock.release();
  });

  it('never releases a lock another owner took over', async () => {
    const lock = await acquireDataDir(dir, 'server');
    await writeFile(exclusiveLockPath(dir), holder(process.ppid));
    await lock.release();
    expect(JSON.parse(await readFile(exclusiveLockPath(dir), 'utf8')).pid).toBe(process.ppid);
  });

  it('describes a serving simulator with its URL', () => {
    const text = describeHolder({ pid: 7, host: hostname(), startedAt: 'then', role: 'server' }, 'http://127.0.0.1:8787');
    expect(text).toBe('a simulator (pid 7, started then, serving at http://127.0.0.1:8787)');
  });
});

describe('a CLI command opening the directory itself', () => {
  it('holds the lock while open and releases it on close', async () => {
    const target = await connect({ dataDir: dir });
    expect(target.running).toBe(false);
    expect(JSON.parse(await readFile(exclusiveLockPath(dir), 'utf8'))).toMatchObject({ pid: process.pid, role: 'command' });
    expect((await target.call('GET', '/health')).status).toBe(200);
    await target.close();
    expect(existsSync(exclusiveLockPath(dir))).toBe(false);
  });

  it('refuses while a simulator is still starting on it (no URL published yet)', async () => {
    await writeFile(exclusiveLockPath(dir), holder(process.ppid));
    await expect(connect({ dataDir: dir })).rejects.toThrow(
      `(pid ${process.ppid}, started 2026-01-01T00:00:00.000Z); it is still starting`,
    );
  });

  it('releases the lock when the directory cannot be loaded', async () => {
    await mkdir(join(dir, 'state'));
    await writeFile(join(dir, 'state', 'journal-1.jsonl'), '{broken\n{"seq":2,"ops":[]}\n');
    await expect(connect({ dataDir: dir })).rejects.toThrow(/journal-1\.jsonl/);
    expect(existsSync(exclusiveLockPath(dir))).toBe(false);
  });
});
