import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { signedTopUps, type Merchant } from './load.ts';
import { seedHistory } from './seed.ts';
import { rssMb, startDanaSim, type Running } from './servers.ts';
import { closedLoop, freshRequests, type Contender, type WindowResult } from './windows.ts';

// Stored history: data directories with 0, 100,000 and (unless BENCH_MILLION=0) 1,000,000 top ups
// written through the real handler and ledger, each restarted a few times (restart time, RSS after a
// restart), then all served at once and measured in interleaved windows at 50 connections (with
// express+verify as one more contender), so "N stored vs empty" is a per-round ratio like the others.

export interface HistoryLevel {
  readonly stored: number;
  readonly seedMs: number;
  readonly diskMb: number;
  /** RSS of the seeding process with every top up made: N top ups in one process, no HTTP. */
  readonly seederRssMb: number;
  readonly restartMs: number[];
  /** RSS of the last restart, before any request. */
  readonly rssAfterRestartMb: number;
  readonly windows: WindowResult[];
}

function diskMb(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true }))
    if (typeof name === 'string') bytes += statSync(join(dir, name)).isFile() ? statSync(join(dir, name)).size : 0;
  return Math.round(bytes / 1024 / 1024);
}

export async function measureHistory(options: {
  levels: readonly number[];
  restarts: number;
  rounds: number;
  seconds: number;
  temp: (name: string) => Promise<string>;
  merchantOf: (dir: string) => Promise<Merchant>;
  servers: Running[];
  /** Measured in the same rounds, so each level's row has a same-run ratio to it. */
  baseline: Contender;
}): Promise<{ levels: HistoryLevel[]; baseline: WindowResult[] }> {
  const prepared: (Omit<HistoryLevel, 'windows'> & { server: Running; merchant: Merchant })[] = [];
  for (const stored of options.levels) {
    const dir = await options.temp(`history-${stored}`);
    await (await startDanaSim(dir)).stop();
    const seedStart = performance.now();
    const seeded = stored ? seedHistory(dir, stored) : { rssMb: NaN };
    const seedMs = Math.round(performance.now() - seedStart);
    if (stored) console.error(`  seeded ${stored} top ups through the ledger in ${seedMs} ms, ${diskMb(dir)} MB on disk`);
    const restartMs: number[] = [];
    let server: Running | undefined;
    for (let i = 0; i < options.restarts; i++) {
      await server?.stop();
      server = await startDanaSim(dir);
      restartMs.push(Math.round(server.startMs));
    }
    options.servers.push(server!);
    const rssAfterRestartMb = Math.round(rssMb(server!.pid));
    console.error(`  ${stored} stored: restarts ${restartMs.join(', ')} ms, RSS after restart ${rssAfterRestartMb} MB`);
    prepared.push({
      stored,
      seedMs,
      diskMb: diskMb(dir),
      seederRssMb: seeded.rssMb,
      restartMs,
      rssAfterRestartMb,
      server: server!,
      merchant: await options.merchantOf(dir),
    });
  }
  // Empty first, then the largest: the pair whose ratio is the target stays adjacent in every round.
  const order = [prepared[0], ...prepared.slice(1).reverse()];
  const contenders = order.map((level): Contender => ({
    name: `dana-sim (${level.stored} stored)`,
    url: level.server.url,
    pid: level.server.pid,
    ...freshRequests((count) => signedTopUps(level.merchant, count)),
  }));
  const windows = await closedLoop([...contenders, options.baseline], 50, options.rounds, options.seconds);
  const levels: HistoryLevel[] = [];
  for (const { server, merchant: _merchant, ...level } of prepared) {
    levels.push({ ...level, windows: windows[`dana-sim (${level.stored} stored)`] });
    await server.stop();
  }
  return { levels, baseline: windows[options.baseline.name] };
}
