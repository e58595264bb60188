import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testKeys } from '../test/helpers.ts';
import { jakartaTimestamp } from '../simulator/clock/clock.ts';
import { signAsymmetric } from '../simulator/signature/snap.ts';
import { DanaResponseError, type DanaClient } from './clients/types.ts';
import { runCases, type RunOptions } from './runner.ts';
import type { RuleSpec } from '../contracts/common/rule.ts';
import type { Target } from './targets/types.ts';
import type { CallExpectation, CallStep, CaseFile, CaseResult, RunResult, Step } from './types.ts';

// The runner's own rules (retries, skips on targets without control, clock and sandbox-tool steps,
// how a reply is judged, notification expectations), driven by small hand-made cases against a
// scripted target: its control API records every call, its client answers what each test says, and
// it delivers the notifications a test queues. Nothing here depends on the simulator's behaviour.

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

interface Notification {
  readonly body: unknown;
  /** Signed with the DANA key the target names (default), or sent without a signature. */
  readonly signed?: boolean;
}

interface FakeOptions {
  /** A control API (rules, clock, ledger); absent, the target is like DANA's sandbox. */
  readonly control?: boolean;
  readonly bank?: boolean;
  /** Whether the target names the key its notifications are signed with. */
  readonly danaPublicKey?: boolean;
  /** The reply of the raw signer's calls (tampered steps, banks' VA calls). */
  readonly raw?: Reply;
  /** The reply of the portal's sandbox tools. */
  readonly payVa?: Reply;
  /** The control API's reply to paying an order. */
  readonly payOrder?: Reply;
  /** When queued notifications go out: all at the next settle, or one per clock advance. */
  readonly deliverOn?: 'settle' | 'advance';
}

interface Fake {
  readonly target: Target;
  /** Control calls and sandbox-tool payments, in order. */
  readonly log: string[];
  /** Raw requests the target received: path and headers. */
  readonly rawRequests: { path: string; headers: IncomingHttpHeaders }[];
  /** Where queued notifications are sent: set by a test's client from the request it is given. */
  notifyUrl?: string;
  readonly queued: Notification[];
}

const keys = testKeys();
const MERCHANT = {
  partnerId: 'fake-merchant',
  privateKey: keys.merchant.privateKeyPem,
  clientSecret: 'merchant-secret',
  merchantId: '216620000090000000001',
};
const BANK = { partnerId: 'fake-bank', privateKey: keys.bank.privateKeyPem, clientSecret: 'bank-secret', partnerServiceId: '   88888' };

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function fakeTarget(options: FakeOptions = {}): Promise<Fake> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      fake.rawRequests.push({ path: request.url ?? '', headers: request.headers });
      const reply = options.raw ?? { status: 200, body: { responseCode: '2003800', responseMessage: 'Successful' } };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise((resolve) => server.close(() => resolve())));

  const send = async (notification: Notification) => {
    const url = new URL(fake.notifyUrl!);
    const body = JSON.stringify(notification.body);
    const timestamp = jakartaTimestamp(Date.now());
    const signature = signAsymmetric({ method: 'POST', path: url.pathname, body, timestamp }, keys.dana.privateKeyPem);
    const headers: Record<string, string> =
      notification.signed === false
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature };
    await fetch(url, { method: 'POST', headers, body });
  };
  const deliver = async (moment: 'settle' | 'advance') => {
    if (moment !== (options.deliverOn ?? 'settle')) return;
    const due = moment === 'settle' ? fake.queued.splice(0) : fake.queued.splice(0, 1);
    for (const notification of due) await send(notification);
  };

  const fake: Fake = {
    log: [],
    rawRequests: [],
    queued: [],
    target: {
      name: 'scripted target',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      merchant: MERCHANT,
      bank: options.bank === false ? undefined : BANK,
      danaPublicKey: options.danaPublicKey ? keys.dana.publicKeyPem : undefined,
      control:
        options.control === false
          ? undefined
          : {
              now: async () => Date.parse('2030-05-01T00:00:00Z'),
              addRules: async (rules) => {
                fake.log.push(`addRules ${rules.length}`);
                return rules.map((_rule, index) => `rule-${index + 1}`);
              },
              removeRules: async (ids) => void fake.log.push(`removeRules ${ids.join(',')}`),
              notifyUrl: async () => undefined,
              clockSnapshot: async () => 'clock-1',
              restoreClock: async () => undefined,
              openRun: async () => undefined,
              closeRun: async () => undefined,
              advanceClock: async (ms) => {
                fake.log.push(`advanceClock ${ms}`);
                await deliver('advance');
              },
              settle: async () => {
                fake.log.push('settle');
                // A real control call is I/O: without this pause, waiting for a notification spins.
                await new Promise((resolve) => setTimeout(resolve, 1));
                await deliver('settle');
              },
              balances: async () => {
                fake.log.push('balances');
                return {};
              },
              setNotifyUrl: async (_merchantId, url) => void fake.log.push(`setNotifyUrl ${url}`),
              payOrder: async (merchantId, reference, payer) => {
                fake.log.push(`payOrder ${merchantId} ${reference} ${payer ?? '(default payer)'}`);
                return options.payOrder ?? { status: 200, body: { status: '00' } };
              },
            },
      payVa: async (code) => {
        fake.log.push(`payVa ${code}`);
        return options.payVa ?? { status: 200, body: { responseCode: '2002500' } };
      },
      routeSdk: async () => undefined,
      close: async () => undefined,
    },
  };
  return fake;
}

