import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listeningUrl } from '../spawned.ts';

// Issue 14 item 7: Node 20 owns --env-file and reads it anywhere on its command line, even after the
// script: naming a file that does not exist yet kills node (exit 9) before dana-sim runs. So `start`
// names its credentials file with --credentials-file; the old --env-file works when the file exists.

const BIN = resolve('scenarios/bin/dana-sim.mjs');
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function startWith(flag: string, existing = false): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dana-sim-credfile-'));
  dirs.push(dir);
  const file = join(dir, 'my-credentials.env');
  if (existing) await writeFile(file, '');
  const server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', join(dir, 'data'), flag, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => server.once('exit', done));
  try {
    const url = await listeningUrl(server, (output) => output.includes('stop with'));
    const written = await readFile(file, 'utf8');
    expect(written).toContain(`DANA_SIM_URL="${url}"`);
    return written;
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

describe('dana-sim start credentials file', () => {
  it('writes it where --credentials-file says (a new file), and where the old --env-file says (an existing one)', async () => {
    expect(await startWith('--credentials-file')).toMatch(/^CLIENT_SECRET=".+"$/m);
    expect(await startWith('--env-file', true)).toMatch(/^PRIVATE_KEY=".+"$/m);
  }, 60_000);
});
