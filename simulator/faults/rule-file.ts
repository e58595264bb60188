import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import { RuleError, type RuleTable } from './rules.ts';

// Rule files for `dana-sim start --faults rules.json|yaml`: a list of rules, or `{ rules: [...] }`,
// in the same shape as the control API takes. Users keep their own magic values here.

export async function readRuleFile(path: string): Promise<RuleSpec[]> {
  const text = await readFile(path, 'utf8');
  // yaml is loaded only for YAML files: it costs start-up time otherwise.
  const data: unknown = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? (await import('yaml')).parse(text) : JSON.parse(text);
  const rules = Array.isArray(data) ? data : (data as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new RuleError(`${path}: expected a list of rules, or { "rules": [...] }`);
  return rules as RuleSpec[];
}

/**
 * Adds every rule or none: a file with one bad rule is refused as a whole, naming the rule. `origin` names
 * the file ("rules.json, rule 3: ..."); without one (a control call) only a list's rule number is named.
 */
export function addRules(table: RuleTable, rules: readonly RuleSpec[], origin?: string): number {
  const added: string[] = [];
  try {
    rules.forEach((rule, index) => {
      try {
        added.push(table.add(rule).id);
      } catch (error) {
        const which = `rule ${index + 1}${rule?.id ? ` (${rule.id})` : ''}`;
        const where = origin ? `${origin}, ${which}: ` : rules.length > 1 ? `${which}: ` : '';
        throw new RuleError(`${where}${(error as Error).message}`);
      }
    });
  } catch (error) {
    for (const id of added) table.remove(id);
    throw error;
  }
  return added.length;
}
