import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDotenv } from '../simulator/adapters/cli/env-command.ts';
import { snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { topUpBody } from './helpers.ts';
import { listeningUrl } from './spawned.ts';

// `dana-sim start --verbose` as a user runs it: a refused signature prints one block on the server's
// console with the string to sign, the key checked and the likely mistake; a good request prints none.

const BIN = resolve('scenarios/bin/dana-sim.mjs');
let dataDir: string;
let server: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-verbose-'));
  server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', dataDir, '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = await listeningUrl(server, (text) => text.includes('stop with'));
}, 30_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function post(request: SignedRequest) {
  const reply = await fetch(`${url}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
  return { status: reply.status, body: await reply.json() };
}

/** Waits until the console has printed `count` blocks (the server prints after replying). */
async function blocks(count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const found = output.split('\n✗ ').slice(1);
    if (found.length >= count) return found;
    await new Promise((done) => setTimeout(done, 50));
  }
  return output.split('\n✗ ').slice(1);
}

describe('dana-sim start --verbose', () => {
  it('prints a block per failed request, with the signature diagnosis, and none for a good one', async () => {
    expect(output).toContain('verbose        a block per failed request is printed here');
    const env = parseDotenv(await readFile(join(dataDir, 'merchant.env'), 'utf8'));
    const credentials = { partnerId: env.X_PARTNER_ID!, privateKey: env.PRIVATE_KEY! };
    const good = await post(snapRequest({ path: '/rest/v1.0/emoney/topup', body: topUpBody(), credentials }));
    expect(good.status).toBe(200);
    // Signed for the .htm spelling, sent to the /rest one.
    const signed = snapRequest({ path: '/v1.0/emoney/topup.htm', body: topUpBody(), credentials });
    const bad = await post({ ...signed, path: '/rest/v1.0/emoney/topup', headers: { ...signed.headers, 'x-debug-mode': '1' } });
    expect(bad.body.responseMessage).toBe('Unauthorized. Invalid Signature');
    expect(bad.body.additionalInfo.debugMessage).toMatch(/the path \/v1\.0\/emoney\/topup\.htm/);
    const [block, ...more] = await blocks(1);
    expect(more).toEqual([]);
    expect(block).toMatch(/POST \/rest\/v1\.0\/emoney\/topup \(transferToDana\) {2}HTTP 401 4013800 {2}partner /);
    expect(block).toMatch(/string to sign +POST:\/rest\/v1\.0\/emoney\/topup:[0-9a-f]{64}:/);
    expect(block).toMatch(new RegExp(`checked with +partner ${env.X_PARTNER_ID}'s RSA key [0-9a-f]{16}`));
    expect(block).toMatch(/likely mistake +the signature was made over the path \/v1\.0\/emoney\/topup\.htm/);
  });
});
