import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDir } from '../simulator/adapters/data-dir-lock.ts';
import { DamagedLedger } from '../simulator/ledger/verify.ts';
import { FileStore } from '../simulator/storage/file-store.ts';
import { encodeEntry } from '../simulator/storage/journal-line.ts';
import { createTestSimulator, PATHS, topUpBody } from './helpers.ts';
import { runCli } from './run-cli.ts';

// `dana-sim doctor` as a user meets it: the report it prints, the exit code, the lock it respects, and
// the ledger check that stops a start whose intact bytes add up to something impossible.

let dataDir: string;
const stateDir = () => join(dataDir, 'state');
const open = () => createTestSimulator({ store: new FileStore(stateDir(), { fsync: false }), seed: 'doctor' });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-doctor-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** `dana-sim doctor --data DIR [--repair]`, through the CLI. */
async function doctor(options: { repair?: boolean } = {}): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli('doctor', '--data', dataDir, ...(options.repair ? ['--repair'] : []));
  return { code, out: stdout, err: stderr };
}

async function withTopUps(count: number): Promise<void> {
  const t = await open();
  for (let i = 0; i < count; i++) expect((await t.snap(PATHS.topUp, topUpBody())).body.responseCode).toBe('2003800');
  await t.sim.close();
}

describe('dana-sim doctor', () => {
  it('says a healthy directory is healthy, and exits 0', async () => {
    await withTopUps(2);
    const { code, out } = await doctor();
    expect(code).toBe(0);
    expect(out).toContain(`dana-sim doctor: ${stateDir()}`);
    expect(out).toMatch(/snapshot: none \(entry 0\); journal entries after it: 3/);
    expect(out).toContain('files: ok');
    expect(out).toContain('ledger: ok');
  });

  it('cuts a torn final entry with --repair after backing up, losing nothing', async () => {
    await withTopUps(1);
    const segment = (await readdir(stateDir())).find((name) => name.startsWith('journal-'))!;
    const before = await readFile(join(stateDir(), segment), 'utf8');
    await appendFile(join(stateDir(), segment), '{"seq":3,"ops":[');
    const diagnosed = await doctor();
    expect(diagnosed.out).toMatch(new RegExp(`torn final entry at ${segment} byte ${Buffer.byteLength(before)}: never acknowledged`));
    expect(diagnosed.out).toContain('Run again with --repair');
    const repaired = await doctor({ repair: true });
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain('Repaired: cut the torn final entry.');
    expect(await readFile(join(stateDir(), segment), 'utf8')).toBe(before);
    const [backup] = await readdir(join(dataDir, 'backups'));
    expect(await readFile(join(dataDir, 'backups', backup, segment), 'utf8')).toBe(`${before}{"seq":3,"ops":[`);
  });

  it('lists the acknowledged entries it cannot recover, with what they touched', async () => {
    await withTopUps(3);
    const segment = (await readdir(stateDir())).find((name) => name.startsWith('journal-'))!;
    const lines = (await readFile(join(stateDir(), segment), 'utf8')).split('\n');
    await writeFile(join(stateDir(), segment), [lines[0], lines[1], lines[2].replace('"ops"', '"opz"'), lines[3], ''].join('\n'));
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain(`${segment} line 3: entry 3 fails its checksum`);
    expect(out).toContain('recoverable: every entry up to 2');
    expect(out).toMatch(/ {4}3 {2}.*line 3: entry 3 fails its checksum/);
    expect(out).toMatch(/ {4}4 {2}.*line 4: intact, but follows a lost entry \(put postings\/.*put transactions\/.*\)/);
  });

  it('refuses to touch a directory a simulator (or another command) holds, naming the holder', async () => {
    await withTopUps(1);
    const lock = await acquireDataDir(dataDir, 'server');
    try {
      const { code, err } = await doctor({ repair: true });
      expect(code).toBe(1);
      expect(err).toMatch(new RegExp(`dana-sim doctor: ${dataDir} is in use by .*pid ${process.pid}.*; stop it first`));
    } finally {
      await lock.release();
    }
  });

  it('says so when there is no stored state at all', async () => {
    const { code, err } = await doctor();
    expect(code).toBe(1);
    expect(err).toBe(`dana-sim doctor: ${dataDir} holds no stored state (no ${stateDir()})`);
  });

  it('stops a start whose intact entries break the ledger, and will not rebuild over it', async () => {
    await withTopUps(1);
    const segment = (await readdir(stateDir())).find((name) => name.startsWith('journal-'))!;
    const next = (await readFile(join(stateDir(), segment), 'utf8')).trim().split('\n').length + 1;
    const overdraft = {
      id: 'forged',
      at: 0,
      ref: 'forged',
      memo: 'forged',
      entries: [
        { account: 'user:62811742234', amountMinor: -10_000_000_000 },
        { account: 'user:1', amountMinor: 10_000_000_000 },
      ],
    };
    await appendFile(
      join(stateDir(), segment),
      encodeEntry({ seq: next, ops: [{ op: 'put', table: 'postings', key: 'forged', value: overdraft }] }),
    );
    const error = await open().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DamagedLedger);
    expect((error as Error).message).toMatch(/account user:62811742234 is overdrawn \(-\d+\)/);
    const { code, out } = await doctor({ repair: true });
    expect(code).toBe(1);
    expect(out).toContain('Not repaired: the recoverable state breaks the ledger invariants');
    expect(await readdir(dataDir)).not.toContain('backups');
  });
});
