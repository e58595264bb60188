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
    openApiRequest({ path: '/dana/merchant/queryMerchantResource.htm', function: 'dana.merchant.queryMerchantResource', credentials: merchant, body: { requestMerchantId: merchant.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  );
}

/**
 * Load for `seconds` over `connections` connections, each request taken in turn from the pre-signed
 * pool (sized so none repeats). `rate` caps requests per second overall, to see latency below saturation.
 */
export async function load(url: string, requests: readonly SignedRequest[], connections: number, seconds: number, rate?: number): Promise<LoadResult & { sent: number }> {
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
    sent: next,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
