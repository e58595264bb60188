import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvFile } from '../../scenarios/targets/http.ts';
import { runUat } from '../../scenarios/uat.ts';
import { toPrivateKey, toPublicKey, publicKeyPem } from '../../simulator/signature/keys.ts';
import { measureHistory, type HistoryLevel } from './history.ts';
import { runInProcess, type InProcessResult } from './in-process.ts';
import { signedBalanceChecks, signedTopUps, type Merchant } from './load.ts';
import { printReport } from './report.ts';
import { rssMb, startDanaSim, startExpressBaseline, startPrism, type Running } from './servers.ts';
import { closedLoop, freshRequests, pacedRounds, type Contender, type WindowResult } from './windows.ts';

// `npm run bench`: dana-sim against express+verify and Prism on loopback, in one run. Prints the rows,
// the targets with a verdict each, and writes bench-results.json. Not part of `npm test`.
//
// The machine is shared, so no figure comes from one stretch of time: every server is started once and
// kept warm, and each round runs one short window per server back to back (see interleave.ts). Ratios
// are taken per round and printed as median (min-max); a target whose goal lies inside [min, max] is
// reported as "spread too wide" rather than met or not met (see verdict.ts).
//
// Knobs (environment variables):
//   BENCH_ROUNDS=5        rounds of interleaved windows per figure (each gives one ratio)
//   BENCH_SECONDS=2       length of one window, in seconds
//   BENCH_POOL=16000      most pre-signed requests per dana-sim window (each window gets fresh ones)
//   BENCH_SIM_NODE_ARGS   flags for the simulator's node, e.g. `--cpu-prof --cpu-prof-dir=prof`
//   BENCH_MILLION=1       0 skips the 1,000,000-transaction level (its seed takes ~100 s, 1.3 GB of disk)
//   BENCH_RESTARTS=3      restarts per start-up figure (empty, 100,000, 1,000,000 stored)
//   BENCH_SDK_CALLS=200   dana-node calls per block in the in-process row (BENCH_ROUNDS blocks each side)
//   BENCH_MAX_SPREAD=0.25 widest (max - min) / median of a figure's windows not marked "noisy"

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const MILLION = process.env.BENCH_MILLION !== '0';
const SDK_CALLS = Number(process.env.BENCH_SDK_CALLS ?? 200);
/** The baselines keep no state, so they cycle one pool; signing is what makes the bench slow. */
const BASELINE_POOL = 4_000;
/** Below saturation: 50 connections sharing this many requests per second, steadily paced. */
const PACED_RATE = 500;
const CONNECTIONS = [1, 10, 50];
const PRISM_CACHE = join(tmpdir(), 'dana-sim-bench-prism');

export interface BenchData {
  readonly rounds: number;
  readonly seconds: number;
  readonly pacedRate: number;
  /** Closed-loop windows by connection count, then by target name. */
  readonly closed: Record<number, Record<string, WindowResult[]>>;
  /** The same for the Open API balance check (queryMerchantResource), dana-sim and express+verify only. */
  readonly balance: Record<number, Record<string, WindowResult[]>>;
  readonly paced: Record<string, WindowResult[]>;
  readonly startMs: number[];
  readonly idleRssMb: number;
  readonly rssAfterLoadMb: number;
  readonly topUpsServed: number;
  readonly history: HistoryLevel[];
  /** Per-round express+verify windows run beside the history levels. */
  readonly historyBaseline: WindowResult[];
  readonly millionSkipped?: string;
  readonly inProcess: InProcessResult;
  readonly uat: { readonly wallMs: number; readonly passed: number; readonly mandatory: number };
}

async function merchantOf(dataDir: string): Promise<Merchant> {
  const env = parseEnvFile(await readFile(join(dataDir, 'merchant.env'), 'utf8'));
  return {
    partnerId: env.X_PARTNER_ID,
    privateKey: toPrivateKey(env.PRIVATE_KEY),
    clientSecret: env.CLIENT_SECRET,
    merchantId: env.MERCHANT_ID,
  };
}

