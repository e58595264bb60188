import autocannon from 'autocannon';
import { randomUUID, type KeyObject } from 'node:crypto';
import { openApiRequest, snapRequest, type SignedRequest } from '../../simulator/signature/client.ts';

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
    openApiRequest({ path: '/dana/merchant/queryMerchantResource.htm', function: 'dana.merchant.queryMerchantResource', credentials: merchant, body: { requestMerchantId: merchant.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  );
}

/** Sends every request once over `connections` connections; throughput = requests / wall time. */
export async function load(url: string, requests: readonly SignedRequest[], connections: number): Promise<LoadResult> {
  let next = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    amount: requests.length,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const signed = requests[next++ % requests.length];
          return { ...request, method: 'POST' as const, path: signed.path, headers: signed.headers, body: signed.body };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
