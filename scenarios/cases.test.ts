import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseFile, Operation, Product } from './types.ts';

// The UAT case files (scenarios/cases/<id>.json) as data: well-formed, shaped like CaseFile, and
// covering DANA's mandatory list (sandbox-magic-values.md section 10) with a classify block each.

const DIR = new URL('./cases/', import.meta.url);
const files = readdirSync(DIR).filter((name) => name.endsWith('.json')).sort();
const parsed = files.map((file) => ({ file, text: readFileSync(new URL(file, DIR), 'utf8') }));
const cases = parsed.map(({ file, text }) => ({ file, data: JSON.parse(text) as CaseFile }));

// Record<Operation, true>: tsc fails if this drifts from the Operation union in types.ts.
const OPERATIONS: Record<Operation, true> = {
  queryMerchantResource: true, danaAccountInquiry: true, transferToDana: true, transferToDanaInquiryStatus: true,
  bankAccountInquiry: true, transferToBank: true, transferToBankInquiryStatus: true, createOrder: true,
  queryPayment: true, vaInquiry: true, vaPayment: true,
};
const PRODUCTS: Record<Product, true> = { disbursement: true, merchant: true, va: true };
const STEP_KEYS: Record<string, readonly string[]> = {
  call: ['call', 'via', 'request', 'tamper', 'save', 'expect'],
  advanceClock: ['advanceClock'],
  payVa: ['payVa'],
  expectNotify: ['expectNotify'],
};
const CASE_KEYS = ['id', 'scenario', 'mandatory', 'product', 'title', 'source', 'classify', 'setup', 'steps'];
const BUILT_IN_TEMPLATES = /^(uuid|merchantId|partnerServiceId|notifyUrl|returnUrl|validUpTo\+\d+s)$/;
const MANDATORY: Record<string, number> = { 'Dana Disbursement TopUp': 7, 'Dana Disbursement Bank Top Up': 7, 'General Payment finish notify': 3 };

const templatesIn = (value: unknown): string[] => [...JSON.stringify(value ?? null).matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]);

describe('scenarios/cases', () => {
  it('has case files, each valid JSON', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const { file, text } of parsed) expect(() => JSON.parse(text), file).not.toThrow();
  });

  it('names every file after its id, with unique ids and only CaseFile members', () => {
    for (const { file, data } of cases) {
      expect(`${data.id}.json`, file).toBe(file);
      expect(Object.keys(data).filter((key) => !CASE_KEYS.includes(key)), file).toEqual([]);
      expect(typeof data.scenario === 'string' && data.scenario.length > 0 && typeof data.title === 'string', file).toBe(true);
      expect(typeof data.mandatory, file).toBe('boolean');
      expect(PRODUCTS[data.product], file).toBe(true);
      expect(data.steps.length, file).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.data.id)).size).toBe(cases.length);
  });

  it('makes every step exactly one of the four kinds, and every call a known Operation', () => {
    for (const { file, data } of cases) {
      for (const step of data.steps as readonly Record<string, any>[]) {
        const kinds = Object.keys(STEP_KEYS).filter((kind) => kind in step);
        expect(kinds, `${file}: ${JSON.stringify(step)}`).toHaveLength(1);
        expect(Object.keys(step).filter((key) => !STEP_KEYS[kinds[0]].includes(key)), file).toEqual([]);
        if (kinds[0] === 'call') {
          expect(OPERATIONS[step.call as Operation], `${file}: ${step.call}`).toBe(true);
          expect(step.request, file).toBeDefined();
          expect([step.expect.code].flat().every((code: unknown) => typeof code === 'string' && code.length > 0), file).toBe(true);
          if (step.via !== undefined) expect(step.via, file).toBe('raw');
          if (step.tamper) expect(step.via, `${file}: tampered steps go raw`).toBe('raw');
        }
        if (kinds[0] === 'expectNotify') expect(['finishNotify', 'transferToBankNotify'], file).toContain(step.expectNotify.kind);
        if (kinds[0] === 'advanceClock') expect(step.advanceClock, file).toMatch(/^\d+(ms|s|m|h)$/);
      }
    }
  });

  it('uses only built-in templates or names saved by an earlier step', () => {
    for (const { file, data } of cases) {
      const saved = new Set<string>();
      for (const step of data.steps as readonly Record<string, any>[]) {
        const used = templatesIn({ ...step, save: undefined }).filter((name) => !BUILT_IN_TEMPLATES.test(name));
        for (const name of used) expect(saved.has(name), `${file}: {{${name}}} used before it is saved`).toBe(true);
        for (const [name, from] of Object.entries<string>(step.save ?? {})) {
          expect(from, file).toMatch(/^(request|response)\./);
          saved.add(name);
        }
      }
    }
  });

  it('covers the 17 mandatory cases per scenario, each with a classify block', () => {
    const mandatory = cases.filter((c) => c.data.mandatory).map((c) => c.data);
    const perScenario: Record<string, number> = {};
    for (const c of mandatory) perScenario[c.scenario] = (perScenario[c.scenario] ?? 0) + 1;
    expect(perScenario).toEqual(MANDATORY);
    expect(mandatory).toHaveLength(17);
    for (const c of mandatory) {
      expect(c.classify, c.id).toBeDefined();
      const classify = c.classify as Record<string, any>;
      if ('endpoint' in classify) expect(OPERATIONS[classify.endpoint as Operation], c.id).toBe(true);
      else expect(['finishNotify', 'transferToBankNotify'], c.id).toContain(classify.notification);
    }
  });
});
