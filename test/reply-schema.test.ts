import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EndpointContract } from '../contracts/common/endpoint.ts';
import { replyProblems } from '../contracts/common/reply-spec.ts';
import { REPLY_SPECS } from '../contracts/replies.ts';
import { rawClient } from '../scenarios/clients/raw.ts';
import { loadCases } from '../scenarios/load.ts';
import { runCases } from '../scenarios/runner.ts';
import { simTarget } from '../scenarios/targets/sim.ts';
import type { SimRequest } from '../simulator/core/envelopes/snap.ts';
import { Simulator, type SimResponse } from '../simulator/index.ts';
import { ENDPOINTS } from '../simulator/products/index.ts';
import { createTestSimulator, testKeys, type TestSimulator } from './helpers.ts';
import {
  driveAuth,
  driveBrokenSignatures,
  driveMerchant,
  driveMerchantManagement,
  drivePaymentGateway,
  driveWidget,
  driveSnapErrors,
  driveWidgetAccount,
} from './reply-drive.ts';

// Issue 16 item 5: every reply of every served endpoint stays within the constraints the official
// SDKs' generated models enforce, as its product declares them (contracts/<product>/replies.ts).
// Every reply the simulator gives while DANA's UAT cases run in-process, and while reply-drive.ts
// calls what those cases do not reach, is recorded and checked.

interface Seen {
  readonly contract: EndpointContract;
  readonly request: SimRequest;
  readonly reply: SimResponse;
}

const byPath = new Map(ENDPOINTS.flatMap((contract) => contract.paths.map((path) => [path, contract] as const)));
const seen: Seen[] = [];
const original = Simulator.prototype.handle;

beforeAll(async () => {
  vi.spyOn(Simulator.prototype, 'handle').mockImplementation(async function (this: Simulator, request: SimRequest) {
    const reply = await original.call(this, request);
    const contract = byPath.get(request.path);
    // Transport faults (dropped connections, a gateway's HTML page) are not DANA's replies.
    if (contract && !reply.drop && reply.headers['content-type'] === 'application/json') seen.push({ contract, request, reply });
    return reply;
  });
  const { dana, merchant } = testKeys();
  const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem } });
  try {
    const run = await runCases({
      target,
      client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) },
      cases: loadCases(),
    });
    expect(run.cases.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  } finally {
    await target.close();
  }
  let t: TestSimulator | undefined;
  try {
    t = await createTestSimulator();
    await driveAuth(t);
    await driveMerchant(t);
    await driveMerchantManagement(t);
    await drivePaymentGateway(t);
    await driveWidget(t);
    await driveWidgetAccount(t);
    await driveSnapErrors(t);
    await driveBrokenSignatures(t);
  } finally {
    await t?.sim.close();
  }
}, 120_000);

afterAll(() => vi.restoreAllMocks());

const success = (entry: Seen) => {
  if (entry.contract.envelope === 'snap') return entry.reply.status >= 200 && entry.reply.status < 300;
  const body = JSON.parse(entry.reply.body);
  return entry.contract.envelope === 'open-api' ? body.response?.body?.resultInfo?.resultStatus === 'S' : body.status === '000';
};

describe('reply schema', () => {
  it('every served endpoint declares its reply constraints', () => {
    expect(ENDPOINTS.map((contract) => contract.key).filter((key) => !REPLY_SPECS[key])).toEqual([]);
  });

  it.each(ENDPOINTS.map((contract) => [contract.key, contract] as const))('%s: a success and an error were checked', (key) => {
    const replies = seen.filter((entry) => entry.contract.key === key);
    expect(replies.some(success), `no successful ${key} reply was seen`).toBe(true);
    expect(
      replies.some((entry) => !success(entry)),
      `no ${key} error reply was seen`,
    ).toBe(true);
  });

  it.each(ENDPOINTS.map((contract) => [contract.key, contract] as const))('%s: every reply fits the SDK models', (key) => {
    const problems = seen
      .filter((entry) => entry.contract.key === key)
      .flatMap((entry) =>
        replyProblems(entry.contract.envelope, REPLY_SPECS[key]!, entry.reply.status, JSON.parse(entry.reply.body)).map(
          (problem) => `${entry.reply.status} ${problem}`,
        ),
      );
    expect([...new Set(problems)]).toEqual([]);
  });
});
