import { writeFile } from 'node:fs/promises';
import { ratios, spreadOf } from './interleave.ts';
import type { BenchData } from './run.ts';
import { atLeast, atMost, check, checkTable, formatSpread, skipped, type Check } from './verdict.ts';
import type { WindowResult } from './windows.ts';

// Turns the windows into the printed rows, the targets with their verdicts, and bench-results.json.

interface Row {
  readonly target: string;
  readonly endpoint: string;
  readonly connections: number | string;
  readonly windows: readonly WindowResult[];
  /** Same-round express+verify and Prism windows, for the per-round ratios. */
  readonly express?: readonly WindowResult[];
  readonly prism?: readonly WindowResult[];
}

const rps = (windows: readonly WindowResult[]) => windows.map((w) => w.requestsPerSecond);
const p99 = (windows: readonly WindowResult[]) => windows.map((w) => w.p99Ms);
const cpu = (windows: readonly WindowResult[]) => windows.map((w) => w.cpuUsPerRequest);
const show = (values: readonly number[]) => (values.length ? formatSpread(spreadOf(values), values.length) : '');

function rowsOf(data: BenchData): Row[] {
  const rows: Row[] = [];
  const topUp = 'transferToDana';
  const series = [
    [topUp, data.closed],
    ['queryMerchantResource', data.balance],
  ] as const;
  for (const [endpoint, byConnections] of series)
    for (const [connections, byName] of Object.entries(byConnections))
      for (const target of Object.keys(byName))
        rows.push({
          target,
          endpoint,
          connections: Number(connections),
          windows: byName[target],
          express: byName['express+verify'],
          ...(byName.prism ? { prism: byName.prism } : {}),
        });
  for (const target of Object.keys(data.paced))
    rows.push({
      target: `${target} @${data.pacedRate}/s`,
      endpoint: topUp,
      connections: 50,
      windows: data.paced[target],
      express: data.paced['express+verify'],
    });
  for (const level of data.history)
    rows.push({
      target: `dana-sim (${level.stored} stored)`,
      endpoint: topUp,
      connections: 50,
      windows: level.windows,
      express: data.historyBaseline,
    });
  rows.push({
    target: 'express+verify (beside the stored rows)',
    endpoint: topUp,
    connections: 50,
    windows: data.historyBaseline,
    express: data.historyBaseline,
  });
  return rows;
}

function rowTable(rows: readonly Row[]): string[] {
  const lines = [
    '| target | endpoint | conns | req/s | p50 ms | p99 ms | server CPU us/req | vs express+verify | by CPU | vs Prism |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const paced = row.target.includes('@');
    // Paced rows all serve the same rate; their comparison is the p99 ratio.
    const versusExpress = row.express
      ? paced
        ? ratios(p99(row.windows), p99(row.express))
        : ratios(rps(row.windows), rps(row.express))
      : [];
    const versusPrism = row.prism ? ratios(rps(row.windows), rps(row.prism)) : [];
    const byCpu = row.express ? ratios(cpu(row.express), cpu(row.windows)) : [];
    lines.push(
      `| ${row.target} | ${row.endpoint} | ${row.connections} | ${show(rps(row.windows))} | ${show(row.windows.map((w) => w.p50Ms))} | ${show(p99(row.windows))} | ${show(row.windows.map((w) => w.cpuUsPerRequest))} | ${versusExpress.length ? `${show(versusExpress)}${paced ? ' (p99)' : ''}` : ''} | ${show(byCpu)} | ${show(versusPrism)} |`,
    );
  }
  return lines;
}

