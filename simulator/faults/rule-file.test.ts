import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../products/index.ts';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { addRules, readRuleFile } from './rule-file.ts';
import { seededRandom } from '../core/random.ts';
import { RuleError, RuleTable } from './rules.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rule-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};
const delay: RuleSpec = { id: 'slow', endpoint: '*', effect: { delayMs: 1 } };

describe('readRuleFile', () => {
  it('reads a list of rules or { rules: [...] } from JSON', async () => {
    expect(await readRuleFile(await file('list.json', JSON.stringify([delay])))).toEqual([delay]);
    expect(await readRuleFile(await file('object.json', JSON.stringify({ rules: [delay] })))).toEqual([delay]);
  });

  it('reads YAML from .yaml and .yml files, whatever the case of the extension', async () => {
    const yaml = '- id: slow\n  endpoint: "*"\n  effect:\n    delayMs: 1\n';
    expect(await readRuleFile(await file('rules.yaml', yaml))).toEqual([delay]);
    expect(await readRuleFile(await file('rules.yml', yaml))).toEqual([delay]);
    expect(await readRuleFile(await file('RULES.YML', `rules:\n${yaml.replace(/^/gm, '  ')}`))).toEqual([delay]);
  });

  it('reads a rule on a customer from YAML and adds it to a table of the served routes', async () => {
    const yaml = '- id: frozen-user\n  endpoint: applyOTT\n  customer: "6283811223355"\n  effect:\n    result: DO_NOT_HONOR\n';
    const rules = await readRuleFile(await file('customer.yaml', yaml));
    expect(rules).toEqual([{ id: 'frozen-user', endpoint: 'applyOTT', customer: '6283811223355', effect: { result: 'DO_NOT_HONOR' } }]);
    const table = new RuleTable(ENDPOINTS, seededRandom('x'), ['applyOTT']);
    expect(addRules(table, rules, 'customer.yaml')).toBe(1);
    expect(table.fire('applyOTT', 'p1', {}, '6283811223355')?.rule.id).toBe('frozen-user');
  });

  it('refuses a file that holds no list of rules, naming the file', async () => {
    for (const [name, text] of [
      ['null.json', 'null'],
      ['empty.json', '{}'],
      ['number.json', '{"rules": 5}'],
      ['text.json', '"rules"'],
    ]) {
      const path = await file(name, text);
      const read = readRuleFile(path);
      await expect(read).rejects.toThrow(RuleError);
      await expect(read).rejects.toThrow(`${path}: expected a list of rules, or { "rules": [...] }`);
    }
  });
});

describe('addRules', () => {
  const table = () => new RuleTable(ENDPOINTS, seededRandom('x'));

  it('adds every rule and counts them', () => {
    const rules = table();
    expect(addRules(rules, [delay, { endpoint: 'transferToDana', effect: { result: 'GENERAL_ERROR' } }], 'rules.json')).toBe(2);
    expect(rules.list().map((rule) => rule.id)).toEqual(['slow', 'rule-1']);
    expect(addRules(rules, [], 'empty.json')).toBe(0);
  });

  it('reads effects written as shorthand, in the kind shape or as a spec string, from YAML', async () => {
    const yaml = [
      '- { id: short, endpoint: transferToDana, effect: { lostResponse: hold, holdMs: 5 } }',
      '- { id: kinded, endpoint: transferToDana, effect: { kind: lost-response, lostResponse: hold, holdMs: 5 } }',
      '- { id: spec, endpoint: transferToDana, effect: "lost-response=hold hold=5" }',
    ].join('\n');
    const rules = table();
    expect(addRules(rules, await readRuleFile(await file('forms.yaml', yaml)), 'forms.yaml')).toBe(3);
    for (const rule of rules.list()) expect(rule.effect).toEqual({ kind: 'lost-response', lostResponse: 'hold', holdMs: 5 });
  });

  it('refuses the whole file when one rule is bad, naming the file, the rule number and its id', () => {
    const rules = table();
    const bad = (rule: unknown) => () => addRules(rules, [delay, rule as RuleSpec], 'bad.json');
    expect(bad({ id: 'typo', endpoint: 'nope', effect: { delayMs: 1 } })).toThrow(/^bad\.json, rule 2 \(typo\): unknown endpoint "nope"; /);
    expect(bad({ endpoint: 'nope', effect: { delayMs: 1 } })).toThrow(/^bad\.json, rule 2: unknown endpoint "nope"; /);
    expect(bad(null)).toThrow(new RuleError('bad.json, rule 2: a rule must be an object'));
    expect(rules.list()).toEqual([]);
  });
});
