import { appendFile, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serve } from '../../simulator/adapters/server.ts';
import { FileStore } from '../../simulator/storage/file-store.ts';
import { DamagedState } from '../../simulator/storage/state-dir.ts';
import { createTestSimulator, PATHS, testKeys, topUpBody, type TestSimulator } from '../helpers.ts';
import { runCli } from '../run-cli.ts';

// The damage matrix of issue 14 against a real history of acknowledged top ups: every case either
// loads with every acknowledged top up present, or refuses to start naming the file and entry; the
// doctor then recovers exactly a prefix of the history and names every entry it could not recover.

let dataDir: string;
const stateDir = () => join(dataDir, 'state');
const open = (compactEvery = 1000) =>
  createTestSimulator({ store: new FileStore(stateDir(), { fsync: false, compactEvery }), seed: 'damage' });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-damage-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** `runs` restarts of `perRun` acknowledged top ups each (every run writes its own journal segment). */
async function history(runs: number, perRun: number, compactEvery?: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let run = 0; run < runs; run++) {
    const t = await open(compactEvery);
    for (let i = 0; i < perRun; i++) {
      const body = topUpBody();
      const reply = await t.snap(PATHS.topUp, body);
      expect(reply.body.responseCode).toBe('2003800');
      acknowledged.push(body.partnerReferenceNo);
    }
    await t.sim.close();
  }
  return acknowledged;
}

async function found(t: TestSimulator, references: string[]): Promise<boolean[]> {
  const statuses = [];
  for (const reference of references) {
    const reply = await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: reference, serviceCode: '38' });
    statuses.push(reply.body.latestTransactionStatus === '00');
  }
  return statuses;
}

async function refused(): Promise<string> {
  const error = await open().then(
    async (t) => {
      await t.sim.close();
      return undefined;
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DamagedState);
  return (error as Error).message;
}

interface DoctorOutput {
  healthy: boolean;
  recoverableSeq: number;
  unrecovered: { seq?: number; where: string }[];
  repair?: { action: string; backup?: string };
}

/** `dana-sim doctor --data DIR --json [--repair]`, through the CLI. */
async function doctor(repair: boolean): Promise<{ code: number; report: DoctorOutput }> {
  const { code, stdout } = await runCli('doctor', '--data', dataDir, '--json', ...(repair ? ['--repair'] : []));
  return { code, report: JSON.parse(stdout) as DoctorOutput };
}

/** After a lossy repair: the top ups found are exactly a prefix of the history, the rest named lost. */
async function recoveredPrefix(acknowledged: string[]): Promise<number> {
  const before = await doctor(false);
  expect(before.code).toBe(1);
  const repaired = await doctor(true);
  expect(repaired.code).toBe(1);
  expect(repaired.report.repair?.action).toBe('rebuilt');
  const t = await open();
  const present = await found(t, acknowledged);
  await t.sim.close();
  const kept = present.indexOf(false) < 0 ? present.length : present.indexOf(false);
  expect(present.slice(kept).every((p) => !p)).toBe(true);
  // Every lost entry is named: the unrecovered list covers every sequence number after the recovered one.
  const seqs = new Set<number>();
  for (const lost of repaired.report.unrecovered) {
    const range = /entries (\d+)–(\d+)/.exec(lost.where);
    if (range) for (let s = Number(range[1]); s <= Number(range[2]); s++) seqs.add(s);
    else seqs.add(lost.seq!);
  }
  const lostCount = acknowledged.length - kept;
  expect(lostCount).toBeGreaterThan(0);
  expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: seqs.size }, (_, i) => repaired.report.recoverableSeq + 1 + i));
  expect(seqs.size).toBeGreaterThanOrEqual(lostCount);
  expect((await doctor(false)).code).toBe(0);
  return kept;
}

const segments = async () =>
  (await readdir(stateDir()))
    .filter((name) => name.startsWith('journal-'))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));

