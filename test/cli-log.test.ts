import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../simulator/adapters/server.ts';
import { snapRequest } from '../simulator/signature/client.ts';
import { readCredentials, type Credentials } from './cli-helpers.ts';
import { idr, topUpBody } from './helpers.ts';
import { runCli as cli } from './run-cli.ts';
import { listeningUrl } from './spawned.ts';

// `dana-sim log` as a user reads it: filters, --details, WIB times, and --follow across a real
// restart of a spawned simulator.

const BIN = resolve('scenarios/bin/dana-sim.mjs');
const WIB_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d WIB/;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dana-sim-log-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Signs a top up with the merchant's credentials file and posts it; returns the signature it sent. */
async function topUp(url: string, env: Credentials, partnerReferenceNo: string, value = '10000.00'): Promise<string> {
  const credentials = { partnerId: env.X_PARTNER_ID, privateKey: env.PRIVATE_KEY };
  const request = snapRequest({
    path: '/v1.0/emoney/topup.htm',
    credentials,
    body: topUpBody({ partnerReferenceNo, amount: idr(value), feeAmount: idr('0.00') }),
  });
  const response = await fetch(url + request.path, { method: 'POST', headers: request.headers, body: request.body });
  await response.text();
  return request.headers['x-signature'];
}

async function running() {
  const dir = await tempDir();
  const server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
  cleanup.push(() => server.stop());
  return { dir, url: server.url, env: await readCredentials(join(dir, 'merchant.env')) };
}