async function main() {
  const dirs: string[] = [];
  const temp = async (name: string) => {
    const dir = await mkdtemp(join(tmpdir(), `dana-sim-bench-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const servers: Running[] = [];
  const benchStart = performance.now();
  try {
    console.error(
      `bench: ${cpus().length} cores, Node ${process.version}, ${ROUNDS} interleaved rounds of ${SECONDS} s windows per figure`,
    );
    // dana-sim: a first start provisions the directory; the measured starts are restarts of it.
    const dataDir = await temp('sim');
    await (await startDanaSim(dataDir)).stop();
    const startMs: number[] = [];
    let sim: Running | undefined;
    for (let i = 0; i < RESTARTS; i++) {
      await sim?.stop();
      sim = await startDanaSim(dataDir);
      startMs.push(Math.round(sim.startMs));
    }
    servers.push(sim!);
    const idleRssMb = Math.round(rssMb(sim!.pid));
    const merchant = await merchantOf(dataDir);

    const baseline = await startExpressBaseline(publicKeyPem(toPublicKey(merchant.privateKey)));
    servers.push(baseline);
    const prism = await startPrism(PRISM_CACHE, 4000 + Math.floor(Math.random() * 1000));
    servers.push(prism);
    // The same simulator with fsync before every reply (power-loss safe): what that durability costs.
    const alwaysDir = await temp('sim-fsync-always');
    await (await startDanaSim(alwaysDir, ['--fsync', 'always'])).stop();
    const always = await startDanaSim(alwaysDir, ['--fsync', 'always']);
    servers.push(always);
    const alwaysMerchant = await merchantOf(alwaysDir);
    const baselinePool = signedTopUps(merchant, BASELINE_POOL);
    const danaSim: Contender = {
      name: 'dana-sim',
      url: sim!.url,
      pid: sim!.pid,
      ...freshRequests((count) => signedTopUps(merchant, count)),
    };
    const express: Contender = { name: 'express+verify', url: baseline.url, pid: baseline.pid, cycles: true, requests: () => baselinePool };
    const prismTarget: Contender = { name: 'prism', url: prism.url, pid: prism.pid, cycles: true, requests: () => baselinePool };
    const danaSimAlways: Contender = {
      name: 'dana-sim --fsync always',
      url: always.url,
      pid: always.pid,
      ...freshRequests((count) => signedTopUps(alwaysMerchant, count)),
    };

    const closed: BenchData['closed'] = {};
    for (const connections of CONNECTIONS) {
      closed[connections] = await closedLoop([danaSim, express, prismTarget, danaSimAlways], connections, ROUNDS, SECONDS);
      const rates = Object.entries(closed[connections]).map(([name, w]) => `${name} ${w.map((x) => x.requestsPerSecond).join('/')}`);
      console.error(`  c=${connections} req/s per window: ${rates.join('; ')}`);
    }
    // Balance checks read state only; fresh requests all the same, as each carries its own reqMsgId.
    const balancePool = signedBalanceChecks(merchant, BASELINE_POOL);
    const balanceTargets: Contender[] = [
      { ...danaSim, ...freshRequests((count) => signedBalanceChecks(merchant, count)) },
      { ...express, requests: () => balancePool },
    ];
    const balance: BenchData['balance'] = {};
    for (const connections of CONNECTIONS)
      balance[connections] = await closedLoop(balanceTargets, connections, ROUNDS, SECONDS, 'queryMerchantResource');
    const paced = await pacedRounds([danaSim, express], 50, PACED_RATE, ROUNDS, SECONDS);
    console.error(`  @${PACED_RATE}/s p99 per window: dana-sim ${paced['dana-sim'].map((w) => w.p99Ms).join('/')}`);
    const rssAfterLoadMb = Math.round(rssMb(sim!.pid));
    // Warm-up windows are not counted, so this is a lower bound.
    const topUpsServed = [...Object.values(closed).map((byName) => byName['dana-sim']), paced['dana-sim']]
      .flat()
      .reduce((sum, w) => sum + w.completed, 0);
    await prism.stop();
    await always.stop();
    await sim!.stop();

    // History levels, with express+verify still warm beside them so their rows have a same-run ratio.
    const levels = MILLION ? [0, 100_000, 1_000_000] : [0, 100_000];
    const history = await measureHistory({
      levels,
      restarts: RESTARTS,
      rounds: ROUNDS,
      seconds: SECONDS,
      temp,
      merchantOf,
      servers,
      baseline: express,
    });
    await baseline.stop();

    console.error('  in-process: dana-node through msw, simulator vs canned handler');
    const inProcess = runInProcess(ROUNDS, SDK_CALLS);

    // The mandated UAT disbursement set through the runner, in-process.
    const uatStart = performance.now();
    const devNull = { write: () => true } as unknown as NodeJS.WritableStream;
    const { run } = await runUat({ product: 'disbursement', only: undefined, out: devNull });
    const mandatory = run.cases.filter((c) => c.mandatory);
    const uat = {
      wallMs: Math.round(performance.now() - uatStart),
      passed: mandatory.filter((c) => c.status === 'passed').length,
      mandatory: mandatory.length,
    };

    await printReport(
      {
        rounds: ROUNDS,
        seconds: SECONDS,
        pacedRate: PACED_RATE,
        closed,
        balance,
        paced,
        startMs,
        idleRssMb,
        rssAfterLoadMb,
        topUpsServed,
        history: history.levels,
        historyBaseline: history.baseline,
        ...(MILLION ? {} : { millionSkipped: 'BENCH_MILLION=0; its seed takes ~100 s and 1.3 GB of disk' }),
        inProcess,
        uat,
      },
      { cores: cpus().length, node: process.version, wallSeconds: Math.round((performance.now() - benchStart) / 1000) },
    );
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

await main();
