import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import type { Product } from '../simulator/core/product.ts';
import { testKeys } from './helpers.ts';

// Running dana-sims for the UAT runner's HTTP tests: each serves a fresh data directory on an
// ephemeral loopback port, with the fixed test keys; stopServers() ends them and removes the data.

const running: { server: RunningServer; dataDir: string }[] = [];

/** `extensions`: products served besides the built-in ones, e.g. live UAT progress (`dana-sim start` adds it). */
export async function uatServer(seed: string, extensions: readonly Product[] = []): Promise<{ running: RunningServer; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dana-sim-uat-'));
  const { dana, merchant } = testKeys();
  const server = await serve({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    danaKeys: dana,
    merchant: { privateKeyPem: merchant.privateKeyPem },
    seed,
    extensions,
  });
  running.push({ server, dataDir });
  return { running: server, dataDir };
}

export async function stopServers(): Promise<void> {
  for (const { server, dataDir } of running.splice(0)) {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
