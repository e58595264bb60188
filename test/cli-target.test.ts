import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli as cli } from './run-cli.ts';
import { DEFAULT_URL, locate } from '../simulator/adapters/control-client.ts';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';

// Which simulator a dana-sim command talks to (issue 13): --url, an explicit --data, DANA_SIM_URL,
// the server record in .dana-sim, the default port, then .dana-sim itself; never a new data
// directory. Every command names its simulator on stderr, except with --json. The default port is
// never really used here: fetch calls to it are routed to a test server or to a closed port, so the
// tests do not depend on what else runs on the machine.

const cleanup: Array<() => Promise<void>> = [];
const startDir = process.cwd();
let workDir: string;

beforeEach(async () => {
  // An app's folder with no .dana-sim, and no DANA_SIM_URL from the machine running the tests.
  workDir = await mkdtemp(join(tmpdir(), 'dana-sim-target-'));
  process.chdir(workDir);
  vi.stubEnv('DANA_SIM_URL', '');
});

afterEach(async () => {
  process.chdir(startDir);
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  while (cleanup.length) await cleanup.pop()!();
  await rm(workDir, { recursive: true, force: true });
});

async function running(): Promise<{ dir: string; server: RunningServer }> {
  const dir = await mkdtemp(join(tmpdir(), 'dana-sim-target-run-'));
  const server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
  cleanup.push(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir, server };
}

/** A loopback URL nothing listens on. */
async function closedUrl(): Promise<string> {
  const socket = createServer();
  await new Promise<void>((done) => socket.listen(0, '127.0.0.1', done));
  const { port } = socket.address() as { port: number };
  await new Promise((done) => socket.close(done));
  return `http://127.0.0.1:${port}`;
}

/** Sends what the CLI sends to the default port (127.0.0.1:8787) to `to` instead. */
function routeDefaultPort(to: string): void {
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.origin === DEFAULT_URL ? realFetch(new URL(`${url.pathname}${url.search}`, to), init) : realFetch(input, init);
  });
}

describe('dana-sim commands find the running simulator', () => {
  it('uses DANA_SIM_URL and says so on stderr; --json keeps stderr quiet and stdout pure JSON', async () => {
    const { server } = await running();
    vi.stubEnv('DANA_SIM_URL', server.url);
    const topped = await cli('balance', 'topup', '--amount', '5.00');
    expect(topped.code).toBe(0);
    expect(topped.stderr).toBe(`dana-sim: simulator at ${server.url} (from DANA_SIM_URL)`);
    const shown = await cli('balance', '--json');
    expect(shown.stderr).toBe('');
    expect(JSON.parse(shown.stdout).deposit).toBe('100000005.00');
    expect(existsSync(join(workDir, '.dana-sim'))).toBe(false);
  });

  it('prefers --url, then an explicit --data, over DANA_SIM_URL', async () => {
    const { dir, server } = await running();
    vi.stubEnv('DANA_SIM_URL', await closedUrl());
    const byUrl = await cli('merchant', 'list', '--url', server.url);
    expect(byUrl.code).toBe(0);
    expect(byUrl.stderr).toBe(`dana-sim: simulator at ${server.url} (from --url)`);
    const byRecord = await cli('merchant', 'list', '--data', dir);
    expect(byRecord.stderr).toBe(`dana-sim: simulator at ${server.url} (from server record ${join(dir, 'server.json')})`);
    const idle = await mkdtemp(join(tmpdir(), 'dana-sim-target-idle-'));
    cleanup.push(() => rm(idle, { recursive: true, force: true }));
    const opened = await cli('reset', '--data', idle);
    expect(opened.code).toBe(0);
    expect(opened.stderr).toBe(`dana-sim: data directory ${idle} (from --data; no simulator serves it, opened directly)`);
  });

  it('fails clearly when DANA_SIM_URL names a simulator that does not answer', async () => {
    const dead = await closedUrl();
    vi.stubEnv('DANA_SIM_URL', dead);
    const result = await cli('balance');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`no answer from the simulator at ${dead} \\(from DANA_SIM_URL\\): ECONNREFUSED`));
  });

  it('finds a simulator on the default port before opening .dana-sim in the current folder', async () => {
    const { server } = await running();
    routeDefaultPort(server.url);
    await mkdir(join(workDir, '.dana-sim'));
    const result = await cli('balance', 'topup', '--amount', '7.00');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`dana-sim: simulator at ${DEFAULT_URL} (from default port)`);
    expect((await (await fetch(`${server.url}/__sim/balance`)).json()).deposit).toBe('100000007.00');
  });

  it('opens .dana-sim in the current folder when it exists and nothing else answers', async () => {
    routeDefaultPort(await closedUrl());
    await mkdir(join(workDir, '.dana-sim'));
    const result = await cli('balance');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `dana-sim: data directory ${join(workDir, '.dana-sim')} (from default data directory; no simulator serves it, opened directly)`,
    );
  });

  it('never creates .dana-sim: with no simulator anywhere it names everything it tried', async () => {
    routeDefaultPort(await closedUrl());
    const result = await cli('balance');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no simulator found. Tried DANA_SIM_URL (not set)');
    expect(result.stderr).toContain(`a server record in ${join(workDir, '.dana-sim')} (none)`);
    expect(result.stderr).toContain(`${DEFAULT_URL}/__sim/health (no answer)`);
    expect(result.stderr).toContain('Start one with `dana-sim start`');
    expect(existsSync(join(workDir, '.dana-sim'))).toBe(false);
    const missing = await cli('balance', '--data', join(workDir, 'typo'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`the data directory ${join(workDir, 'typo')} (does not exist)`);
    expect(missing.stderr).not.toContain('DANA_SIM_URL (not set)');
    expect(existsSync(join(workDir, 'typo'))).toBe(false);
  });

  it('takes a simulator that demands a control token as found, and ignores a port that answers something else', async () => {
    const guarded = await mkdtemp(join(tmpdir(), 'dana-sim-target-token-'));
    const server = await serve({ dataDir: guarded, host: '127.0.0.1', port: 0, fsync: false, background: false, controlToken: 't0ken' });
    cleanup.push(async () => {
      await server.stop();
      await rm(guarded, { recursive: true, force: true });
    });
    expect(await locate({ defaultUrl: server.url })).toEqual({ kind: 'remote', url: server.url, source: 'default port' });
    // Something else on the port: answers 200, but not as a simulator.
    const other = createHttpServer((_, response) => response.setHeader('content-type', 'application/json').end('{}'));
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    cleanup.push(
      () =>
        new Promise((done) => {
          other.close(() => done());
          other.closeAllConnections();
        }),
    );
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    await expect(locate({ defaultUrl: otherUrl })).rejects.toThrow(`${otherUrl}/__sim/health (no answer)`);
  });
});
