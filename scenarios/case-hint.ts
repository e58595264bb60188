import type { Predicate } from '../contracts/common/rule.ts';
import type { CaseFile } from './types.ts';

// "How to trigger" a UAT case, in one line, for `dana-sim uat status`: the case file's own `hint`
// when it has one, else read from its `classify` (what the simulator recognises the case by), so a
// new case file explains itself without extra text.

const OPERATOR: Readonly<Record<Predicate['op'], string>> = {
  eq: '=',
  ne: '≠',
  in: 'in',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  exists: 'present',
  absent: 'absent',
  matches: 'matching',
};

function shown(value: Predicate['value']): string {
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return JSON.stringify(value);
}

function describePredicate(predicate: Predicate): string {
  const op = OPERATOR[predicate.op];
  if (predicate.op === 'exists' || predicate.op === 'absent') return `${predicate.field} ${op}`;
  return `${predicate.field} ${op} ${shown(predicate.value)}`;
}

const conditions = (when: readonly Predicate[] | undefined) => (when?.length ? when.map(describePredicate).join(' and ') : '');

export function howToTrigger(c: Pick<CaseFile, 'classify' | 'hint'>): string {
  if (c.hint) return c.hint;
  const rule = c.classify;
  if (!rule) return 'not recognised in live traffic; run it with `dana-sim uat --only <id>`';
  if ('endpoint' in rule) {
    const request = conditions(rule.when);
    const reply = conditions(rule.reply);
    return [
      `call ${rule.endpoint}${rule.path ? ` at ${rule.path}` : ''}`,
      request ? ` with ${request}` : '',
      ` so that it answers ${rule.code}`,
      reply ? ` (reply: ${reply})` : '',
    ].join('');
  }
  const outcome = rule.outcome === 'delivered' ? 'acknowledges' : 'rejects';
  const request = conditions(rule.when);
  return `receive a ${rule.notification} your notify URL ${outcome}${request ? ` (notification with ${request})` : ''}`;
}
