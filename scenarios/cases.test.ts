import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testKeys } from '../test/helpers.ts';
import { rawClient } from './clients/raw.ts';
import { accountOf, runCases } from './runner.ts';
import { simTarget } from './targets/sim.ts';
import type { Target } from './targets/types.ts';
import { ENDPOINTS } from '../simulator/products/index.ts';
import { productsOf, type CallStep, type CaseFile, type Operation, type PayOrderStep, type PayVaStep, type Step } from './types.ts';

// The UAT case files (scenarios/cases/<id>.json) as data: well-formed, shaped like CaseFile, and
// covering DANA's mandatory list (sandbox-magic-values.md section 10) with a classify block each.
// Their balance expectations are complete: replayed on the simulator, a step moves exactly the
// accounts it lists with a non-zero change.

const DIR = new URL('./cases/', import.meta.url);
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
const parsed = files.map((file) => ({ file, text: readFileSync(new URL(file, DIR), 'utf8') }));
const cases = parsed.map(({ file, text }) => ({ file, data: JSON.parse(text) as CaseFile }));

// Operations are the endpoints the products serve; a case's product is a selection name.
const OPERATIONS: Record<Operation, true> = Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint.key, true]));
const PRODUCT_NAME = /^[a-z][a-z_-]*$/;
const STEP_KEYS: Record<string, readonly string[]> = {
  call: ['call', 'via', 'path', 'request', 'tamper', 'save', 'expect'],
  advanceClock: ['advanceClock'],
  payVa: ['payVa', 'expect'],
  payOrder: ['payOrder', 'payer', 'expect'],
  expectNotify: ['expectNotify'],
  bind: ['bind', 'as'],
};
const CASE_KEYS = ['id', 'scenario', 'mandatory', 'product', 'title', 'source', 'classify', 'setup', 'steps'];
const MONEY_OPERATIONS: readonly Operation[] = ['transferToDana', 'transferToBank', 'vaPayment', 'cancelOrder', 'refundOrder'];
const BALANCE_ACCOUNT =
  /^(merchant\.(deposit|deposit-reserved|settlement)|bank\.settlement|user:\d+|dana:fee-income|external:bank-payouts)$/;
const BUILT_IN_TEMPLATES = /^(uuid|merchantId|partnerServiceId|notifyUrl|returnUrl|validUpTo\+\d+s)$/;
const MANDATORY: Record<string, number> = {
  'Dana Disbursement TopUp': 7,
  'Dana Disbursement Bank Top Up': 7,
  'Payment Gateway Payment': 5,
  'General Payment finish notify': 3,
  'Widget Payment': 10,
};
// DANA's Payment Gateway UAT (uat-script, node): 49 tests, 8 of them mandatory.
const PAYMENT_GATEWAY: Record<string, number> = {
  'Payment Gateway Payment': 9,
  'General Payment finish notify': 3,
  'Payment Gateway Debit Status': 8,
  'Payment Gateway Cancel Order': 13,
  'Payment Gateway Refund Order': 13,
  'Payment Gateway Consult Pay': 3,
};

const templatesIn = (value: unknown): string[] => [...JSON.stringify(value ?? null).matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]);