/** A client operation answering `replies` in turn (the last repeats); an Error is thrown. */
function answering(...replies: unknown[]) {
  const requests: unknown[] = [];
  const call = async (request: unknown) => {
    requests.push(request);
    const reply = replies[Math.min(requests.length, replies.length) - 1];
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { requests, call };
}

let serial = 0;
const caseOf = (steps: readonly Step[], more: Partial<CaseFile> = {}): CaseFile => ({
  id: `Case${++serial}`,
  scenario: 'Runner rules',
  mandatory: false,
  product: 'disbursement',
  title: 'a hand-made case',
  steps,
  ...more,
});
const topUp = (expect: CallExpectation, more: Partial<CallStep> = {}): CallStep => ({
  call: 'transferToDana',
  request: { partnerReferenceNo: 'ref-1' },
  expect,
  ...more,
});
const RULES: readonly RuleSpec[] = [
  { endpoint: 'transferToDana', effect: { result: 'GENERAL_ERROR' } },
  { endpoint: 'transferToBank', effect: { latencyOnly: true } },
];
const SYSTEM_ERROR = new DanaResponseError(500, { responseCode: '5003801', responseMessage: 'Internal Server Error' });
const TOP_UP_DONE = { responseCode: '2003800', responseMessage: 'Successful', partnerReferenceNo: 'ref-1' };

async function run(fake: Fake, cases: readonly CaseFile[], adapter: DanaClient, more: Partial<RunOptions> = {}): Promise<RunResult> {
  return runCases({ target: fake.target, client: { name: 'scripted', adapter }, cases, ...more });
}

async function runOne(fake: Fake, steps: readonly Step[], adapter: DanaClient = {}, more: Partial<CaseFile> = {}): Promise<CaseResult> {
  return (await run(fake, [caseOf(steps, more)], adapter)).cases[0];
}

/** The receiver's base URL, read back from a request that asked for {{returnUrl}}. */
const receiverUrlOf = (request: unknown) => (request as { returnUrl: string }).returnUrl.replace(/\/return$/, '');

describe('the runner retrying failed cases', () => {
  it('reruns a failed case until it passes, reporting the attempt that passed', async () => {
    const topUps = answering(SYSTEM_ERROR, TOP_UP_DONE);
    const [result] = (
      await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' })])], { transferToDana: topUps.call }, { retries: 2 })
    ).cases;
    expect(result.status).toBe('passed');
    expect(result.attempts).toBe(2);
    expect(topUps.requests).toHaveLength(2);
  });

  it('gives up after the last retry, reporting every attempt and the last reason', async () => {
    const topUps = answering(SYSTEM_ERROR);
    const [result] = (
      await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' })])], { transferToDana: topUps.call }, { retries: 2 })
    ).cases;
    expect(result).toMatchObject({ status: 'failed', attempts: 3, reason: 'transferToDana: expected code 2003800, got 5003801' });
    expect(topUps.requests).toHaveLength(3);
  });

  it('reruns a failed case exactly once when one retry is allowed', async () => {
    const topUps = answering(SYSTEM_ERROR);
    const [result] = (
      await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' })])], { transferToDana: topUps.call }, { retries: 1 })
    ).cases;
    expect(result.attempts).toBe(2);
    expect(topUps.requests).toHaveLength(2);
  });

  it('runs a failed case once when no retries are asked for', async () => {
    const topUps = answering(SYSTEM_ERROR);
    const [result] = (await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' })])], { transferToDana: topUps.call })).cases;
    expect(result).toMatchObject({ status: 'failed', attempts: 1 });
    expect(topUps.requests).toHaveLength(1);
  });

  it('never reruns a passed case', async () => {
    const topUps = answering(TOP_UP_DONE);
    const [result] = (
      await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' })])], { transferToDana: topUps.call }, { retries: 2 })
    ).cases;
    expect(result).toMatchObject({ status: 'passed', attempts: 1 });
    expect(topUps.requests).toHaveLength(1);
  });
});

describe('the runner setting up a run', () => {
  it('tells a controllable target to send Transfer to Bank notifications to its receiver, before any case', async () => {
    const fake = await fakeTarget();
    const topUps = answering(TOP_UP_DONE);
    await runOne(fake, [topUp({ code: '2003800' }, { request: { returnUrl: '{{returnUrl}}' } })], { transferToDana: topUps.call });
    expect(fake.log[0]).toBe(`setNotifyUrl ${receiverUrlOf(topUps.requests[0])}/notify/transfer-to-bank`);
    // ...and puts back the merchant's own (none here: unset) when the run ends.
    expect(fake.log.filter((entry) => entry.startsWith('setNotifyUrl'))).toEqual([fake.log[0], 'setNotifyUrl null']);
  });

  it('gives each case its own notification path under the receiver and a return page beside it', async () => {
    const topUps = answering(TOP_UP_DONE);
    const step = topUp({ code: '2003800' }, { request: { notifyUrl: '{{notifyUrl}}', returnUrl: '{{returnUrl}}' } });
    await run(await fakeTarget(), [caseOf([step], { id: 'First' }), caseOf([step], { id: 'Second' })], { transferToDana: topUps.call });
    const [first, second] = topUps.requests as { notifyUrl: string; returnUrl: string }[];
    const receiver = receiverUrlOf(first);
    expect(receiver).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.notifyUrl).toMatch(new RegExp(`^${receiver}/notify/First-[0-9a-z]{1,6}$`));
    expect(second.notifyUrl).toMatch(new RegExp(`^${receiver}/notify/Second-[0-9a-z]{1,6}$`));
    expect(second.returnUrl).toBe(`${receiver}/return`);
  });

  it("fills {{merchantId}} with the target's merchant, and {{partnerServiceId}} with the bank's or nothing", async () => {
    const request = { merchantId: '{{merchantId}}', partnerServiceId: '{{partnerServiceId}}' };
    const withBank = answering(TOP_UP_DONE);
    await runOne(await fakeTarget(), [topUp({ code: '2003800' }, { request })], { transferToDana: withBank.call });
    expect(withBank.requests).toEqual([{ merchantId: MERCHANT.merchantId, partnerServiceId: BANK.partnerServiceId }]);
    const withoutBank = answering(TOP_UP_DONE);
    await runOne(await fakeTarget({ bank: false }), [topUp({ code: '2003800' }, { request })], { transferToDana: withoutBank.call });
    expect(withoutBank.requests).toEqual([{ merchantId: MERCHANT.merchantId, partnerServiceId: '' }]);
  });

  it('reports when the run started and durations within the time the run took', async () => {
    const startedMs = Date.now();
    const startedAt = performance.now();
    const result = await run(await fakeTarget(), [caseOf([topUp({ code: '2003800' }), { advanceClock: '1s' }])], {
      transferToDana: answering(TOP_UP_DONE).call,
    });
    const tookMs = performance.now() - startedAt;
    const endedMs = Date.now();
    expect(result).toMatchObject({ target: 'scripted target', client: 'scripted' });
    expect(Date.parse(result.startedAt)).toBeGreaterThanOrEqual(startedMs);
    expect(Date.parse(result.startedAt)).toBeLessThanOrEqual(endedMs);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThanOrEqual(endedMs - startedMs);
    const [one] = result.cases;
    expect(one.durationMs).toBeLessThanOrEqual(Math.ceil(tookMs));
    for (const step of one.steps) {
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
      expect(step.durationMs).toBeLessThanOrEqual(one.durationMs);
    }
  });

  it('closes its notification receiver when the run ends', async () => {
    const topUps = answering(TOP_UP_DONE);
    await runOne(await fakeTarget(), [topUp({ code: '2003800' }, { request: { returnUrl: '{{returnUrl}}' } })], {
      transferToDana: topUps.call,
    });
    await expect(fetch(`${receiverUrlOf(topUps.requests[0])}/return`)).rejects.toThrow();
  });
});

describe('the runner deciding a case', () => {
  it('skips a case needing rules on a target without control, running none of its steps', async () => {
    const topUps = answering(TOP_UP_DONE);
    const result = await runOne(
      await fakeTarget({ control: false }),
      [topUp({ code: '2003800' })],
      { transferToDana: topUps.call },
      { setup: { rules: RULES } },
    );
    expect(result).toMatchObject({ status: 'skipped', reason: 'needs injected rules, which only a simulator has', steps: [] });
    expect(topUps.requests).toEqual([]);
  });

  it('adds a case’s rules before its steps and clears them after, even when it fails', async () => {
    const fake = await fakeTarget();
    const rules = RULES;
    const result = await runOne(fake, [{ payVa: '1' }, { payVa: '2' }], {}, { setup: { rules } });
    expect(result.status).toBe('passed');
    const failing = await runOne(
      fake,
      [topUp({ code: '2003800' })],
      { transferToDana: answering(SYSTEM_ERROR).call },
      { setup: { rules } },
    );
    expect(failing.status).toBe('failed');
    expect(fake.log.filter((entry) => !entry.startsWith('setNotifyUrl'))).toEqual([
      'addRules 2',
      'payVa 1',
      'settle',
      'payVa 2',
      'settle',
      'removeRules rule-1,rule-2',
      'addRules 2',
      'removeRules rule-1,rule-2',
    ]);
  });

  it('neither adds nor clears rules for a case without any', async () => {
    const fake = await fakeTarget();
    await runOne(fake, [{ payVa: '1' }], {}, { setup: { rules: [] } });
    await runOne(fake, [{ payVa: '2' }]);
    expect(fake.log.filter((entry) => !entry.startsWith('setNotifyUrl'))).toEqual(['payVa 1', 'settle', 'payVa 2', 'settle']);
  });

  it('skips a case whose step the target cannot support, naming the first such step, and runs the rest', async () => {
    const fake = await fakeTarget({ bank: false });
    const topUps = answering(TOP_UP_DONE);
    const result = await runOne(
      fake,
      [
        { call: 'vaInquiry', request: {}, expect: { code: '2002400' } },
        { call: 'vaPayment', request: {}, expect: { code: '2002500' } },
        topUp({ code: '2003800' }),
      ],
      { transferToDana: topUps.call },
    );
    expect(result.status).toBe('skipped');
    expect(result.reason).toBe('vaInquiry: no bank credentials for this target');
    expect(result.steps.map((step) => step.status)).toEqual(['skipped', 'skipped', 'passed']);
    expect(topUps.requests).toHaveLength(1);
    expect(fake.rawRequests).toEqual([]);
  });

  it('fails a case whose step fails after a skipped one, with the failure as the reason', async () => {
    const result = await runOne(
      await fakeTarget({ bank: false }),
      [{ call: 'vaInquiry', request: {}, expect: { code: '2002400' } }, topUp({ code: '2003800' })],
      { transferToDana: answering({ responseCode: '4033805' }).call },
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(
      'transferToDana: expected code 2003800, got 4033805; the client returned code 4033805 as a 2xx reply; it must arrive with HTTP 403',
    );
  });

  it('fails a case the runner itself cannot run, naming the runner and the error', async () => {
    const result = await runOne(await fakeTarget(), [topUp({ code: '2003800' }, { request: { partnerReferenceNo: '{{nope}}' } })], {
      transferToDana: answering(TOP_UP_DONE).call,
    });
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'runner: {{nope}} is not known here (known: merchantId, partnerServiceId, notifyUrl, returnUrl)',
      steps: [],
    });
  });
});

