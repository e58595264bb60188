import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../products/index.ts';
import type { Predicate, RuleSpec } from '../../contracts/common/rule.ts';
import { topUp, transferToBank } from '../../contracts/disbursement/index.ts';
import { SANDBOX_RULES } from '../../contracts/sandbox-rules.ts';
import { seededRandom } from '../core/random.ts';
import { RuleError, RuleTable, matches } from './rules.ts';

const table = (seed = 'x') => new RuleTable(ENDPOINTS, seededRandom(seed));
const FROZEN = '628123456667';
const inquiry = (customerNumber: string, value = '1.00') => ({ customerNumber, amount: { value, currency: 'IDR' } });
const fail = (result: string, extra: Partial<RuleSpec> = {}): RuleSpec => ({ endpoint: 'transferToDana', effect: { result }, ...extra });
const fireIds = (rules: RuleTable, calls: number, body: unknown = {}) =>
  Array.from({ length: calls }, () => rules.fire('transferToDana', 'p1', body)?.rule.id);

describe('RuleTable precedence', () => {
  it('lets a user rule win over a sandbox rule whichever was added first', () => {
    const userRule: RuleSpec = {
      id: 'mine',
      endpoint: 'danaAccountInquiry',
      when: [{ field: 'customerNumber', op: 'eq', value: FROZEN }],
      effect: { result: 'GENERAL_ERROR' },
    };
    const sandboxFirst = table();
    for (const rule of SANDBOX_RULES) sandboxFirst.add(rule, 'sandbox');
    sandboxFirst.add(userRule);
    const userFirst = table();
    userFirst.add(userRule);
    for (const rule of SANDBOX_RULES) userFirst.add(rule, 'sandbox');

    for (const rules of [sandboxFirst, userFirst]) {
      expect(rules.list().map((rule) => rule.source)).toEqual(['user', ...SANDBOX_RULES.map(() => 'sandbox')]);
      expect(rules.fire('danaAccountInquiry', 'p1', inquiry(FROZEN))?.effect).toEqual({ kind: 'result', result: 'GENERAL_ERROR' });
      // Other sandbox magic values still apply.
      expect(rules.fire('danaAccountInquiry', 'p1', inquiry('628152768647'))?.rule.id).toBe('sandbox.inquiry.unregistered');
      expect(rules.fire('danaAccountInquiry', 'p1', inquiry('62811742234'))).toBeUndefined();
    }
  });

  it('keeps user rules in insertion order and filters by endpoint and partner', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'a', partnerId: 'p2' }));
    rules.add(fail('INTERNAL_SERVER_ERROR', { id: 'b' }));
    rules.add({ id: 'c', endpoint: '*', effect: { result: 'TIMEOUT' } });
    expect(rules.fire('transferToDana', 'p2', {})?.rule.id).toBe('a');
    expect(rules.fire('transferToDana', 'p1', {})?.rule.id).toBe('b');
    expect(rules.fire('danaAccountInquiry', 'p1', {})?.rule.id).toBe('c');
  });

  it('clear("user") keeps sandbox rules; clear() removes all', () => {
    const rules = table();
    for (const rule of SANDBOX_RULES) rules.add(rule, 'sandbox');
    rules.add(fail('GENERAL_ERROR'));
    rules.add(fail('TIMEOUT'));
    expect(rules.clear('user')).toBe(2);
    expect(rules.list('user')).toEqual([]);
    expect(rules.list('sandbox')).toHaveLength(SANDBOX_RULES.length);
    expect(rules.clear()).toBe(SANDBOX_RULES.length);
    expect(rules.list()).toEqual([]);
  });

  it('keeps sandbox rules in the order they were added, after every user rule', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'sandbox-1' }), 'sandbox');
    rules.add(fail('GENERAL_ERROR', { id: 'sandbox-2' }), 'sandbox');
    rules.add(fail('GENERAL_ERROR', { id: 'user-1' }));
    rules.add(fail('GENERAL_ERROR', { id: 'sandbox-3' }), 'sandbox');
    rules.add(fail('GENERAL_ERROR', { id: 'user-2' }));
    expect(rules.list().map((rule) => rule.id)).toEqual(['user-1', 'user-2', 'sandbox-1', 'sandbox-2', 'sandbox-3']);
  });

  it('numbers unnamed rules rule-1, rule-2, ... and starts each rule uncounted', () => {
    const rules = table();
    expect(rules.add(fail('GENERAL_ERROR'))).toMatchObject({ id: 'rule-1', source: 'user', matched: 0, fired: 0 });
    rules.add(fail('GENERAL_ERROR', { id: 'named' }));
    expect(rules.add(fail('GENERAL_ERROR')).id).toBe('rule-2');
    expect(rules.add(fail('GENERAL_ERROR')).id).toBe('rule-3');
  });

  it('refuses a duplicate id and removes by id', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'dup' }));
    expect(() => rules.add(fail('TIMEOUT', { id: 'dup' }))).toThrow(/a rule with id dup exists/);
    expect(rules.remove('dup')).toBe(true);
    expect(rules.remove('dup')).toBe(false);
  });
});

