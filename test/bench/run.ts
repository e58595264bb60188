import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvFile } from '../../scenarios/targets/http.ts';
import { runUat } from '../../scenarios/uat.ts';
import { toPrivateKey, toPublicKey, publicKeyPem } from '../../simulator/signature/keys.ts';
import { load, median, paced, signedBalanceChecks, signedTopUps, type LoadResult, type Merchant } from './load.ts';
import { seedHistory } from './seed.ts';
import { rssMb, startDanaSim, startExpressBaseline, startPrism, type Running } from './servers.ts';

// `npm run bench`: dana-sim against two baselines on loopback, in one run, medians of ROUNDS runs.
// Prints a table and the targets, writes bench-results.json. Not part of `npm test`.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Pre-signed requests per dana-sim run: more than it serves in SECONDS, so none repeats (an idempotent replay is cheaper). */
const POOL = Number(process.env.BENCH_POOL ?? 16_000);
/** The baselines keep no state, so a smaller pool may cycle; signing is what makes the bench slow. */
const BASELINE_POOL = 4_000;
/** Below saturation: 50 connections sharing this many requests per second, steadily paced. */
const PACED_RATE = 500;
const CONNECTIONS = [1, 10, 50];
const PRISM_CACHE = join(tmpdir(), 'dana-sim-bench-prism');

