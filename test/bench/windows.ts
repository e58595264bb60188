import type { SignedRequest } from '../../simulator/signature/client.ts';
import { interleave } from './interleave.ts';
import { load, paced, type LoadResult } from './load.ts';
import { cpuMs } from './servers.ts';

// One measured window against a running server, and the interleaved series of them. dana-sim keeps
// state, so each of its windows gets freshly signed requests that never repeat (a replay is cheaper);
// the baselines keep none and cycle one pool. Signing happens between windows, while every server idles.

/** Pre-signed requests per dana-sim window at most (BENCH_POOL). */
const POOL = Number(process.env.BENCH_POOL ?? 16_000);

export interface Contender {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** A stateless baseline may cycle one pool; dana-sim must not. */
  readonly cycles?: boolean;
  /** Requests for a window expected to serve `count`; a stateful target must get fresh ones every time. */
  requests(count: number): readonly SignedRequest[];
  /** The window sent the first `count` of them: they must not be sent again. */
  consumed?(count: number): void;
}

/**
 * Fresh requests for a stateful target. A window's pool is sized generously (the load varies from
 * window to window), and what a window did not send stays for the next, so the headroom costs no
 * extra signing.
 */
export function freshRequests(sign: (count: number) => SignedRequest[]): Pick<Contender, 'requests' | 'consumed'> {
  let queue: SignedRequest[] = [];
  return {
    requests(count) {
      if (queue.length < count) queue = queue.concat(sign(count - queue.length));
      return queue;
    },
    consumed(count) {
      queue = queue.slice(count);
    },
  };
}

export interface WindowResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The server's own CPU time per reply, in microseconds: less sensitive to others' load than req/s. */
  readonly cpuUsPerRequest: number;
  readonly failures: number;
  readonly completed: number;
}

/**
 * Requests a window needs: three times the fastest rate seen so far at this load, so the pool never
 * runs dry (a one-second warm-up can see half the rate of a warm server; twice once ran out and the
 * replayed requests were counted as failures). Unsent requests stay for the next window: no waste.
 */
const fastest = new Map<string, number>();
function poolSize(contender: Contender, key: string, seconds: number): number {
  const rate = fastest.get(`${contender.name} ${key}`) ?? 5000;
  return Math.min(POOL, Math.ceil(rate * seconds * 3) + 500);
}

async function window(
  contender: Contender,
  key: string,
  seconds: number,
  run: (requests: readonly SignedRequest[]) => Promise<LoadResult & { sent: number }>,
  count = poolSize(contender, key, seconds),
): Promise<WindowResult> {
  const requests = contender.requests(count);
  const cpuBefore = cpuMs(contender.pid);
  const result = await run(requests);
  const cpuUsed = cpuMs(contender.pid) - cpuBefore;
  contender.consumed?.(result.sent);
  const seen = `${contender.name} ${key}`;
  fastest.set(seen, Math.max(fastest.get(seen) ?? 0, result.requestsPerSecond));
  if (result.firstFailure)
    console.error(`  warning: ${contender.name}: ${result.non2xx} non-2xx replies, the first: ${result.firstFailure}`);
  if (result.sent > requests.length && !contender.cycles)
    console.error(`  warning: ${contender.name}: the pool of ${requests.length} ran out (${result.sent} sent); raise BENCH_POOL`);
  return {
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuUsPerRequest: result.completed ? Math.round((cpuUsed * 1000) / result.completed) : NaN,
    failures: result.non2xx + result.errors,
    completed: result.completed,
  };
}

/**
 * Closed loop at `connections`: a short unrecorded warm-up per contender (JIT, connection pools, and a
 * first rate to size the pools), then `rounds` rounds of one window each.
 */
export async function closedLoop(
  contenders: readonly Contender[],
  connections: number,
  rounds: number,
  seconds: number,
  endpoint = 'transferToDana',
): Promise<Record<string, WindowResult[]>> {
  const key = `${endpoint} c${connections}`;
  const byName = new Map(contenders.map((c) => [c.name, c]));
  for (const contender of contenders) await window(contender, key, 1, (r) => load(contender.url, r, connections, 1));
  return interleave([...byName.keys()], rounds, (name) => {
    const contender = byName.get(name)!;
    return window(contender, key, seconds, (requests) => load(contender.url, requests, connections, seconds));
  });
}

/** A steady `rate` over `connections` connections (below saturation), interleaved the same way. */
export function pacedRounds(
  contenders: readonly Contender[],
  connections: number,
  rate: number,
  rounds: number,
  seconds: number,
): Promise<Record<string, WindowResult[]>> {
  const byName = new Map(contenders.map((c) => [c.name, c]));
  return interleave([...byName.keys()], rounds, (name) => {
    const contender = byName.get(name)!;
    const run = (requests: readonly SignedRequest[]) => paced(contender.url, requests, connections, rate, seconds);
    return window(contender, `paced${rate}`, seconds, run, rate * seconds + 100);
  });
}