describe('scenarios/cases', () => {
  it('has case files, each valid JSON', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const { file, text } of parsed) expect(() => JSON.parse(text), file).not.toThrow();
  });

  it('names every file after its id, with unique ids and only CaseFile members', () => {
    for (const { file, data } of cases) {
      expect(`${data.id}.json`, file).toBe(file);
      expect(
        Object.keys(data).filter((key) => !CASE_KEYS.includes(key)),
        file,
      ).toEqual([]);
      expect(typeof data.scenario === 'string' && data.scenario.length > 0 && typeof data.title === 'string', file).toBe(true);
      expect(typeof data.mandatory, file).toBe('boolean');
      expect(productsOf(data).length, file).toBeGreaterThan(0);
      for (const product of productsOf(data)) expect(product, file).toMatch(PRODUCT_NAME);
      expect(data.steps.length, file).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.data.id)).size).toBe(cases.length);
  });

  it('makes every step exactly one of its kinds, every call a known Operation on one of its paths, every binding a phone and PIN', () => {
    for (const { file, data } of cases) {
      for (const step of data.steps as readonly Record<string, any>[]) {
        const kinds = Object.keys(STEP_KEYS).filter((kind) => kind in step);
        expect(kinds, `${file}: ${JSON.stringify(step)}`).toHaveLength(1);
        expect(
          Object.keys(step).filter((key) => !STEP_KEYS[kinds[0]].includes(key)),
          file,
        ).toEqual([]);
        if (kinds[0] === 'call') {
          expect(OPERATIONS[step.call as Operation], `${file}: ${step.call}`).toBe(true);
          expect(step.request, file).toBeDefined();
          expect(
            [step.expect.code].flat().every((code: unknown) => typeof code === 'string' && code.length > 0),
            file,
          ).toBe(true);
          if (step.via !== undefined) expect(step.via, file).toBe('raw');
          if (step.path !== undefined)
            expect(ENDPOINTS.find((endpoint) => endpoint.key === step.call)?.paths, `${file}: ${step.call} at ${step.path}`).toContain(
              step.path,
            );
          if (step.tamper) expect(step.via, `${file}: tampered steps go raw`).toBe('raw');
        }
        if (kinds[0] === 'expectNotify') expect(['finishNotify', 'transferToBankNotify'], file).toContain(step.expectNotify.kind);
        if (kinds[0] === 'advanceClock') expect(step.advanceClock, file).toMatch(/^\d+(ms|s|m|h)$/);
        if (kinds[0] === 'bind') expect(Object.keys(step.bind).sort(), file).toEqual(['phone', 'pin']);
        if (kinds[0] === 'payVa' && step.expect) expect(Object.keys(step.expect), file).toEqual(['balances']);
      }
    }
  });

  it("uses only built-in templates or saved names: a request uses earlier steps' saves, expectations also the step's own request saves", () => {
    for (const { file, data } of cases) {
      const saved = new Set<string>();
      const unknown = (value: unknown) => templatesIn(value).filter((name) => !BUILT_IN_TEMPLATES.test(name) && !saved.has(name));
      for (const step of data.steps as readonly Record<string, any>[]) {
        const saves = Object.entries<string>(step.save ?? {});
        for (const [, from] of saves) expect(from, file).toMatch(/^(request|response)\./);
        expect(unknown({ ...step, save: undefined, expect: undefined }), `${file}: used before it is saved`).toEqual([]);
        for (const [name, from] of saves) if (from.startsWith('request.')) saved.add(name);
        if ('bind' in step) saved.add(step.as ?? 'authCode');
        expect(unknown(step.expect), `${file}: used before it is saved`).toEqual([]);
        for (const [name] of saves) saved.add(name);
      }
    }
  });

  it("covers DANA's 49 Payment Gateway cases, 8 mandatory, the finish-notify ones counting for Disbursement too", () => {
    const pg = cases.map((c) => c.data).filter((c) => productsOf(c).includes('payment_gateway'));
    const perScenario: Record<string, number> = {};
    for (const c of pg) perScenario[c.scenario] = (perScenario[c.scenario] ?? 0) + 1;
    expect(perScenario).toEqual(PAYMENT_GATEWAY);
    expect(pg.filter((c) => c.mandatory)).toHaveLength(8);
    for (const c of pg.filter((c) => c.scenario === 'General Payment finish notify')) expect(productsOf(c), c.id).toContain('disbursement');
  });

  it('gives every Payment Gateway case a classify block for live progress', () => {
    for (const c of cases.map((c) => c.data).filter((c) => productsOf(c).includes('payment_gateway')))
      expect(c.classify, c.id).toBeDefined();
  });

  it('covers the mandatory cases per scenario, each with a classify block', () => {
    const mandatory = cases.filter((c) => c.data.mandatory).map((c) => c.data);
    const perScenario: Record<string, number> = {};
    for (const c of mandatory) perScenario[c.scenario] = (perScenario[c.scenario] ?? 0) + 1;
    expect(perScenario).toEqual(MANDATORY);
    expect(mandatory).toHaveLength(32);
    for (const c of mandatory) {
      expect(c.classify, c.id).toBeDefined();
      const classify = c.classify as Record<string, any>;
      if ('endpoint' in classify) expect(OPERATIONS[classify.endpoint as Operation], c.id).toBe(true);
      else expect(['finishNotify', 'transferToBankNotify'], c.id).toContain(classify.notification);
    }
  });

  it('gives every money-moving call and every sandbox payment balances on known accounts, as signed changes or 0.00', () => {
    for (const { file, data } of cases) {
      for (const step of data.steps as readonly Record<string, any>[]) {
        const balances: Record<string, string> | undefined = step.expect?.balances;
        if ('payVa' in step || 'payOrder' in step || MONEY_OPERATIONS.includes(step.call))
          expect(balances, `${file}: ${step.call ?? Object.keys(step)[0]}`).toBeDefined();
        for (const [account, change] of Object.entries(balances ?? {})) {
          expect(account, file).toMatch(BALANCE_ACCOUNT);
          expect(change, `${file}: ${account}`).toMatch(/^(0\.00|[+-]\d+\.\d{2})$/);
        }
      }
    }
  });

  it('lists every account a step moves: replayed on the simulator, the accounts each step moved are exactly the non-zero ones it lists', async () => {
    const { dana, merchant } = testKeys();
    const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem } });
    const reads: Record<string, number>[] = [];
    const recording: Target = {
      ...target,
      control: { ...target.control!, balances: async () => reads[reads.push(await target.control!.balances()) - 1] },
    };
    // Steps without balances are measured too, as if they expected nothing to move. Each case ends an
    // hour later on the simulator clock, so what it scheduled (a transfer in progress, an order's
    // expiry) completes there and not inside a later case's measured step.
    const measure = (step: Step): Step =>
      'call' in step || 'payVa' in step || 'payOrder' in step ? ({ ...step, expect: { balances: {}, ...step.expect } } as Step) : step;
    const replayed = cases.map(({ data }) => ({ ...data, steps: [...data.steps.map(measure), { advanceClock: '1h' }] }));
    try {
      const run = await runCases({
        target: recording,
        client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) },
        cases: replayed,
      });
      expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
      const measured = replayed.flatMap((c) =>
        c.steps
          .filter((step): step is CallStep | PayVaStep | PayOrderStep => 'call' in step || 'payVa' in step || 'payOrder' in step)
          .map((step, index) => ({
            at: `${c.id}, ${'call' in step ? step.call : Object.keys(step)[0]} (measured step ${index + 1})`,
            step,
          })),
      );
      expect(reads).toHaveLength(2 * measured.length);
      measured.forEach(({ at, step }, index) => {
        const [before, after] = reads.slice(2 * index, 2 * index + 2);
        const moved = Object.keys({ ...before, ...after }).filter((account) => (after[account] ?? 0) !== (before[account] ?? 0));
        const listed = Object.entries(step.expect!.balances!)
          .filter(([, change]) => Number(change) !== 0)
          .map(([alias]) => accountOf(alias, target));
        expect(moved.sort(), at).toEqual(listed.sort());
      });
    } finally {
      await target.close();
    }
  });
});