describe('the runner moving the clock', () => {
  it("advances a controllable target's clock by the step's duration", async () => {
    const fake = await fakeTarget();
    const result = await runOne(fake, [{ advanceClock: '136s' }]);
    expect(result.status).toBe('passed');
    expect(result.steps[0]).toMatchObject({ label: 'advance clock 136s', status: 'passed', failures: [] });
    expect(fake.log).toContain('advanceClock 136000');
  });

  it('waits out the duration on a target without control', async () => {
    const result = await runOne(await fakeTarget({ control: false }), [{ advanceClock: '1ms' }]);
    expect(result.status).toBe('passed');
    expect(result.steps[0]).toMatchObject({ label: 'advance clock 1ms', status: 'passed', failures: [] });
  });

  it('fails a step whose duration cannot be read', async () => {
    const fake = await fakeTarget();
    const result = await runOne(fake, [{ advanceClock: 'soon' }]);
    expect(result).toMatchObject({ status: 'failed', reason: 'advance clock soon: not a duration' });
    expect(result.steps[0]).toMatchObject({ label: 'advance clock soon', status: 'failed', failures: ['not a duration'] });
    expect(fake.log.filter((entry) => entry.startsWith('advanceClock'))).toEqual([]);
  });
});

describe("the runner paying a VA with the portal's sandbox tools", () => {
  it('pays the VA named by a saved value, then lets the target settle, reading no balances when none are expected', async () => {
    const fake = await fakeTarget();
    const orders = answering({ responseCode: '2005400', additionalInfo: { paymentCode: '8888000001' } });
    const result = await runOne(
      fake,
      [
        { call: 'createOrder', request: {}, save: { paymentCode: 'response.additionalInfo.paymentCode' }, expect: { code: '2005400' } },
        { payVa: '{{paymentCode}}' },
      ],
      { createOrder: orders.call },
    );
    expect(result.status).toBe('passed');
    const { durationMs, ...step } = result.steps[1];
    expect(step).toStrictEqual({
      label: 'pay VA 8888000001 (sandbox tools)',
      status: 'passed',
      failures: [],
      response: { responseCode: '2002500' },
      httpStatus: 200,
    });
    expect(fake.log.filter((entry) => !entry.startsWith('setNotifyUrl'))).toEqual(['payVa 8888000001', 'settle']);
  });

  it.each([199, 300, 500])('fails when the sandbox tools answer HTTP %i, quoting the reply', async (status) => {
    const result = await runOne(await fakeTarget({ payVa: { status, body: { error: 'no such VA' } } }), [{ payVa: '8888000001' }]);
    expect(result.status).toBe('failed');
    expect(result.steps[0]).toMatchObject({
      status: 'failed',
      failures: [`sandbox tools answered HTTP ${status}: {"error":"no such VA"}`],
      httpStatus: status,
    });
  });

  it.each([200, 299])('accepts any 2xx answer of the sandbox tools, such as %i', async (status) => {
    const result = await runOne(await fakeTarget({ payVa: { status, body: {} } }), [{ payVa: '8888000001' }]);
    expect(result.status).toBe('passed');
  });

  it('pays without checking balances on a target without control, and says so', async () => {
    const fake = await fakeTarget({ control: false });
    const result = await runOne(fake, [{ payVa: '8888000001', expect: { balances: { 'merchant.settlement': '+1.00' } } }]);
    expect(result.status).toBe('passed');
    expect(result.steps[0]).toMatchObject({ status: 'passed', failures: [], note: 'balance changes are checked on simulators only' });
    expect(fake.log).toEqual(['payVa 8888000001']);
  });
});