function checksOf(data: BenchData): Check[] {
  const closed = (connections: number, target: string) => rps(data.closed[connections][target]);
  const simOverExpress = (connections: number) => ratios(closed(connections, 'dana-sim'), closed(connections, 'express+verify'));
  const level = (stored: number) => data.history.find((l) => l.stored === stored);
  const empty = level(0)!;
  const versusEmpty = (stored: number, name: string) => {
    const l = level(stored);
    if (!l) return skipped(name, 'x', atLeast(0.8), data.millionSkipped ?? 'not measured');
    return check(name, 'x', ratios(rps(l.windows), rps(empty.windows)), atLeast(0.8));
  };
  const withLevel = (
    stored: number,
    name: string,
    unit: string,
    goal: ReturnType<typeof atMost>,
    values: (l: BenchData['history'][number]) => number[],
  ) => {
    const l = level(stored);
    return l ? check(name, unit, values(l), goal) : skipped(name, unit, goal, data.millionSkipped ?? 'not measured');
  };
  const inProcess = data.inProcess;
  const failures = [
    ...[data.closed, data.balance].flatMap((series) => Object.values(series).flatMap((byName) => Object.values(byName))),
    ...Object.values(data.paced),
    data.historyBaseline,
    ...data.history.map((l) => l.windows),
  ]
    .flat()
    .reduce((sum, w) => sum + w.failures, 0);
  return [
    check('signed top up vs express+verify, 1 connection', 'x', simOverExpress(1), atLeast(0.5)),
    check('signed top up vs express+verify, 10 connections', 'x', simOverExpress(10), atLeast(0.7)),
    check('signed top up vs express+verify, 50 connections', 'x', simOverExpress(50), atLeast(0.9)),
    check('signed top up vs Prism, 50 connections', 'x', ratios(closed(50, 'dana-sim'), closed(50, 'prism')), atLeast(2)),
    check(`top up p99 at a steady ${data.pacedRate} req/s, 50 connections`, 'ms', p99(data.paced['dana-sim']), atMost(10)),
    check(
      `the same p99 vs express+verify's in the same round`,
      'x',
      ratios(p99(data.paced['dana-sim']), p99(data.paced['express+verify'])),
      atMost(2),
    ),
    check('start to first request', 'ms', data.startMs, atMost(250)),
    withLevel(100_000, 'restart with 100,000 transactions', 'ms', atMost(500), (l) => l.restartMs),
    withLevel(1_000_000, 'restart with 1,000,000 transactions', 'ms', atMost(3000), (l) => l.restartMs),
    withLevel(100_000, 'RSS after 100,000 top ups in one process (seeder: handler + ledger + store, no HTTP)', 'MB', atMost(150), (l) => [
      l.seederRssMb,
    ]),
    withLevel(100_000, 'RSS after a restart with 100,000', 'MB', atMost(150), (l) => [l.rssAfterRestartMb]),
    withLevel(1_000_000, 'RSS after 1,000,000 top ups in one process (seeder)', 'MB', atMost(300), (l) => [l.seederRssMb]),
    withLevel(1_000_000, 'RSS after a restart with 1,000,000', 'MB', atMost(300), (l) => [l.rssAfterRestartMb]),
    check('RSS idle (started, nothing served)', 'MB', [data.idleRssMb], atMost(80)),
    versusEmpty(100_000, 'throughput with 100,000 stored vs empty, 50 connections'),
    versusEmpty(1_000_000, 'throughput with 1,000,000 stored vs empty, 50 connections'),
    check(
      'in-process: time the simulator adds to a dana-node top up',
      '%',
      ratios(inProcess.simulatorMs, inProcess.cannedMs).map((r) => (r - 1) * 100),
      atMost(30),
    ),
    check('mandated disbursement UAT set, wall', 'ms', [data.uat.wallMs], atMost(5000)),
    // A figure is only worth something if every request was served as intended.
    check('failed replies across every measured window', '', [failures], atMost(0)),
  ];
}

export async function printReport(data: BenchData, meta: { cores: number; node: string; wallSeconds: number }): Promise<void> {
  const rows = rowsOf(data);
  const checks = checksOf(data);
  const inProcess = data.inProcess;
  const lines = [
    '',
    `Figures are median (min-max) over ${data.rounds} interleaved rounds of ${data.seconds} s windows; ratios are per round.`,
    '',
    ...rowTable(rows),
    '',
    `| in-process (dana-node ${inProcess.callsPerBlock} sequential top ups per block, msw) | wall ms/call | CPU ms/call |`,
    '|---|---|---|',
    `| answered by the simulator | ${show(inProcess.simulatorMs)} | ${show(inProcess.simulatorCpuMs)} |`,
    `| answered by a canned msw handler | ${show(inProcess.cannedMs)} | ${show(inProcess.cannedCpuMs)} |`,
    `| overhead % | ${show(ratios(inProcess.simulatorMs, inProcess.cannedMs).map((r) => (r - 1) * 100))} | ${show(ratios(inProcess.simulatorCpuMs, inProcess.cannedCpuMs).map((r) => (r - 1) * 100))} |`,
    '',
    '| stored | seed ms | disk MB | seeder RSS MB | restart ms | RSS after restart MB |',
    '|---|---|---|---|---|---|',
    ...data.history.map(
      (l) =>
        `| ${l.stored} | ${l.stored ? l.seedMs : ''} | ${l.diskMb} | ${Number.isFinite(l.seederRssMb) ? l.seederRssMb : ''} | ${show(l.restartMs)} | ${l.rssAfterRestartMb} |`,
    ),
    ...(data.millionSkipped ? [`| 1000000 | skipped (${data.millionSkipped}) | | | | |`] : []),
    '',
    ...checkTable(checks),
    '',
    `dana-sim RSS after serving at least ${data.topUpsServed} top ups over HTTP: ${data.rssAfterLoadMb} MB; mandated UAT cases passed: ${data.uat.passed} of ${data.uat.mandatory}`,
    `"spread too wide": the goal lies inside [min, max] of the windows, so this run cannot call it; "noisy": the windows agree, but (max - min) / median > BENCH_MAX_SPREAD.`,
    `server CPU us/req is the server process's own CPU time per reply, which others' load disturbs less than req/s; "by CPU" is express+verify's CPU per reply over the row's, per round.`,
    `bench wall time: ${meta.wallSeconds} s on ${meta.cores} cores, Node ${meta.node}`,
  ];
  console.log(lines.join('\n'));
  await writeFile('bench-results.json', JSON.stringify({ at: new Date().toISOString(), ...meta, data, checks }, null, 2));
  console.log('\nwrote bench-results.json');
}
