import { afterEach, describe, expect, it } from 'vitest';
import { rawClient, sendRaw } from '../scenarios/clients/raw.ts';
import { loadCases, selectCases } from '../scenarios/load.ts';
import { uatProgress } from '../scenarios/progress.ts';
import { runCases } from '../scenarios/runner.ts';
import { remoteSimTarget } from '../scenarios/targets/http.ts';
import { topUpBody } from './helpers.ts';
import { stopServers, uatServer } from './uat-servers.ts';

// A UAT run against a running dana-sim (over HTTP, in this process) leaves it as it found it: the
// merchant's notification URL, the clock, the user's rules and `dana-sim uat status` are exactly
// as before, although the run moved the clock, added a rule, received notifications and made calls
// that would count as UAT cases.

const CASES = [
  'CheckDisbursementAccountSystemError', // adds a rule
  'TopUpCustomerIdempotent', // moves the clock
  'ExpiredNotify', // moves the clock and needs notifications
  'DisbursementBankValidAccount', // uses the merchant's notification URL
  'TopUpCustomerValid', // a case the user's own traffic has covered already
];

afterEach(stopServers);

async function start(): Promise<{ url: string; dir: string }> {
  const { running, dataDir } = await uatServer('uat-no-change', [uatProgress()]);
  return { url: running.url, dir: dataDir };
}

async function control(url: string, method: string, path: string, body?: unknown) {
  const reply = await fetch(`${url}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(reply.status, `${method} ${path}`).toBe(200);
  return reply.json();
}

/** Everything a run must not change, read through the control API. */
async function observable(url: string, merchantId: string) {
  const merchants = (await control(url, 'GET', '/merchants')) as { merchantId: string; notifyUrl?: string }[];
  return {
    notifyUrl: merchants.find((m) => m.merchantId === merchantId)?.notifyUrl,
    clockOffsetMs: ((await control(url, 'GET', '/clock')) as { offsetMs: number }).offsetMs,
    userRules: await control(url, 'GET', '/faults?source=user'),
    uatStatus: await control(url, 'GET', `/uat/status?merchant=${merchantId}`),
  };
}

describe('a UAT run against a running simulator', () => {
  it("leaves its notification URL, clock, the user's rules and uat status exactly as before", async () => {
    const { url, dir } = await start();
    const target = await remoteSimTarget(url, dir, {});
    const merchantId = target.merchant.merchantId;
    try {
      // The user's world before the run: their own notification URL, a clock they moved, a rule of
      // theirs that would spoil the run's injected-failure case if it came first, and progress.
      await control(url, 'POST', '/merchants/notify-url', { url: 'http://127.0.0.1:9/my-notify', merchant: merchantId });
      await control(url, 'POST', '/clock/advance', { duration: '90s' });
      await control(url, 'POST', '/faults', { id: 'mine', endpoint: 'queryMerchantResource', effect: { result: 'MERCHANT_NOT_EXIST' } });
      const own = await sendRaw(target.baseUrl, { operation: 'transferToDana', request: topUpBody(), as: target.merchant });
      expect((own.body as { responseCode: string }).responseCode).toBe('2003800');
      const before = await observable(url, merchantId);
      const topUpGroup = (before.uatStatus as { groups: { group: string; coveredCases: string[] }[] }).groups.find(
        (g) => g.group === 'Dana Disbursement TopUp (mandatory)',
      );
      expect(topUpGroup?.coveredCases).toEqual(['TopUpCustomerValid']);
      expect(before.clockOffsetMs).toBe(90_000);
      expect(before.notifyUrl).toBe('http://127.0.0.1:9/my-notify');

      // The adapter is the raw signer without any run tag: its calls reach the simulator untagged,
      // as a merchant's own adapter's would, and still must not count.
      const run = await runCases({
        target,
        client: { name: 'untagged adapter', adapter: rawClient(target.baseUrl, target.merchant) },
        cases: selectCases(loadCases(), { only: CASES }),
      });
      expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
      expect(run.cases).toHaveLength(CASES.length);

      const after = await observable(url, merchantId);
      expect(after.notifyUrl).toBe(before.notifyUrl);
      expect(after.clockOffsetMs).toBe(before.clockOffsetMs);
      expect(after.userRules).toEqual(before.userRules);
      expect(after.uatStatus).toEqual(before.uatStatus);
      expect(after).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('unsets the notification URL again when the merchant had none, and closes its run window', async () => {
    const { url, dir } = await start();
    const target = await remoteSimTarget(url, dir, {});
    try {
      const before = await observable(url, target.merchant.merchantId);
      expect(before.notifyUrl).toBeUndefined();
      const run = await runCases({
        target,
        client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) },
        cases: selectCases(loadCases(), { only: ['DisbursementBankValidAccount'] }),
      });
      expect(run.cases.map((c) => c.status)).toEqual(['passed']);
      const after = await observable(url, target.merchant.merchantId);
      expect(after).toEqual(before);
      expect((after.uatStatus as { runInProgress: boolean }).runInProgress).toBe(false);
    } finally {
      await target.close();
    }
  });
});