describe('RuleTable counting', () => {
  it('fires a times-limited rule exactly N times, then retires it', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'twice', times: 2 }));
    expect(fireIds(rules, 4)).toEqual(['twice', 'twice', undefined, undefined]);
    expect(rules.list()).toEqual([]);
  });

  it('fires an nth rule only on the n-th matching call', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'third', nth: 3, when: [{ field: 'customerNumber', op: 'eq', value: FROZEN }] }));
    const matching = inquiry(FROZEN);
    const other = inquiry('62811742234');
    const fired = [matching, other, matching, other, matching, matching].map((body) => rules.fire('transferToDana', 'p1', body)?.rule.id);
    expect(fired).toEqual([undefined, undefined, undefined, undefined, 'third', undefined]);
    expect(rules.list()[0]).toMatchObject({ matched: 4, fired: 1 });
  });

  it('draws probabilities from the seeded source, repeatably', () => {
    const pattern = (seed: string) => {
      const rules = table(seed);
      rules.add(fail('GENERAL_ERROR', { id: 'coin', probability: 0.5 }));
      return fireIds(rules, 64)
        .map((id) => (id ? 1 : 0))
        .join('');
    };
    const draws = seededRandom('x');
    const expected = Array.from({ length: 64 }, () => (draws() < 0.5 ? 1 : 0)).join('');
    expect(pattern('x')).toBe(expected);
    expect(pattern('x')).toBe(pattern('x'));
    expect(pattern('y')).not.toBe(pattern('x'));
    expect(expected).toMatch(/0/);
    expect(expected).toMatch(/1/);
  });

  it('never fires at probability 0, even on a draw of exactly 0', () => {
    const rules = new RuleTable(ENDPOINTS, () => 0);
    rules.add(fail('GENERAL_ERROR', { id: 'never', probability: 0 }));
    expect(fireIds(rules, 3)).toEqual([undefined, undefined, undefined]);
    expect(rules.list()[0]).toMatchObject({ matched: 3, fired: 0 });
  });

  it('draws from the seeded source only for rules with a probability, so other rules do not shift the draws', () => {
    let draws = 0;
    const rules = new RuleTable(ENDPOINTS, () => {
      draws += 1;
      return 0.5;
    });
    rules.add(fail('GENERAL_ERROR', { id: 'always', times: 2 }));
    expect(fireIds(rules, 2)).toEqual(['always', 'always']);
    expect(draws).toBe(0);
  });

  it('never fires at probability 0 and always at probability 1', () => {
    const rules = table();
    rules.add(fail('GENERAL_ERROR', { id: 'never', probability: 0 }));
    rules.add(fail('TIMEOUT', { id: 'always', probability: 1 }));
    expect(new Set(fireIds(rules, 20))).toEqual(new Set(['always']));
  });
});

