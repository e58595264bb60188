import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testKeys } from '../test/helpers.ts';
import { rawClient } from './clients/raw.ts';
import { loadCases, selectCases } from './load.ts';
import { runCases } from './runner.ts';
import { simTarget } from './targets/sim.ts';
import type { Target } from './targets/types.ts';
import type { CallStep, CaseFile, CaseResult } from './types.ts';

// The runner's own checks, judged by a target that lies: the in-process simulator behind a loopback
// proxy that rewrites one thing in its replies, or a ledger view that hides one account's changes.
// Each lie must fail its case with a reason naming what differed; the same proxy telling the truth
// passes every case.

interface Reply {
  readonly status: number;
  readonly body: Record<string, any>;
}

interface Lies {
  /** Rewrites a reply on its way back to the runner. */
  readonly reply?: (reply: Reply) => Reply;
  /** Ledger accounts whose changes the target hides: they keep their balance of the first read (0 if absent then). */
  readonly hide?: RegExp;
}

const cases = loadCases();
const only = (...ids: string[]) => selectCases(cases, { only: ids });
const caseById = (id: string) => only(id)[0];

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `use` against the simulator behind a proxy applying `lies`, then closes both. */
async function withTarget(lies: Lies, use: (target: Target) => Promise<void>): Promise<void> {
  const { dana, merchant } = testKeys();
  const inner = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem } });
  const server = createServer(async (request, response) => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(inner.baseUrl + request.url, { method: request.method, headers, body: await bodyOf(request) });
    const truth: Reply = { status: upstream.status, body: JSON.parse(await upstream.text()) };
    const told = lies.reply ? lies.reply(truth) : truth;
    response.writeHead(told.status, { 'content-type': 'application/json' }).end(JSON.stringify(told.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let firstRead: Record<string, number> | undefined;
  const control = inner.control!;
  const target: Target = {
    ...inner,
    name: 'simulator behind a lying proxy',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    control: {
      ...control,
      balances: async () => {
        const balances = await control.balances();
        firstRead ??= balances;
        const shown = (account: string, balance: number) => (lies.hide?.test(account) ? (firstRead![account] ?? 0) : balance);
        return Object.fromEntries(Object.entries(balances).map(([account, balance]) => [account, shown(account, balance)]));
      },
    },
  };
  try {
    await use(target);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await inner.close();
  }
}

async function run(
  lies: Lies,
  selected: readonly CaseFile[],
  adjust: (target: Target) => Target = (target) => target,
): Promise<CaseResult[]> {
  let results: CaseResult[] = [];
  await withTarget(lies, async (target) => {
    const used = adjust(target);
    results = [
      ...(await runCases({ target: used, client: { name: 'raw', adapter: rawClient(used.baseUrl, used.merchant) }, cases: selected }))
        .cases,
    ];
  });
  return results;
}

const sentReference = (result: CaseResult, step = 0) => (result.steps[step].request as { partnerReferenceNo: string }).partnerReferenceNo;

describe('the UAT runner against a truthful target', () => {
  it('passes every case through the proxy when it changes nothing', async () => {
    const results = await run({}, cases);
    expect(results.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(results).toHaveLength(cases.length);
  });
});

describe('the UAT runner against a target that lies about money', () => {
  it('fails a top up whose fee income never moves, naming the account, its change and the expected change', async () => {
    const [result] = await run({ hide: /^dana:fee-income$/ }, only('TopUpCustomerValid'));
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('transferToDana: dana:fee-income changed by 0.00, expected +1.00');
    expect(result.steps[0].failures).toEqual(['dana:fee-income changed by 0.00, expected +1.00']);
  });

  it('fails a refusal that moved money anyway, naming every account that moved', async () => {
    // A valid customer's top up, answered with the frozen-account refusal after the money moved.
    const frozen = caseById('TopUpCustomerFrozenAccount');
    const step = frozen.steps[0] as CallStep;
    const refusal: CaseFile = {
      ...frozen,
      steps: [
        {
          ...step,
          request: { ...(step.request as object), customerNumber: '62811742234' },
          expect: { ...step.expect, balances: { 'merchant.deposit': '0.00', 'user:62811742234': '0.00', 'dana:fee-income': '0.00' } },
        },
      ],
    };
    const refuse = ({ body }: Reply): Reply =>
      body.responseCode === '2003800'
        ? { status: 403, body: { responseCode: '4033805', responseMessage: 'Do Not Honor', partnerReferenceNo: body.partnerReferenceNo } }
        : { status: 200, body };
    const [result] = await run({ reply: refuse }, [refusal]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].failures).toEqual([
      'merchant.deposit changed by -2.00, expected 0.00',
      'user:62811742234 changed by 1.00, expected 0.00',
      'dana:fee-income changed by 1.00, expected 0.00',
    ]);
    expect(result.reason).toBe(`transferToDana: ${result.steps[0].failures.join('; ')}`);
  });

  it('fails a sandbox VA payment whose settlement never moves and runs no later step', async () => {
    const [result] = await run({ hide: /:settlement$/ }, only('TransactionSuccessNotify'));
    expect(result.status).toBe('failed');
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'failed']);
    const { label } = result.steps[1];
    expect(label).toMatch(/^pay VA \S+ \(sandbox tools\)$/);
    expect(result.reason).toBe(`${label}: merchant.settlement changed by 0.00, expected +11011.00`);
  });

  it('passes a sandbox VA payment on a target without bank credentials, noting bank.settlement as unchecked', async () => {
    const [result] = await run({}, only('TransactionSuccessNotify'), (target) => ({ ...target, bank: undefined }));
    expect(result.status).toBe('passed');
    expect(result.steps[1].note).toBe('bank.settlement not checked: this target has no bank credentials');
  });
});