describe('dana-sim log', () => {
  it('prints one line per request with its time in WIB, partner and reference', async () => {
    const { dir, url, env } = await running();
    await topUp(url, env, 'line-ref-1');
    const ran = await cli('log', '--data', dir);
    expect(ran.code).toBe(0);
    const [line] = ran.stdout.split('\n');
    expect(line).toMatch(new RegExp(`^${WIB_TIME.source}\\s+200 2003800\\s+transferToDana\\s+no rule\\s+ledger changed\\s+\\d+ ms`));
    expect(line).toContain(`partner ${env.X_PARTNER_ID}`);
    expect(line).toContain('ref line-ref-1');
  });

  it('--details shows headers and bodies redacted, rule, references, postings and elapsed time', async () => {
    const { dir, url, env } = await running();
    const signature = await topUp(url, env, 'details-ref-1', '12345.00');
    const ran = await cli('log', '--details', '--data', dir);
    expect(ran.code).toBe(0);
    const out = ran.stdout;
    expect(out).toMatch(new RegExp(`^#1  ${WIB_TIME.source}  POST /v1.0/emoney/topup.htm  \\(transferToDana\\)$`, 'm'));
    expect(out).toMatch(/^ {2}reply {7}HTTP 200, 2003800$/m);
    expect(out).toMatch(/^ {2}rule {8}none$/m);
    expect(out).toMatch(/^ {2}references {2}.*partnerReferenceNo=details-ref-1/m);
    expect(out).toMatch(/^ {2}postings {4}.*\+12345\.00/m);
    expect(out).toMatch(/^ {2}postings {4}.*-12345\.00/m);
    expect(out).toMatch(/^ {2}elapsed {5}\d+ ms$/m);
    expect(out).toContain('  request headers\n');
    expect(out).toMatch(/^ {4}x-signature: \*\*\*$/m);
    expect(out).toMatch(new RegExp(`^ {4}x-partner-id: ${env.X_PARTNER_ID}$`, 'm'));
    expect(out).toMatch(/^ {2}request body\n {4}\{\n {6}"partnerReferenceNo": "details-ref-1",/m);
    expect(out).toMatch(/^ {2}reply body\n {4}\{\n {6}"responseCode": "2003800",/m);
    expect(out).not.toContain(signature);
    expect(out).not.toContain(env.CLIENT_SECRET);
  });

  it('--endpoint, --code, --partner and --reference each narrow what is printed', async () => {
    const { dir, url, env } = await running();
    await topUp(url, env, 'filter-ref-1');
    await topUp(url, env, 'filter-ref-2', '1');
    await fetch(`${url}/v1.0/nowhere.htm`, { method: 'POST', body: '{}' });
    const lines = async (...flags: string[]) => {
      const ran = await cli('log', '--data', dir, ...flags);
      expect(ran.code).toBe(0);
      return ran.stdout === '' ? [] : ran.stdout.split('\n');
    };
    expect(await lines()).toHaveLength(3);
    expect(await lines('--endpoint', 'transferToDana')).toHaveLength(2);
    const byReference = await lines('--reference', 'filter-ref-2');
    expect(byReference).toHaveLength(1);
    const refusedCode = /\s(\d{7})\s/.exec(byReference[0])![1];
    expect(refusedCode).not.toBe('2003800');
    expect((await lines('--code', refusedCode)).map((line) => line.includes('ref filter-ref-2'))).toEqual([true]);
    expect(await lines('--code', '2003800')).toHaveLength(1);
    expect((await lines('--partner', env.X_PARTNER_ID)).every((line) => line.includes('transferToDana'))).toBe(true);
    expect(await lines('--partner', env.X_PARTNER_ID)).toHaveLength(2);
    expect(await lines('--partner', 'someone-else')).toEqual([]);
    const json = await cli('log', '--data', dir, '--json', '--reference', 'filter-ref-1');
    expect(JSON.parse(json.stdout)).toMatchObject({ seq: 1, references: { partnerReferenceNo: 'filter-ref-1' } });
  });

  it('exits 2 with the reason on an empty filter', async () => {
    const { dir } = await running();
    const ran = await cli('log', '--data', dir, '--partner', '');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('partner must not be empty');
  });
});

/** Collects a child's output and resolves when `text` appears in the chosen stream. */
function watch(child: ChildProcess) {
  const seen = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (seen.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (seen.stderr += chunk.toString()));
  const until = (stream: 'stdout' | 'stderr', text: string) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (seen[stream].includes(text)) {
          clearInterval(timer);
          done();
        }
      };
      const timer = setInterval(check, 50);
      child.once('exit', (code) => {
        clearInterval(timer);
        if (!seen[stream].includes(text)) fail(new Error(`exited ${code} before "${text}": ${JSON.stringify(seen)}`));
      });
      check();
    });
  return { seen, until };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function startServer(dir: string) {
  const server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => stop(server));
  const url = await listeningUrl(server, (output) => output.includes('stop with'));
  return { server, url };
}

describe('dana-sim log --follow', () => {
  it(
    'waits while the simulator is down and follows the restarted one from its first entry, skipping and repeating nothing',
    { timeout: 60_000 },
    async () => {
      const dir = await tempDir();
      const first = await startServer(dir);
      const env = await readCredentials(join(dir, 'merchant.env'));
      await topUp(first.url, env, 'follow-before');

      const follower = spawn(process.execPath, [BIN, 'log', '--follow', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      cleanup.push(() => stop(follower));
      const { seen, until } = watch(follower);
      await until('stdout', 'ref follow-before');

      await stop(first.server);
      await until('stderr', 'waiting for the simulator');
      const second = await startServer(dir);
      expect(second.url).not.toBe('');
      await topUp(second.url, env, 'follow-after-1');
      await topUp(second.url, env, 'follow-after-2');
      await until('stdout', 'ref follow-after-2');

      const references = seen.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => / ref (\S+)/.exec(line)?.[1]);
      expect(references).toEqual(['follow-before', 'follow-after-1', 'follow-after-2']);
      expect(seen.stdout).toMatch(WIB_TIME);
      expect(seen.stderr.match(/waiting for the simulator/g)).toHaveLength(1);
      await stop(follower);
      await stop(second.server);
    },
  );
});