describe('the runner paying an order as the UAT does at the cashier', () => {
  it('pays the saved order through the control API as the named payer, then goes on', async () => {
    const fake = await fakeTarget();
    const result = await runOne(
      fake,
      [
        {
          call: 'createOrder',
          request: { partnerReferenceNo: 'order-1' },
          save: { ref: 'request.partnerReferenceNo' },
          expect: { code: '2005400' },
        },
        { payOrder: '{{ref}}', payer: '6283811223355' },
        { advanceClock: '5s' },
      ],
      { createOrder: answering({ responseCode: '2005400' }).call },
    );
    expect(result.status).toBe('passed');
    expect(result.steps[1]).toMatchObject({
      label: 'pay order order-1 at the cashier as 6283811223355',
      status: 'passed',
      httpStatus: 200,
    });
    expect(fake.log.slice(1, -1)).toEqual(['payOrder 216620000090000000001 order-1 6283811223355', 'advanceClock 5000']);
  });

  it("leaves the payer to the control API's default when the step names none", async () => {
    const fake = await fakeTarget();
    await runOne(fake, [{ payOrder: 'order-2' }]);
    expect(fake.log).toContain('payOrder 216620000090000000001 order-2 (default payer)');
  });

  it('fails when the order cannot be paid, quoting why, and runs nothing after it', async () => {
    const fake = await fakeTarget({ payOrder: { status: 400, body: { error: 'order order-3 is not open (status 05)' } } });
    const result = await runOne(fake, [{ payOrder: 'order-3' }, { advanceClock: '5s' }]);
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'pay order order-3 at the cashier: the order was not paid: "order order-3 is not open (status 05)"',
    });
    expect(result.steps).toHaveLength(1);
    expect(fake.log).not.toContain('advanceClock 5000');
  });

  it('checks the balances it expects, read before and after paying', async () => {
    const fake = await fakeTarget();
    const result = await runOne(fake, [{ payOrder: 'order-4', expect: { balances: { 'merchant.settlement': '+1.00' } } }]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].failures).toEqual(['merchant.settlement changed by 0.00, expected +1.00']);
    expect(fake.log.slice(1, -1)).toEqual(['balances', 'payOrder 216620000090000000001 order-4 (default payer)', 'settle', 'balances']);
  });

  it('skips the case on a target without control, running none of the steps that need the paid order', async () => {
    const fake = await fakeTarget({ control: false });
    const refund = answering({ responseCode: '2005800' });
    const result = await runOne(fake, [{ payOrder: 'order-5' }, { call: 'refundOrder', request: {}, expect: { code: '2005800' } }], {
      refundOrder: refund.call,
    });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: "pay order order-5 at the cashier: paying at DANA's hosted cashier needs a browser; run this case by hand",
    });
    expect(result.steps).toHaveLength(1);
    expect(refund.requests).toEqual([]);
  });
});