interface Row {
  readonly target: string;
  readonly endpoint: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
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

async function measure(
  target: string,
  endpoint: string,
  url: string,
  connections: number,
  pool: () => ReturnType<typeof signedTopUps>,
  options: { paced?: number; cycles?: boolean } = {},
): Promise<Row> {
  const results: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const requests = pool();
    const result = options.paced
      ? await paced(url, requests, connections, options.paced, SECONDS)
      : await load(url, requests, connections, SECONDS);
    if (result.firstFailure) console.error(`  warning: ${result.non2xx} non-2xx replies, the first: ${result.firstFailure}`);
    if (result.sent > requests.length && !options.cycles)
      console.error(`  warning: the pool of ${requests.length} ran out (${result.sent} sent); raise BENCH_POOL`);
    results.push(result);
  }
  const row = {
    target: options.paced ? `${target} @${options.paced}/s` : target,
    endpoint,
    connections,
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
  console.error(
    `  ${target} ${endpoint} c=${connections}: ${row.requestsPerSecond} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms${row.failures ? `, ${row.failures} failures` : ''}`,
  );
  return row;
}

async function main() {
  const dirs: string[] = [];
  const temp = async (name: string) => {
    const dir = await mkdtemp(join(tmpdir(), `dana-sim-bench-${name}-`));
    dirs.push(dir);
    return dir;
  };
  const rows: Row[] = [];
  const facts: Record<string, number> = {};
  const servers: Running[] = [];
  try {
    console.error(`bench: ${cpus().length} cores, Node ${process.version}, median of ${ROUNDS} runs of ${SECONDS} s per figure`);
    // dana-sim: first start (provisioning) then a measured restart on the same data.
    const dataDir = await temp('sim');
    await (await startDanaSim(dataDir)).stop();
    const sim = await startDanaSim(dataDir);
    servers.push(sim);
    facts.startToFirstRequestMs = Math.round(sim.startMs);
    const merchant = await merchantOf(dataDir);
    for (const connections of CONNECTIONS)
      rows.push(await measure('dana-sim', 'transferToDana', sim.url, connections, () => signedTopUps(merchant, POOL)));
    for (const connections of CONNECTIONS)
      rows.push(await measure('dana-sim', 'queryMerchantResource', sim.url, connections, () => signedBalanceChecks(merchant, POOL)));
    // Latency below saturation: 50 connections sharing a fixed 500 requests per second.
    rows.push(
      await measure('dana-sim', 'transferToDana', sim.url, 50, () => signedTopUps(merchant, PACED_RATE * SECONDS + 100), {
        paced: PACED_RATE,
      }),
    );
    facts.rssAfterLoadMb = Math.round(rssMb(sim.pid));
    await sim.stop();

    // The same without fdatasync: what durability costs, most visible at one connection.
    const noSyncDir = await temp('sim-no-fsync');
    await (await startDanaSim(noSyncDir, ['--no-fsync'])).stop();
    const noSync = await startDanaSim(noSyncDir, ['--no-fsync']);
    servers.push(noSync);
    const noSyncMerchant = await merchantOf(noSyncDir);
    for (const connections of CONNECTIONS)
      rows.push(await measure('dana-sim --no-fsync', 'transferToDana', noSync.url, connections, () => signedTopUps(noSyncMerchant, POOL)));
    await noSync.stop();

    const baseline = await startExpressBaseline(publicKeyPem(toPublicKey(merchant.privateKey)));
    servers.push(baseline);
    const baselineTopUps = signedTopUps(merchant, BASELINE_POOL);
    const baselineChecks = signedBalanceChecks(merchant, BASELINE_POOL);
    for (const connections of CONNECTIONS)
      rows.push(await measure('express+verify', 'transferToDana', baseline.url, connections, () => baselineTopUps, { cycles: true }));
    for (const connections of CONNECTIONS)
      rows.push(
        await measure('express+verify', 'queryMerchantResource', baseline.url, connections, () => baselineChecks, { cycles: true }),
      );
    rows.push(
      await measure('express+verify', 'transferToDana', baseline.url, 50, () => baselineTopUps, { paced: PACED_RATE, cycles: true }),
    );
    await baseline.stop();

    const prism = await startPrism(PRISM_CACHE, 4000 + Math.floor(Math.random() * 1000));
    servers.push(prism);
    for (const connections of CONNECTIONS)
      rows.push(await measure('prism', 'transferToDana', prism.url, connections, () => baselineTopUps, { cycles: true }));
    await prism.stop();

    // History growth: throughput at 50 connections with 0, 10,000 and 100,000 stored top ups.
    for (const stored of [0, 10_000, 100_000]) {
      const dir = await temp(`history-${stored}`);
      await (await startDanaSim(dir)).stop();
      const seedStart = performance.now();
      if (stored) seedHistory(dir, stored);
      const seedMs = performance.now() - seedStart;
      const server = await startDanaSim(dir);
      servers.push(server);
      if (stored === 100_000) {
        facts.restartWith100kMs = Math.round(server.startMs);
        facts.rssAt100kMb = Math.round(rssMb(server.pid));
      }
      const historyMerchant = await merchantOf(dir);
      const row = await measure(`dana-sim (${stored} stored)`, 'transferToDana', server.url, 50, () => signedTopUps(historyMerchant, POOL));
      rows.push(row);
      facts[`history${stored}Rps`] = row.requestsPerSecond;
      if (stored) console.error(`  seeded ${stored} top ups through the ledger in ${Math.round(seedMs)} ms`);
      await server.stop();
    }

    // The mandated UAT disbursement set through the runner, in-process.
    const uatStart = performance.now();
    const devNull = { write: () => true } as unknown as NodeJS.WritableStream;
    const { run } = await runUat({ product: 'disbursement', only: undefined, out: devNull });
    const mandatory = run.cases.filter((c) => c.mandatory);
    facts.uatMandatoryWallMs = Math.round(performance.now() - uatStart);
    facts.uatMandatoryPassed = mandatory.filter((c) => c.status === 'passed').length;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }

  const find = (target: string, endpoint: string, connections: number) =>
    rows.find((r) => r.target === target && r.endpoint === endpoint && r.connections === connections)!;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const topUpSim = find('dana-sim', 'transferToDana', 50);
  const checks = [
    [
      'signed top-up throughput vs express+verify (50 conns)',
      ratio(topUpSim.requestsPerSecond, find('express+verify', 'transferToDana', 50).requestsPerSecond),
      '>= 0.70',
    ],
    [
      'signed top-up throughput vs Prism (50 conns)',
      ratio(topUpSim.requestsPerSecond, find('prism', 'transferToDana', 50).requestsPerSecond),
      '>= 1.5',
    ],
    ['top-up p99 at 50 connections, saturated (ms)', topUpSim.p99Ms, '<= 10'],
    [
      `top-up p99 at 50 connections, ${PACED_RATE} req/s paced (ms)`,
      find(`dana-sim @${PACED_RATE}/s`, 'transferToDana', 50).p99Ms,
      '<= 10',
    ],
    ['throughput at 100,000 stored vs empty', ratio(facts.history100000Rps, facts.history0Rps), '>= 0.80'],
    ['start to first request (ms)', facts.startToFirstRequestMs, '<= 300'],
    ['RSS after the load (MB)', facts.rssAfterLoadMb, '<= 150'],
    ['restart with 100,000 transactions (ms)', facts.restartWith100kMs, '<= 1000'],
    ['mandated disbursement UAT set, wall (ms)', facts.uatMandatoryWallMs, '<= 5000'],
    // A figure is only worth something if every request was served as intended.
    ['failed replies across every measured run', rows.reduce((sum, row) => sum + row.failures, 0), '<= 0'],
  ] as const;
  const meets = (value: number, target: string) =>
    target.startsWith('>=') ? value >= Number(target.slice(3)) : value <= Number(target.slice(3));

  const lines = [
    '',
    '| target | endpoint | conns | req/s | p50 ms | p99 ms | vs express+verify | vs Prism |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const peer = (target: string) =>
      rows.find((r) => r.target === target && r.endpoint === row.endpoint && r.connections === row.connections);
    const versus = (base: Row | undefined) =>
      base && !row.target.includes('@') ? ratio(row.requestsPerSecond, base.requestsPerSecond) : '';
    lines.push(
      `| ${row.target} | ${row.endpoint} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${versus(peer('express+verify'))} | ${versus(peer('prism'))} |`,
    );
  }
  lines.push('', '| target | measured | goal | met |', '|---|---|---|---|');
  for (const [name, value, goal] of checks) lines.push(`| ${name} | ${value} | ${goal} | ${meets(value, goal) ? 'yes' : 'NO'} |`);
  lines.push('', `RSS at 100,000 stored: ${facts.rssAt100kMb} MB; mandated UAT cases passed: ${facts.uatMandatoryPassed} of 17`);
  console.log(lines.join('\n'));
  await writeFile(
    'bench-results.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        cores: cpus().length,
        node: process.version,
        rounds: ROUNDS,
        secondsPerRun: SECONDS,
        rows,
        facts,
        checks: checks.map(([name, value, goal]) => ({ name, value, goal, met: meets(value, goal) })),
      },
      null,
      2,
    ),
  );
  console.log('\nwrote bench-results.json');
}

await main();