describe('predicates', () => {
  const body = { amount: { value: '20000000.01', currency: 'IDR' }, customerNumber: '628123', count: 5, empty: '', nil: null };
  const check = (field: string, op: Predicate['op'], value?: Predicate['value']) => matches({ field, op, value }, body);

  it('includes the bound for gte and lte and excludes it for gt and lt', () => {
    expect(check('count', 'gte', 5)).toBe(true);
    expect(check('count', 'gte', 4)).toBe(true);
    expect(check('count', 'gte', 6)).toBe(false);
    expect(check('count', 'lte', 5)).toBe(true);
    expect(check('count', 'lte', 4)).toBe(false);
    expect(check('count', 'gt', 5)).toBe(false);
    expect(check('count', 'gt', 4)).toBe(true);
    expect(check('count', 'lt', 5)).toBe(false);
    expect(check('count', 'lt', 6)).toBe(true);
    expect(check('count', 'lt', 4)).toBe(false);
  });

  it('compares numeric strings as numbers, not as text', () => {
    expect(matches({ field: 'n', op: 'gt', value: '10' }, { n: '9' })).toBe(false);
    expect(matches({ field: 'n', op: 'lt', value: '10' }, { n: '9' })).toBe(true);
    expect(matches({ field: 'n', op: 'gte', value: ' 10 ' }, { n: '10' })).toBe(true);
  });

  it('never compares a blank, null, boolean or non-numeric value as a number', () => {
    for (const value of ['', '   ', null, true, false, 'abc']) {
      for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
        expect(matches({ field: 'n', op, value: 0 }, { n: value })).toBe(false);
        expect(matches({ field: 'n', op, value: value as Predicate['value'] }, { n: 0 })).toBe(false);
      }
    }
  });

  it('compares amount strings numerically', () => {
    expect(check('amount.value', 'gt', 20000000)).toBe(true);
    expect(check('amount.value', 'gt', '20000000.01')).toBe(false);
    expect(check('amount.value', 'gte', '20000000.01')).toBe(true);
    expect(check('amount.value', 'lt', 20000000.02)).toBe(true);
    expect(check('amount.value', 'lte', 20000000)).toBe(false);
    expect(check('amount.value', 'lte', '20000000.010')).toBe(true);
    expect(check('amount.currency', 'gt', 0)).toBe(false);
    expect(check('missing', 'lt', 1)).toBe(false);
    expect(matches({ field: 'amount.value', op: 'gt', value: 20000000 }, inquiry(FROZEN, '20000000.00'))).toBe(false);
  });

  it('evaluates eq, ne and in by string value', () => {
    expect(check('customerNumber', 'eq', '628123')).toBe(true);
    expect(check('count', 'eq', '5')).toBe(true);
    expect(check('customerNumber', 'eq', '628124')).toBe(false);
    expect(check('missing', 'eq', 'undefined')).toBe(false);
    expect(check('customerNumber', 'ne', '628124')).toBe(true);
    expect(check('count', 'ne', 5)).toBe(false);
    expect(check('customerNumber', 'in', ['1', '628123'])).toBe(true);
    expect(check('count', 'in', [4, 6])).toBe(false);
    expect(check('count', 'in', '5')).toBe(false);
    expect(check('count', 'ne', '5')).toBe(false);
    expect(check('missing', 'ne', 'undefined')).toBe(true);
  });

  it('treats an eq or ne without a value as a test for a missing field', () => {
    expect(check('missing', 'eq')).toBe(true);
    expect(check('customerNumber', 'eq')).toBe(false);
    expect(check('missing', 'ne')).toBe(false);
    expect(check('customerNumber', 'ne')).toBe(true);
  });

  it('treats absent, null and "" alike for exists and absent', () => {
    for (const field of ['missing', 'empty', 'nil', 'amount.value.deeper']) {
      expect(check(field, 'exists')).toBe(false);
      expect(check(field, 'absent')).toBe(true);
    }
    expect(check('amount', 'exists')).toBe(true);
    expect(check('count', 'absent')).toBe(false);
  });

  it('matches strings against a regular expression', () => {
    expect(check('customerNumber', 'matches', '^6281')).toBe(true);
    expect(check('customerNumber', 'matches', '^0')).toBe(false);
    expect(check('count', 'matches', '5')).toBe(false);
  });

  it('requires every predicate of a rule to match', () => {
    const rules = table();
    rules.add({
      endpoint: 'danaAccountInquiry',
      when: [
        { field: 'amount.value', op: 'gt', value: 20000000 },
        { field: 'customerNumber', op: 'matches', value: '^628' },
      ],
      effect: { result: 'EXCEEDS_AMOUNT_LIMIT' },
    });
    expect(rules.fire('danaAccountInquiry', 'p1', inquiry('628111', '20000000.01'))?.effect).toEqual({
      kind: 'result',
      result: 'EXCEEDS_AMOUNT_LIMIT',
    });
    expect(rules.fire('danaAccountInquiry', 'p1', inquiry('628111', '20000000.00'))).toBeUndefined();
    expect(rules.fire('danaAccountInquiry', 'p1', inquiry('0811', '30000000.00'))).toBeUndefined();
  });
});

