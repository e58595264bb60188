import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// One simulator per data directory (issue 14): real `dana-sim start` processes racing for one
// directory, a stale lock left by a killed process, and starts that fail before listening.

const BIN = resolve('scenarios/bin/dana-sim.mjs');
let root: string;
const children: ChildProcess[] = [];

type Outcome =
  { readonly kind: 'serving'; readonly url: string } | { readonly kind: 'exited'; readonly code: number | null; readonly stderr: string };

/** Starts `dana-sim start`; resolves once it serves or once it has exited. */
function start(dataDir: string, ...extra: string[]): { child: ChildProcess; outcome: Promise<Outcome> } {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const outcome = new Promise<Outcome>((settle) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('stop with')) settle({ kind: 'serving', url: match[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => settle({ kind: 'exited', code, stderr }));
  });
  return { child, outcome };
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  child.kill('SIGTERM');
  return exited;
}

/** A pid that certainly belongs to no live process: one that has just exited. */
function deadPid(): number {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(gone.stdout);
}

async function newDataDir(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dana-sim-exclusive-'));
});

afterAll(async () => {
  await Promise.all(children.map((child) => stop(child)));
  await rm(root, { recursive: true, force: true });
});

describe('one simulator per data directory', () => {
  it('of two starts at the same moment exactly one serves; the other exits non-zero naming it; after it stops a new start works', async () => {
    const dataDir = await newDataDir('race');
    const racers = [start(dataDir), start(dataDir)];
    const outcomes = await Promise.all(racers.map((racer) => racer.outcome));
    const serving = outcomes.filter((outcome) => outcome.kind === 'serving');
    expect(serving).toHaveLength(1);
    const winner = racers[outcomes.findIndex((outcome) => outcome.kind === 'serving')].child;
    const loser = outcomes.find((outcome) => outcome.kind === 'exited') as Extract<Outcome, { kind: 'exited' }>;
    expect(loser.code).toBe(1);
    expect(loser.stderr).toContain(`${dataDir} is already in use by a simulator (pid ${winner.pid}`);
    expect(loser.stderr).toContain('one simulator per data directory');
    expect(JSON.parse(await readFile(join(dataDir, 'lock'), 'utf8'))).toMatchObject({ pid: winner.pid, role: 'server' });
    // The winner still serves after the loser gave up.
    const { url } = serving[0] as Extract<Outcome, { kind: 'serving' }>;
    expect((await fetch(`${url}/__sim/health`)).status).toBe(200);

    // A start while it serves names its URL too.
    const late = await start(dataDir).outcome;
    expect(late).toMatchObject({ kind: 'exited', code: 1 });
    expect((late as Extract<Outcome, { kind: 'exited' }>).stderr).toContain(`pid ${winner.pid}`);
    expect((late as Extract<Outcome, { kind: 'exited' }>).stderr).toContain(`serving at ${url})`);

    expect(await stop(winner)).toBe(0);
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    const next = start(dataDir);
    expect((await next.outcome).kind).toBe('serving');
    expect(await stop(next.child)).toBe(0);
  });

  it('takes over a stale lock left by a dead process; of three starts racing for it exactly one serves', async () => {
    const dataDir = await newDataDir('stale');
    const dead = deadPid();
    await writeFile(
      join(dataDir, 'lock'),
      JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', role: 'server' }),
    );
    await writeFile(join(dataDir, 'server.json'), JSON.stringify({ pid: dead, url: 'http://127.0.0.1:1' }));
    const racers = [start(dataDir), start(dataDir), start(dataDir)];
    const outcomes = await Promise.all(racers.map((racer) => racer.outcome));
    expect(outcomes.filter((outcome) => outcome.kind === 'serving')).toHaveLength(1);
    const winner = racers[outcomes.findIndex((outcome) => outcome.kind === 'serving')].child;
    for (const outcome of outcomes.filter((each) => each.kind === 'exited'))
      expect((outcome as Extract<Outcome, { kind: 'exited' }>).stderr).toContain(`already in use by a simulator (pid ${winner.pid}`);
    expect(JSON.parse(await readFile(join(dataDir, 'lock'), 'utf8'))).toMatchObject({ pid: winner.pid });
    expect(JSON.parse(await readFile(join(dataDir, 'server.json'), 'utf8'))).toMatchObject({ pid: winner.pid });
    expect(existsSync(join(dataDir, 'lock.takeover'))).toBe(false);
    expect(await stop(winner)).toBe(0);
  });

  it('a CLI command on a directory nothing serves opens it under the lock and releases it', async () => {
    const dataDir = await newDataDir('cli');
    const first = start(dataDir);
    expect((await first.outcome).kind).toBe('serving');
    expect(await stop(first.child)).toBe(0);
    const offline = cli('balance', '--data', dataDir);
    expect(offline.status).toBe(0);
    expect(offline.stderr).toContain('no simulator serves it, opened directly');
    expect(offline.stdout).toMatch(/deposit/);
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);

    // While another live process owns the directory (this test process, standing in for a simulator
    // still loading), the command refuses instead of opening it a second time.
    await writeFile(join(dataDir, 'lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'now', role: 'server' }));
    const refused = cli('balance', '--data', dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${dataDir} is in use by a simulator (pid ${process.pid}, started now); it is still starting`);
    await rm(join(dataDir, 'lock'));
  });
});

describe('a failed start leaves nothing behind', () => {
  it('a bad rule file: exits 1 with the error, no port open, no lock, no server record', async () => {
    const dataDir = await newDataDir('bad-rules');
    const rules = join(root, 'bad-rules.yaml');
    await writeFile(rules, 'rules: [ {\n');
    const failed = await start(dataDir, '--faults', rules).outcome;
    expect(failed).toMatchObject({ kind: 'exited', code: 1 });
    expect((failed as Extract<Outcome, { kind: 'exited' }>).stderr).toMatch(/^dana-sim start: .*indented/m);
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    // Nothing was left that a later start would trip over.
    const next = start(dataDir);
    expect((await next.outcome).kind).toBe('serving');
    expect(await stop(next.child)).toBe(0);
  });

  it('a port already taken, for the simulator or its TLS listener: exits 1 naming the port, no lock, no server record', async () => {
    const occupant = createServer();
    await new Promise<void>((listening) => occupant.listen(0, '127.0.0.1', listening));
    const { port } = occupant.address() as AddressInfo;
    try {
      const attempts = [
        { dir: 'port-taken', flags: ['--port', String(port)], what: 'the simulator' },
        { dir: 'tls-port-taken', flags: ['--tls', '--tls-port', String(port), '--proxy-port', '0'], what: 'HTTPS' },
      ];
      const failures = await Promise.all(
        attempts.map(async ({ dir, flags }) => {
          const dataDir = await newDataDir(dir);
          return { dataDir, failed: await start(dataDir, ...flags).outcome };
        }),
      );
      for (const [index, { dataDir, failed }] of failures.entries()) {
        expect(failed).toMatchObject({ kind: 'exited', code: 1 });
        expect((failed as Extract<Outcome, { kind: 'exited' }>).stderr).toContain(
          `cannot listen for ${attempts[index].what} on port ${port}: the port is in use`,
        );
        expect(existsSync(join(dataDir, 'lock'))).toBe(false);
        expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
      }
    } finally {
      await new Promise((closed) => occupant.close(closed));
    }
  });

  it('a damaged journal: exits 1 naming the file, no lock', async () => {
    const dataDir = await newDataDir('damaged');
    const first = start(dataDir);
    expect((await first.outcome).kind).toBe('serving');
    // A second entry in the same segment: the damaged first one is then not a torn tail.
    expect(cli('clock', 'advance', '1s', '--data', dataDir).status).toBe(0);
    expect(await stop(first.child)).toBe(0);
    const journal = join(dataDir, 'state', 'journal-1.jsonl');
    await writeFile(journal, `{${await readFile(journal, 'utf8')}`);
    const failed = await start(dataDir).outcome;
    expect(failed).toMatchObject({ kind: 'exited', code: 1 });
    expect((failed as Extract<Outcome, { kind: 'exited' }>).stderr).toContain('journal-1.jsonl');
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  });
});