describe('damage to the stored state', () => {
  it('a torn final entry: loads with every acknowledged top up, nothing to repair', async () => {
    const acknowledged = await history(1, 4);
    await appendFile(join(stateDir(), (await segments()).at(-1)!), '{"seq":99,"ops":[{"op":"put","tab');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = await open();
    warn.mockRestore();
    expect(await found(t, acknowledged)).toEqual([true, true, true, true]);
    await t.sim.close();
    expect((await doctor(false)).report.healthy).toBe(true);
  });

  it('a deleted manifest: refused, then recovered whole from the newest snapshot and the journal', async () => {
    const acknowledged = await history(2, 6, 5);
    expect((await readdir(stateDir())).some((name) => name.startsWith('snapshot-'))).toBe(true);
    await unlink(join(stateDir(), 'manifest.json'));
    expect(await refused()).toContain('manifest.json: is missing, yet the directory holds data');
    const repaired = await doctor(true);
    expect([repaired.code, repaired.report.repair?.action, repaired.report.unrecovered]).toEqual([0, 'rebuilt', []]);
    const t = await open();
    expect((await found(t, acknowledged)).every(Boolean)).toBe(true);
    await t.sim.close();
  });

  it('broken JSON on a line that still ends in a newline: refused naming file and line; repair keeps the prefix', async () => {
    const acknowledged = await history(1, 6);
    const [segment] = await segments();
    const lines = (await readFile(join(stateDir(), segment), 'utf8')).split('\n');
    lines[3] = `${lines[3].slice(0, 50)}}`;
    await writeFile(join(stateDir(), segment), lines.join('\n'));
    expect(await refused()).toMatch(new RegExp(`${segment} line 4: entry 4 has no checksum`));
    expect(await recoveredPrefix(acknowledged)).toBeLessThan(acknowledged.length);
  });

  it('a flipped byte inside an account name: refused by the checksum', async () => {
    const acknowledged = await history(1, 4);
    const [segment] = await segments();
    const text = await readFile(join(stateDir(), segment), 'utf8');
    const at = text.lastIndexOf('"user:') + 7;
    await writeFile(join(stateDir(), segment), `${text.slice(0, at)}9${text.slice(at + 1)}`);
    expect(await refused()).toMatch(/fails its checksum/);
    expect(await recoveredPrefix(acknowledged)).toBe(acknowledged.length - 1);
  });

  it('a deleted middle segment: refused naming the missing entries; repair keeps everything before them', async () => {
    const acknowledged = await history(3, 3);
    const all = await segments();
    expect(all.length).toBeGreaterThanOrEqual(3);
    await unlink(join(stateDir(), all[1]));
    expect(await refused()).toMatch(/entries \d+–\d+ \(\d+\) are missing|entry \d+ is missing/);
    expect(await recoveredPrefix(acknowledged)).toBe(3);
  });

  it('a deleted first segment after the snapshot: refused', async () => {
    await history(3, 4, 3);
    await history(1, 2);
    const manifest = JSON.parse(await readFile(join(stateDir(), 'manifest.json'), 'utf8')) as { seq: number };
    expect(manifest.seq).toBeGreaterThan(0);
    // The first segment holding an entry after the snapshot.
    for (const segment of await segments()) {
      const seqs = (await readFile(join(stateDir(), segment), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { seq: number }).seq);
      if (seqs.some((seq) => seq > manifest.seq)) {
        expect(segment).not.toBe((await segments()).at(-1));
        await unlink(join(stateDir(), segment));
        break;
      }
    }
    expect(await refused()).toMatch(new RegExp(`follows entry ${manifest.seq}: `));
  });

  it('a damaged snapshot row: the server refuses before it listens and leaves no lock or record behind', async () => {
    await history(1, 6, 4);
    const manifest = JSON.parse(await readFile(join(stateDir(), 'manifest.json'), 'utf8')) as { snapshot: string };
    const path = join(stateDir(), manifest.snapshot);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"user:', '"usEr:'));
    const { dana } = testKeys();
    await expect(serve({ dataDir, host: '127.0.0.1', port: 0, danaKeys: dana })).rejects.toThrow(
      new RegExp(`${manifest.snapshot} line \\d+: the checksum does not match`),
    );
    expect((await readdir(dataDir)).filter((name) => name === 'lock' || name === 'server.json')).toEqual([]);
  });
});