describe('rule validation', () => {
  const rejects = (spec: unknown, message: RegExp) => {
    const rules = table();
    expect(() => rules.add(spec as RuleSpec)).toThrow(RuleError);
    expect(() => rules.add(spec as RuleSpec)).toThrow(message);
    expect(rules.list()).toEqual([]);
  };

  it('refuses a rule that is not an object', () => {
    rejects(null, /^a rule must be an object$/);
    rejects('transferToDana', /^a rule must be an object$/);
  });

  it('throws errors named RuleError', () => {
    expect(new RuleError('x').name).toBe('RuleError');
  });

  it('refuses a predicate that is not an object', () => {
    rejects({ endpoint: 'transferToDana', when: [null], effect: { result: 'GENERAL_ERROR' } }, /^bad predicate null$/);
  });

  it('compiles the value as a pattern only for matches', () => {
    const rules = table();
    rules.add({
      endpoint: 'transferToDana',
      when: [{ field: 'customerNumber', op: 'eq', value: '(' }],
      effect: { result: 'GENERAL_ERROR' },
    });
    expect(rules.fire('transferToDana', 'p1', { customerNumber: '(' })?.effect).toEqual({ kind: 'result', result: 'GENERAL_ERROR' });
  });

  it('reports a bad pattern as a RuleError', () => {
    rejects(
      { endpoint: 'transferToDana', when: [{ field: 'customerNumber', op: 'matches', value: '(' }], effect: { result: 'GENERAL_ERROR' } },
      /bad pattern in customerNumber/,
    );
  });

  it('names the known endpoints when the endpoint is unknown', () => {
    rejects(
      { endpoint: 'transferToOvo', effect: { result: 'GENERAL_ERROR' } },
      /unknown endpoint "transferToOvo"; one of: \*, .*transferToDana/,
    );
    const two = new RuleTable([topUp, transferToBank], seededRandom('x'));
    expect(() => two.add({ endpoint: 'transferToOvo', effect: { result: 'GENERAL_ERROR' } })).toThrow(
      /^unknown endpoint "transferToOvo"; one of: \*, transferToDana, transferToBank$/,
    );
  });

  it('lists the injectable keys when a result does not belong to the endpoint', () => {
    rejects(
      fail('TRANSACTION_NOT_FOUND'),
      /result "TRANSACTION_NOT_FOUND" is not a failure of transferToDana; one of: .*INSUFFICIENT_FUNDS/,
    );
    rejects({ endpoint: 'queryMerchantResource', effect: { result: 'DO_NOT_HONOR' } }, /one of: PARAM_ILLEGAL/);
    rejects({ endpoint: '*', effect: { result: 'NO_SUCH_KEY' } }, /any catalogue key/);
    expect(table().add({ endpoint: '*', effect: { result: 'MERCHANT_NOT_EXIST' } }).source).toBe('user');
  });

  it('refuses SUCCESS and IN_PROGRESS, which only a handler can produce', () => {
    rejects(fail('SUCCESS'), /not a failure of transferToDana/);
    rejects({ endpoint: '*', effect: { result: 'SUCCESS' } }, /not a failure of \*/);
    rejects(fail('IN_PROGRESS'), /not a failure/);
    // The suggestion list must not offer the keys it just refused.
    expect(() => table().add(fail('SUCCESS'))).toThrow(/one of: (?!.*\bSUCCESS\b)(?!.*IN_PROGRESS).*DO_NOT_HONOR/);
  });

  it('refuses bad times, nth and probability', () => {
    for (const times of [0, -1, 1.5]) rejects(fail('GENERAL_ERROR', { times }), /times must be a whole number >= 1/);
    rejects(fail('GENERAL_ERROR', { nth: 0 }), /nth must be a whole number >= 1/);
    for (const probability of [-0.1, 1.01, Number.NaN])
      rejects(fail('GENERAL_ERROR', { probability }), /probability must be between 0 and 1/);
  });

  it('refuses a missing or empty effect and a bad delay', () => {
    rejects({ endpoint: 'transferToDana' }, /a rule needs an effect/);
    rejects(
      { endpoint: 'transferToDana', effect: {} },
      /an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs/,
    );
    rejects({ endpoint: 'transferToDana', effect: { delayMs: -5 } }, /delayMs must be a number of milliseconds/);
    expect(table().add({ endpoint: 'transferToDana', effect: { delayMs: 'client-timeout' } }).id).toBe('rule-1');
  });

  it('refuses a predicate with an unknown operator or no field', () => {
    rejects(
      { endpoint: 'transferToDana', when: [{ field: 'a', op: 'like', value: 'x' }], effect: { result: 'GENERAL_ERROR' } },
      /bad predicate/,
    );
    rejects({ endpoint: 'transferToDana', when: [{ op: 'eq', value: 'x' }], effect: { result: 'GENERAL_ERROR' } }, /bad predicate/);
  });
});
