import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl } from './spawned.ts';

// The dana-sim command as a user runs it: a real process, real flags, real exit codes.

const BIN = resolve('scenarios/bin/dana-sim.mjs');
let dataDir: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `dana-sim start` as a real process and resolves with it and its URL once it serves. */
async function startServer(dir: string, ...extra: string[]) {
  const server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  server.stdout!.on('data', (chunk: Buffer) => (banner += chunk.toString()));
  const url = await listeningUrl(server, (output) => output.includes('stop with'));
  return { server, url, banner };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('dana-sim as a real process', () => {
  it('prints help and exits 0; exits 2 on a bad flag value', () => {
    const top = run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('usage: dana-sim <command> [flags]');
    const bad = run('start', '--port', 'eighty', '--data', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a whole number/);
  });

  it('starts, writes the credentials file, takes CLI commands while running, stops cleanly on SIGTERM and keeps state', async () => {
    const { server, url } = await startServer(dataDir);
    const env = await readFile(join(dataDir, 'merchant.env'), 'utf8');
    for (const name of ['X_PARTNER_ID', 'PRIVATE_KEY', 'ORIGIN', 'MERCHANT_ID', 'CLIENT_SECRET', 'DANA_PUBLIC_KEY', 'DANA_SIM_URL'])
      expect(env).toMatch(new RegExp(`^${name}=".+"$`, 'm'));
    expect(env).toContain(`DANA_SIM_URL="${url}"`);

    const topped = run('balance', 'topup', '--amount', '1000000.00', '--data', dataDir, '--json');
    expect(topped.code).toBe(0);
    expect(JSON.parse(topped.stdout).deposit).toBe('101000000.00');
    const viaApi = await (await fetch(`${url}/__sim/balance`)).json();
    expect(viaApi.deposit).toBe('101000000.00');

    const exited = new Promise<number | null>((done) => server.once('exit', done));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    const offline = run('balance', '--data', dataDir, '--json');
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout).deposit).toBe('101000000.00');
  });

  it('loads rule files given to start with --faults and announces them in the banner', async () => {
    const faultDir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-faults-'));
    const rules = join(faultDir, 'rules.yaml');
    await writeFile(rules, 'rules:\n  - id: from-file\n    endpoint: transferToDana\n    effect: { delayMs: 1 }\n');
    const { server, banner } = await startServer(faultDir, '--faults', rules);
    try {
      expect(banner).toContain(`your rules     1 from ${rules}`);
      expect(run('fault', 'list', '--data', faultDir).stdout).toMatch(
        /^from-file\s+user\s+transferToDana -> \{"kind":"latency","delayMs":1\}/m,
      );
    } finally {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
      await rm(faultDir, { recursive: true, force: true });
    }
  });
});