describe('the runner calling an operation', () => {
  it('records a passing step with what was sent and received, and no note', async () => {
    const result = await runOne(
      await fakeTarget(),
      [topUp({ code: '2003800', message: 'Successful', fields: { partnerReferenceNo: 'ref-1' } })],
      { transferToDana: answering(TOP_UP_DONE).call },
    );
    expect(result).toMatchObject({ status: 'passed', reason: undefined, attempts: 1 });
    const { durationMs, ...step } = result.steps[0];
    expect(step).toStrictEqual({
      label: 'transferToDana',
      status: 'passed',
      failures: [],
      request: { partnerReferenceNo: 'ref-1' },
      response: TOP_UP_DONE,
      httpStatus: undefined,
      client: 'adapter',
    });
  });

  it('notes that balance changes are not checked on a target without control', async () => {
    const result = await runOne(
      await fakeTarget({ control: false }),
      [topUp({ code: '2003800', balances: { 'merchant.deposit': '-2.00' } })],
      { transferToDana: answering(TOP_UP_DONE).call },
    );
    expect(result.status).toBe('passed');
    expect(result.steps[0].note).toBe('balance changes are checked on simulators only');
  });

  it('adds no note to a step without balance expectations on a target without control', async () => {
    const result = await runOne(await fakeTarget({ control: false }), [topUp({ code: '2003800' })], {
      transferToDana: answering(TOP_UP_DONE).call,
    });
    expect(result.status).toBe('passed');
    expect(result.steps[0]).not.toHaveProperty('note');
  });

  it('skips a bank VA call on a target without bank credentials, sending nothing', async () => {
    const fake = await fakeTarget({ bank: false });
    const result = await runOne(fake, [{ call: 'vaPayment', request: {}, expect: { code: '2002500' } }]);
    expect(result).toMatchObject({ status: 'skipped', reason: 'vaPayment: no bank credentials for this target' });
    const { durationMs, ...step } = result.steps[0];
    expect(step).toStrictEqual({ label: 'vaPayment', status: 'skipped', skipped: 'no bank credentials for this target', failures: [] });
    expect(fake.rawRequests).toEqual([]);
  });

  it('labels a tampered step and sends it through the raw signer with the changed header', async () => {
    const fake = await fakeTarget({
      raw: { status: 401, body: { responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' } },
    });
    const topUps = answering(TOP_UP_DONE);
    const result = await runOne(fake, [topUp({ code: '4013800' }, { via: 'raw', tamper: { headers: { 'x-signature': 'fake' } } })], {
      transferToDana: topUps.call,
    });
    expect(result.status).toBe('passed');
    expect(result.steps[0]).toMatchObject({ label: 'transferToDana (tampered)', httpStatus: 401 });
    expect(fake.rawRequests.map((request) => request.headers['x-signature'])).toEqual(['fake']);
    expect(topUps.requests).toEqual([]);
  });

  it("fails a step whose client throws without DANA's response, keeping the request", async () => {
    const result = await runOne(await fakeTarget(), [topUp({ code: '2003800' })], {
      transferToDana: answering(new Error('socket hang up')).call,
    });
    expect(result.reason).toBe("transferToDana: the client threw without DANA's response: socket hang up");
    const { durationMs, ...step } = result.steps[0];
    expect(step).toStrictEqual({
      label: 'transferToDana',
      status: 'failed',
      failures: ["the client threw without DANA's response: socket hang up"],
      request: { partnerReferenceNo: 'ref-1' },
      client: 'adapter',
    });
  });

  it('names every accepted code and message when none matches', async () => {
    const result = await runOne(
      await fakeTarget(),
      [topUp({ code: ['2003800', '2023800'], message: ['Successful', 'Request In Progress'] })],
      { transferToDana: answering(SYSTEM_ERROR).call },
    );
    expect(result.steps[0].failures).toEqual([
      'expected code 2003800 or 2023800, got 5003801',
      'expected message "Successful" or "Request In Progress", got "Internal Server Error"',
    ]);
  });

  it.each([
    ['no body at all', undefined, 'nothing'],
    ['an empty object', {}, '{}'],
    ['a gateway page', 'Bad Gateway', '"Bad Gateway"'],
    ['an Open API envelope without a body', { response: {} }, '{"response":{}}'],
    ['an Open API body without resultInfo', { response: { body: {} } }, '{"response":{"body":{}}}'],
    ['a numeric responseCode', { responseCode: 5003801 }, '{"responseCode":5003801}'],
  ])('fails a reply without a code (%s), showing what arrived', async (_, body, shown) => {
    const result = await runOne(await fakeTarget(), [topUp({ code: '2003800', message: 'Successful' })], {
      transferToDana: answering(new DanaResponseError(502, body)).call,
    });
    expect(result.steps[0].failures).toEqual([`expected code 2003800, got ${shown}`, 'expected message "Successful", got undefined']);
    expect(result.steps[0].httpStatus).toBe(502);
  });

  it('treats a message that is not text as no message', async () => {
    const result = await runOne(await fakeTarget(), [topUp({ code: '2003800', message: 'Successful' })], {
      transferToDana: answering({ ...TOP_UP_DONE, responseMessage: 200 }).call,
    });
    expect(result.steps[0].failures).toEqual(['expected message "Successful", got undefined']);
  });

  it('reads an Open API result code from response.body.resultInfo', async () => {
    const reply = { response: { body: { resultInfo: { resultCode: 'SUCCESS' }, acquirementId: 'A1' } } };
    const result = await runOne(
      await fakeTarget(),
      [{ call: 'queryPayment', request: {}, expect: { code: 'SUCCESS', fields: { acquirementId: 'A1' } } }],
      { queryPayment: answering(reply).call },
    );
    expect(result.status).toBe('passed');
  });

  it('ties only seven-digit SNAP codes to the HTTP status', async () => {
    const raw = await runOne(await fakeTarget({ raw: { status: 200, body: { responseCode: '40338050' } } }), [
      topUp({ code: '40338050' }, { via: 'raw' }),
    ]);
    expect(raw.status).toBe('passed');
    expect(raw.steps[0].httpStatus).toBe(200);
    const returned = await runOne(await fakeTarget(), [topUp({ code: '40338050' })], {
      transferToDana: answering({ responseCode: '40338050' }).call,
    });
    expect(returned.status).toBe('passed');
  });

  it('accepts a SNAP failure code thrown with the HTTP status of its first three digits', async () => {
    const result = await runOne(await fakeTarget(), [topUp({ code: '4033805' })], {
      transferToDana: answering(new DanaResponseError(403, { responseCode: '4033805' })).call,
    });
    expect(result.status).toBe('passed');
    expect(result.steps[0].httpStatus).toBe(403);
  });

  it('saves response values for later steps: SNAP from the body, Open API from response.body', async () => {
    const topUps = answering({ ...TOP_UP_DONE, referenceNo: 'R-7' });
    const payments = answering({ response: { body: { resultInfo: { resultCode: 'SUCCESS' }, acquirementId: 'A-9' } } });
    const inquiries = answering({ responseCode: '2003900' });
    const result = await runOne(
      await fakeTarget(),
      [
        topUp({ code: '2003800' }, { save: { referenceNo: 'response.referenceNo' } }),
        { call: 'queryPayment', request: {}, save: { acquirementId: 'response.acquirementId' }, expect: { code: 'SUCCESS' } },
        {
          call: 'transferToDanaInquiryStatus',
          request: { originalReferenceNo: '{{referenceNo}}', acquirementId: '{{acquirementId}}' },
          expect: { code: '2003900' },
        },
      ],
      { transferToDana: topUps.call, queryPayment: payments.call, transferToDanaInquiryStatus: inquiries.call },
    );
    expect(result.status).toBe('passed');
    expect(inquiries.requests).toEqual([{ originalReferenceNo: 'R-7', acquirementId: 'A-9' }]);
  });

  it('keeps a saved request value as sent, whatever the reply echoes at the same path', async () => {
    const topUps = answering({ ...TOP_UP_DONE, partnerReferenceNo: 'echoed-other' });
    const inquiries = answering({ responseCode: '2003900' });
    const result = await runOne(
      await fakeTarget(),
      [
        topUp({ code: '2003800' }, { save: { sent: 'request.partnerReferenceNo' } }),
        { call: 'transferToDanaInquiryStatus', request: { originalPartnerReferenceNo: '{{sent}}' }, expect: { code: '2003900' } },
      ],
      { transferToDana: topUps.call, transferToDanaInquiryStatus: inquiries.call },
    );
    expect(result.status).toBe('passed');
    expect(inquiries.requests).toEqual([{ originalPartnerReferenceNo: 'ref-1' }]);
  });
});

describe('the runner matching expected fields', () => {
  const judge = async (fields: Record<string, unknown>, reply: Record<string, unknown>) =>
    (
      await runOne(await fakeTarget(), [topUp({ code: '2003800', fields })], {
        transferToDana: answering({ ...TOP_UP_DONE, ...reply }).call,
      })
    ).steps[0].failures;

  it('matches an expected object by the members it names, ignoring the others', async () => {
    expect(await judge({ amount: { value: '1.00' } }, { amount: { value: '1.00', currency: 'IDR' } })).toEqual([]);
  });

  it('fails an expected object whose member differs', async () => {
    expect(await judge({ amount: { value: '1.00' } }, { amount: { value: '2.00', currency: 'IDR' } })).toEqual([
      'amount: expected {"value":"1.00"}, got {"value":"2.00","currency":"IDR"}',
    ]);
  });

  it('fails an expected object where the reply has nothing or a text', async () => {
    expect(await judge({ amount: { value: '1.00' } }, {})).toEqual(['amount: expected {"value":"1.00"}, got nothing']);
    expect(await judge({ additionalInfo: {} }, { additionalInfo: 'none' })).toEqual(['additionalInfo: expected {}, got "none"']);
  });

  it('compares an expected list whole, in order', async () => {
    expect(await judge({ tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toEqual([]);
    expect(await judge({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual(['tags: expected ["a"], got ["a","b"]']);
  });

  it('requires a value, any value, at each present path: not absent, null or empty', async () => {
    const present = async (reply: Record<string, unknown>) =>
      (
        await runOne(await fakeTarget(), [topUp({ code: '2003800', present: ['referenceNo', 'additionalInfo.paymentCode'] })], {
          transferToDana: answering({ ...TOP_UP_DONE, ...reply }).call,
        })
      ).steps[0].failures;
    expect(await present({ referenceNo: '2030', additionalInfo: { paymentCode: 0 } })).toEqual([]);
    expect(await present({ referenceNo: null, additionalInfo: { paymentCode: '' } })).toEqual([
      'referenceNo: expected a value, got null',
      'additionalInfo.paymentCode: expected a value, got ""',
    ]);
    expect(await present({})).toEqual([
      'referenceNo: expected a value, got nothing',
      'additionalInfo.paymentCode: expected a value, got nothing',
    ]);
  });
});

describe('the runner expecting a notification', () => {
  /** A case that creates an order with the case's notification URL, then expects `notify`. */
  const orderThen = (fake: Fake, notify: Step, reply: unknown = { responseCode: '2005400', partnerReferenceNo: 'ref-1' }) => {
    const orders = answering(reply);
    const client: DanaClient = {
      createOrder: async (request) => {
        fake.notifyUrl = (request as { notifyUrl: string }).notifyUrl;
        return orders.call(request);
      },
    };
    const steps: Step[] = [
      {
        call: 'createOrder',
        request: { partnerReferenceNo: 'ref-1', notifyUrl: '{{notifyUrl}}' },
        save: { partnerReferenceNo: 'request.partnerReferenceNo' },
        expect: { code: '2005400' },
      },
      notify,
    ];
    return { steps, client };
  };
  const finish = (status: string, extra: Record<string, unknown> = {}) => ({
    originalPartnerReferenceNo: 'ref-1',
    latestTransactionStatus: status,
    ...extra,
  });

  it('skips on a target without control, naming the receiver DANA cannot reach', async () => {
    const fake = await fakeTarget({ control: false });
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'finishNotify' } });
    const result = await runOne(fake, steps, client);
    const receiver = new URL(fake.notifyUrl!).origin;
    expect(result).toMatchObject({ status: 'skipped', reason: `expect finishNotify: DANA cannot deliver notifications to ${receiver}` });
    const { durationMs, ...step } = result.steps[1];
    expect(step).toStrictEqual({
      label: 'expect finishNotify',
      status: 'skipped',
      skipped: `DANA cannot deliver notifications to ${receiver}`,
      failures: [],
    });
  });

  it('passes when the notification arrives at the next settle, without moving the clock', async () => {
    const fake = await fakeTarget({ danaPublicKey: true });
    fake.queued.push({ body: finish('00') });
    const { steps, client } = orderThen(fake, {
      expectNotify: {
        kind: 'finishNotify',
        fields: { latestTransactionStatus: '00', originalPartnerReferenceNo: '{{partnerReferenceNo}}' },
      },
    });
    const result = await runOne(fake, steps, client);
    expect(result.status).toBe('passed');
    const { durationMs, ...step } = result.steps[1];
    expect(step).toStrictEqual({ label: 'expect finishNotify', status: 'passed', failures: [], response: finish('00'), httpStatus: 200 });
    expect(fake.log.filter((entry) => !entry.startsWith('setNotifyUrl'))).toEqual(['settle']);
  });

  it('passes a notification expectation naming no fields', async () => {
    const fake = await fakeTarget();
    fake.queued.push({ body: finish('00') });
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'transferToBankNotify' } });
    expect((await runOne(fake, steps, client)).status).toBe('passed');
  });

  it('moves the clock along until the expected number of deliveries arrived, and checks the last', async () => {
    const fake = await fakeTarget({ deliverOn: 'advance', danaPublicKey: true });
    fake.queued.push({ body: finish('05') }, { body: finish('00') }, { body: finish('06') });
    const { steps, client } = orderThen(fake, {
      expectNotify: { kind: 'finishNotify', attempts: 2, fields: { latestTransactionStatus: '00' } },
    });
    const result = await runOne(fake, steps, client, { setup: { receiver: [{ status: 500 }, { status: 200 }] } });
    expect(result.status).toBe('passed');
    expect(result.steps[1]).toMatchObject({ response: finish('00'), httpStatus: 200 });
    expect(fake.log.filter((entry) => !entry.startsWith('setNotifyUrl'))).toEqual([
      'settle',
      'advanceClock 5000',
      'settle',
      'advanceClock 5000',
    ]);
  });

  it('checks the last of several deliveries', async () => {
    const fake = await fakeTarget();
    fake.queued.push({ body: finish('05') }, { body: finish('06') }, { body: finish('00') });
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'finishNotify', fields: { latestTransactionStatus: '00' } } });
    const result = await runOne(fake, steps, client);
    expect(result.status).toBe('passed');
    expect(result.steps[1].response).toEqual(finish('00'));
  });

  it('fails a notification whose fields differ, naming each', async () => {
    const fake = await fakeTarget();
    fake.queued.push({ body: finish('05', { originalPartnerReferenceNo: 'other' }) });
    const { steps, client } = orderThen(fake, {
      expectNotify: {
        kind: 'finishNotify',
        fields: { latestTransactionStatus: '00', originalPartnerReferenceNo: '{{partnerReferenceNo}}' },
      },
    });
    const result = await runOne(fake, steps, client);
    expect(result.status).toBe('failed');
    expect(result.steps[1].failures).toEqual([
      'notification latestTransactionStatus: expected "00", got "05"',
      'notification originalPartnerReferenceNo: expected "ref-1", got "other"',
    ]);
    expect(result.reason).toBe(`expect finishNotify: ${result.steps[1].failures.join('; ')}`);
  });

  // The runner waits three seconds of real time before giving up.
  it('fails when no notification arrives before the wait ends, with no response to show', async () => {
    const fake = await fakeTarget();
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'finishNotify', fields: { latestTransactionStatus: '00' } } });
    const result = await runOne(fake, steps, client);
    const { durationMs, ...step } = result.steps[1];
    expect(step).toStrictEqual({
      label: 'expect finishNotify',
      status: 'failed',
      failures: ['expected 1 deliveries at the NOTIFICATION url, got 0'],
      response: undefined,
      httpStatus: undefined,
    });
  });

  it("fails when any delivery's signature does not verify with the target's DANA key", async () => {
    const fake = await fakeTarget({ danaPublicKey: true });
    fake.queued.push({ body: finish('05') }, { body: finish('00'), signed: false });
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'finishNotify', attempts: 2 } });
    const result = await runOne(fake, steps, client);
    expect(result.steps[1].failures).toEqual(['a notification signature does not verify with the DANA public key']);
  });

  it('accepts unsigned deliveries when the target names no DANA key', async () => {
    const fake = await fakeTarget();
    fake.queued.push({ body: finish('00'), signed: false });
    const { steps, client } = orderThen(fake, { expectNotify: { kind: 'finishNotify' } });
    expect((await runOne(fake, steps, client)).status).toBe('passed');
  });
});