describe('the UAT runner against a target that lies in its reply', () => {
  const withStatus =
    (code: string, status: number) =>
    (reply: Reply): Reply =>
      reply.body.responseCode === code ? { ...reply, status } : reply;

  // The adapter returns 2xx bodies without their status, so the runner records none for them.
  it.each([
    ['a raw step', 'DisbursementBankInsufficientFund', '4034314', 200, 200, 'transferToBank: HTTP status 200 does not match code 4034314'],
    [
      'an adapter step that throws',
      'TopUpCustomerFrozenAccount',
      '4033805',
      404,
      404,
      'transferToDana: HTTP status 404 does not match code 4033805',
    ],
    [
      'an adapter step that returns',
      'TopUpCustomerFrozenAccount',
      '4033805',
      200,
      undefined,
      'transferToDana: the client returned code 4033805 as a 2xx reply; it must arrive with HTTP 403',
    ],
  ])('fails %s whose HTTP status is not the first three digits of its code', async (_, id, code, status, recordedStatus, reason) => {
    const [result] = await run({ reply: withStatus(code, status) }, only(id));
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(reason);
    expect(result.steps[0].httpStatus).toBe(recordedStatus);
  });

  it('fails a wrong response code, naming the expected and the actual code', async () => {
    const [result] = await run(
      { reply: ({ status, body }) => ({ status, body: body.responseCode === '4033805' ? { ...body, responseCode: '4033814' } : body }) },
      only('TopUpCustomerFrozenAccount'),
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('transferToDana: expected code 4033805, got 4033814');
  });

  it('fails a wrong response message, quoting the expected and the actual text', async () => {
    const [result] = await run(
      { reply: ({ status, body }) => ({ status, body: { ...body, responseMessage: 'Do not honor' } }) },
      only('TopUpCustomerFrozenAccount'),
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('transferToDana: expected message "Do Not Honor", got "Do not honor"');
  });

  it('fails a bank inquiry reply without the partnerReferenceNo echo, naming the field and the value sent', async () => {
    const drop = ({ status, body }: Reply): Reply => ({
      status,
      body: Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'partnerReferenceNo')),
    });
    const [result] = await run({ reply: drop }, only('InquiryBankAccountValidDataAmount'));
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(`bankAccountInquiry: partnerReferenceNo: expected ${JSON.stringify(sentReference(result))}, got nothing`);
  });

  it("fails a top-up status reply echoing another transaction's reference and amount, naming both fields", async () => {
    const other = ({ status, body }: Reply): Reply =>
      body.responseCode === '2003900'
        ? { status, body: { ...body, originalPartnerReferenceNo: 'another-top-up', amount: { value: '2.00', currency: 'IDR' } } }
        : { status, body };
    const [result] = await run({ reply: other }, only('InquiryTopUpStatusValidPaid'));
    expect(result.status).toBe('failed');
    expect(result.steps.map((step) => step.status)).toEqual(['passed', 'failed']);
    expect(result.steps[1].failures).toEqual([
      `originalPartnerReferenceNo: expected ${JSON.stringify(sentReference(result))}, got "another-top-up"`,
      'amount: expected {"value":"1.00","currency":"IDR"}, got {"value":"2.00","currency":"IDR"}',
    ]);
    expect(result.reason).toBe(`transferToDanaInquiryStatus: ${result.steps[1].failures.join('; ')}`);
  });
});
