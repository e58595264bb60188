import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Dana } from 'dana-node';
import { http, HttpResponse } from 'msw';
import { DANA_BASE_URLS, startMswSimulator } from '../../simulator/adapters/msw.ts';
import { interleave } from './interleave.ts';

// The in-process row: what the simulator adds to an SDK call when a test uses the msw adapter. The
// same dana-node top ups, one after another, are answered either by the simulator (signature check,
// contract, rules, ledger, in-memory store) or by a canned msw handler that returns the simulator's own
// first reply without looking at the request. Both run in one msw server (the canned handler is laid
// over the simulator's for its blocks), alternating blocks of calls, so both see the same load.
// Runs in a child process: msw patches the process's http stack, which must not touch the bench's own load.

export interface InProcessResult {
  /** Per-block mean wall time per SDK call, in ms, one entry per round. */
  readonly simulatorMs: number[];
  readonly cannedMs: number[];
  /** The same in this process's CPU time, which others' load does not inflate. */
  readonly simulatorCpuMs: number[];
  readonly cannedCpuMs: number[];
  readonly callsPerBlock: number;
}

const CUSTOMER = '62811742234';
const TOP_UP_PATH = '/v1.0/emoney/topup.htm';

async function measureInProcess(rounds: number, callsPerBlock: number): Promise<InProcessResult> {
  const sim = await startMswSimulator({ background: false });
  const { X_PARTNER_ID: partnerId, PRIVATE_KEY: privateKey, ORIGIN: origin, CLIENT_SECRET: clientSecret } = sim.env;
  const dana = new Dana({ partnerId, privateKey, origin, clientSecret, env: 'sandbox' });
  const topUp = () =>
    dana.disbursementApi.transferToDana({
      partnerReferenceNo: `bench-${randomUUID()}`,
      customerNumber: CUSTOMER,
      amount: { value: '1.00', currency: 'IDR' },
      feeAmount: { value: '0.00', currency: 'IDR' },
      additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
    });
  const first = await topUp();
  if (first.responseCode !== '2003800') throw new Error(`the simulator refused the SDK's top up: ${JSON.stringify(first)}`);
  const cannedBody = JSON.parse(JSON.stringify(first)) as Record<string, unknown>;
  const canned = DANA_BASE_URLS.map((base) => http.post(`${base}${TOP_UP_PATH}`, () => HttpResponse.json(cannedBody)));
  const block = async (target: string) => {
    if (target === 'canned') sim.server.use(...canned);
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < callsPerBlock; i++) {
      const reply = await topUp();
      if (reply.responseCode !== '2003800') throw new Error(`${target}: ${reply.responseCode} ${reply.responseMessage}`);
    }
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = performance.now() - wallStart;
    sim.server.resetHandlers();
    return { wallMs: wallMs / callsPerBlock, cpuMs: (cpu.user + cpu.system) / 1000 / callsPerBlock };
  };
  // Unrecorded warm-up of both paths (JIT, msw's handler caches).
  await block('simulator');
  await block('canned');
  const blocks = await interleave(['simulator', 'canned'], rounds, block);
  await sim.close();
  return {
    simulatorMs: blocks.simulator.map((b) => b.wallMs),
    cannedMs: blocks.canned.map((b) => b.wallMs),
    simulatorCpuMs: blocks.simulator.map((b) => b.cpuMs),
    cannedCpuMs: blocks.canned.map((b) => b.cpuMs),
    callsPerBlock,
  };
}

export function runInProcess(rounds: number, callsPerBlock: number): InProcessResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(rounds), String(callsPerBlock)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as InProcessResult;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(JSON.stringify(await measureInProcess(Number(process.argv[2]), Number(process.argv[3]))));