describe("a call on one of the endpoint's paths", () => {
  const CANCEL: CallStep = {
    call: 'cancelOrder',
    path: '/v1.0/debit/cancel.htm',
    request: { originalPartnerReferenceNo: '4035705', merchantId: MERCHANT.merchantId },
    expect: { code: '2005700', message: 'Successful' },
  };
  const CANCELLED = { responseCode: '2005700', responseMessage: 'Successful' };

  it('goes to the adapter operation named `<call> <path>`, not to the plain operation', async () => {
    const widget = answering(CANCELLED);
    const plain = answering({ responseCode: '2005700', responseMessage: 'Success' });
    const fake = await fakeTarget();
    const result = await runOne(fake, [CANCEL], { cancelOrder: plain.call, 'cancelOrder /v1.0/debit/cancel.htm': widget.call });
    expect(result.status, result.reason).toBe('passed');
    expect(result.steps[0].label).toBe('cancelOrder at /v1.0/debit/cancel.htm');
    expect([widget.requests.length, plain.requests.length, fake.rawRequests.length]).toEqual([1, 0, 0]);
  });

  it('goes raw to that path when the adapter has no operation for it', async () => {
    const plain = answering(CANCELLED);
    const fake = await fakeTarget({ raw: { status: 200, body: CANCELLED } });
    const result = await runOne(fake, [CANCEL], { cancelOrder: plain.call });
    expect(result.status, result.reason).toBe('passed');
    expect(plain.requests).toHaveLength(0);
    expect(fake.rawRequests.map((r) => r.path)).toEqual(['/v1.0/debit/cancel.htm']);
  });

  it('fails the case, naming the path, when the endpoint is not served there', async () => {
    const fake = await fakeTarget();
    const result = await runOne(fake, [{ ...CANCEL, path: '/v1.0/debit/nowhere.htm' }]);
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('runner: cancelOrder is not served at /v1.0/debit/nowhere.htm');
    expect(fake.rawRequests).toHaveLength(0);
  });
});
