import autocannon from 'autocannon';
import { randomUUID, type KeyObject } from 'node:crypto';
import { Agent } from 'node:http';
import { openApiRequest, snapRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import { postSignedText } from '../signed-post.ts';

// Load with autocannon from pre-signed requests: every top up has its own partnerReferenceNo and
// X-EXTERNAL-ID and a valid signature, so the simulator does the full work for each (no replays).

export interface Merchant {
  readonly partnerId: string;
  readonly privateKey: KeyObject;
  readonly clientSecret: string;
  readonly merchantId: string;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Replies received in the window, for CPU time per request. */
  readonly completed: number;
  /** The first non-2xx reply, so a failing run shows why. */
  readonly firstFailure?: string;
}

const CUSTOMERS = Array.from({ length: 500 }, (_, i) => `62812${String(i).padStart(7, '0')}`);

export function signedTopUps(merchant: Merchant, count: number, path = '/v1.0/emoney/topup.htm'): SignedRequest[] {
  return Array.from({ length: count }, (_, i) =>
    snapRequest({
      path,
      body: {
        partnerReferenceNo: `bench-${randomUUID()}`,
        customerNumber: CUSTOMERS[i % CUSTOMERS.length],
        amount: { value: '1.00', currency: 'IDR' },
        feeAmount: { value: '0.00', currency: 'IDR' },
        additionalInfo: { fundType: 'AGENT_TOPUP_FOR_USER_SETTLE' },
      },
      credentials: merchant,
    }),
  );
}

export function signedBalanceChecks(merchant: Merchant, count: number): SignedRequest[] {
  return Array.from({ length: count }, () =>
    openApiRequest({
      path: '/dana/merchant/queryMerchantResource.htm',
      function: 'dana.merchant.queryMerchantResource',
      credentials: merchant,
      body: { requestMerchantId: merchant.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
    }),
  );
}

/**
 * Load for `seconds` over `connections` connections, each request taken in turn from the pre-signed
 * pool (sized so none repeats). `rate` caps requests per second overall, to see latency below saturation.
 */
export async function load(
  url: string,
  requests: readonly SignedRequest[],
  connections: number,
  seconds: number,
  rate?: number,
): Promise<LoadResult & { sent: number }> {
  let next = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const signed = requests[next++ % requests.length];
          return { ...request, method: 'POST' as const, path: signed.path, headers: signed.headers, body: signed.body };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    completed: result.requests.total,
    sent: next,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/**
 * Latency below saturation: `connections` keep-alive connections, each sending one request every
 * connections/rate seconds, start times staggered evenly. Unlike a rate cap on a closed loop (which
 * releases requests in bursts), this is a steady stream, so the percentiles measure the server.
 */
export async function paced(
  url: string,
  requests: readonly SignedRequest[],
  connections: number,
  rate: number,
  seconds: number,
): Promise<LoadResult & { sent: number }> {
  const intervalMs = (connections * 1000) / rate;
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  let errors = 0;
  let firstFailure: string | undefined;
  const endAt = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let due = performance.now() + (worker * intervalMs) / connections;
      try {
        for (;;) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (due >= endAt) return;
          const signed = requests[next++ % requests.length];
          const started = performance.now();
          try {
            const reply = await postSignedText(url, signed, agent, 10_000);
            latencies.push(performance.now() - started);
            if (reply.status < 200 || reply.status > 299) {
              non2xx += 1;
              firstFailure ??= `${reply.status} ${reply.text.slice(0, 300)}`;
            }
          } catch {
            errors += 1;
          }
          due += intervalMs;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return {
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx,
    errors,
    completed: latencies.length,
    sent: next,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
