import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect, Predicate, RuleSpec } from '../../contracts/common/rule.ts';
import { getPath, isPresent } from '../../contracts/common/paths.ts';
import { effectFor } from './effects.ts';

// The rule table: one list that every endpoint consults through the pipeline, fed by the sandbox
// defaults, rule files, the control API, the CLI and test helpers. Precedence: user rules in the
// order they were added, then the sandbox defaults in their listed order; the first rule that
// matches and fires decides. Handlers never see rules.

export type RuleSource = 'sandbox' | 'user';

/** A rule as the table holds it: its effect read into the `kind` shape whatever form it was written in. */
export interface ActiveRule extends Omit<RuleSpec, 'effect'> {
  readonly id: string;
  readonly effect: Effect;
  readonly source: RuleSource;
  matched: number;
  fired: number;
}

export interface Firing {
  readonly rule: ActiveRule;
  readonly effect: Effect;
}

export class RuleError extends Error {
  override name = 'RuleError';
}

export class RuleTable {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  /** DANA's sandbox rule set, kept so it can be switched off and back on without a restart. */
  private sandbox: readonly RuleSpec[] = [];

  /**
   * @param customerEndpoints the endpoints whose requests name a customer (their route resolves the
   * customer token), the only ones a `customer` rule can match; unchecked when not given (a table
   * built from contracts alone, as unit tests do).
   */
  constructor(
    private readonly endpoints: readonly EndpointContract[],
    private readonly random: () => number,
    private readonly customerEndpoints?: readonly string[],
  ) {}

  add(spec: RuleSpec, source: RuleSource = 'user'): ActiveRule {
    const effect = this.validate(spec);
    const id = spec.id ?? `rule-${this.nextId++}`;
    if (this.rules.some((rule) => rule.id === id)) throw new RuleError(`a rule with id ${id} exists`);
    const rule: ActiveRule = { ...spec, effect, id, source, matched: 0, fired: 0 };
    // User rules go before every sandbox rule; sandbox rules keep their listed order at the end.
    const firstSandbox = this.rules.findIndex((existing) => existing.source === 'sandbox');
    if (source === 'user' && firstSandbox >= 0) this.rules.splice(firstSandbox, 0, rule);
    else this.rules.push(rule);
    return rule;
  }

  /** Takes DANA's sandbox rule set (every rule with an id) and puts it in force unless told not to. */
  loadSandbox(rules: readonly RuleSpec[], enabled: boolean): void {
    this.sandbox = rules;
    this.setSandbox(enabled);
  }

  /**
   * Switches the sandbox rule set off (its rules leave the table) or on: the whole set again, with the
   * ids and order it had at start, after every user rule. A rule still in force keeps its counters.
   * Answers how many sandbox rules are in force.
   */
  setSandbox(enabled: boolean): number {
    const kept = new Map(this.list('sandbox').map((rule) => [rule.id, rule]));
    this.rules = this.rules.filter((rule) => rule.source !== 'sandbox');
    if (!enabled) return 0;
    for (const spec of this.sandbox) {
      const rule = kept.get(spec.id!);
      // add() puts a sandbox rule last, so the set comes back in its listed order.
      if (rule) this.rules.push(rule);
      else this.add(spec, 'sandbox');
    }
    return this.list('sandbox').length;
  }

  /**
   * Replaces a user rule, keeping its id and its place in the order; checked as `add` checks a rule.
   * The replacement starts counting afresh (matched, fired, nth and times apply to it from now on).
   */
  replace(id: string, spec: RuleSpec): ActiveRule {
    const index = this.rules.findIndex((rule) => rule.id === id && rule.source === 'user');
    if (index < 0) {
      const ids = this.list('user').map((rule) => rule.id);
      const sandbox = this.rules.some((rule) => rule.id === id) ? ` (${id} is a sandbox rule: switch the sandbox set off instead)` : '';
      throw new RuleError(`no user rule "${id}"${sandbox}; user rule ids: ${ids.join(', ') || 'none'}`);
    }
    if (typeof spec === 'object' && spec !== null && spec.id !== undefined && spec.id !== id)
      throw new RuleError(`the rule keeps its id ${id}; leave out id or give the same one, not ${JSON.stringify(spec.id)}`);
    const effect = this.validate(spec);
    const rule: ActiveRule = { ...spec, effect, id, source: 'user', matched: 0, fired: 0 };
    this.rules[index] = rule;
    return rule;
  }

  list(source?: RuleSource): ActiveRule[] {
    return this.rules.filter((rule) => source === undefined || rule.source === source);
  }

  /**
   * Moves the given rules ahead of every other, keeping their order: a UAT run's rules decide its own
   * cases whatever rules the user has added (those keep their order after them).
   */
  putFirst(ids: readonly string[]): void {
    const first = ids.map((id) => this.rules.find((rule) => rule.id === id)).filter((rule): rule is ActiveRule => !!rule);
    this.rules = [...first, ...this.rules.filter((rule) => !first.includes(rule))];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  /** Removes the rules of one source, or all rules. */
  clear(source?: RuleSource): number {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => source !== undefined && rule.source !== source);
    return before - this.rules.length;
  }

  /** Finds the rule that fires for this call and counts it; synchronous, so counts are exact under concurrency. */
  fire(endpoint: string, partnerId: string | undefined, body: unknown, customer?: string): Firing | undefined {
    for (const rule of this.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.partnerId !== undefined && rule.partnerId !== partnerId) continue;
      if (rule.customer !== undefined && rule.customer !== customer) continue;
      if (!(rule.when ?? []).every((predicate) => matches(predicate, body))) continue;
      rule.matched += 1;
      if (rule.nth !== undefined && rule.matched !== rule.nth) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.fired += 1;
      if (rule.fired === rule.times) this.remove(rule.id);
      return { rule, effect: rule.effect };
    }
    return undefined;
  }

  /** Checks a rule and returns its effect, read. */
  private validate(spec: RuleSpec): Effect {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new RuleError('a rule must be an object');
    // A misspelt field (`tims`) would be kept and silently do nothing; an own `__proto__` key is no field either.
    const unknown = Object.keys(spec).filter((field) => !RULE_FIELDS.has(field));
    if (unknown.length > 0) {
      // A rule copied from `fault list --json` / GET /faults carries the counters the table adds.
      const listed = unknown.some((field) => LISTED_FIELDS.has(field))
        ? ` (${[...LISTED_FIELDS].join(', ')} are what a rule list adds: leave them out)`
        : '';
      throw new RuleError(
        `unknown rule field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; a rule takes ${[...RULE_FIELDS].join(', ')}${listed}`,
      );
    }
    // No endpoint is keyed `*`, so a rule for every endpoint finds none and is checked against the whole catalogue.
    const endpoint = this.endpoints.find((candidate) => candidate.key === spec.endpoint);
    if (spec.endpoint !== '*' && !endpoint) {
      throw new RuleError(`unknown endpoint "${spec.endpoint}"; one of: *, ${this.endpoints.map((e) => e.key).join(', ')}`);
    }
    if (spec.customer !== undefined) {
      // The number as the customer token resolves to it: a local spelling (08...) would never match.
      if (typeof spec.customer !== 'string' || !/^62\d{7,13}$/.test(spec.customer))
        throw new RuleError(`customer must be a customerNumber such as 6283811223355, got ${JSON.stringify(spec.customer)}`);
      const named = this.customerEndpoints;
      if (named && spec.endpoint !== '*' && !named.includes(spec.endpoint))
        throw new RuleError(`${spec.endpoint} names no customer; customer rules apply to: ${named.join(', ') || 'no endpoint'}`);
    }
    for (const predicate of spec.when ?? []) {
      if (typeof predicate?.field !== 'string' || !PREDICATE_OPS.has(predicate.op))
        throw new RuleError(`bad predicate ${JSON.stringify(predicate)}`);
      if (predicate.op === 'matches') {
        try {
          new RegExp(String(predicate.value));
        } catch (error) {
          throw new RuleError(`bad pattern in ${predicate.field}: ${(error as Error).message}`);
        }
      }
    }
    for (const [name, value] of [
      ['nth', spec.nth],
      ['times', spec.times],
    ] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new RuleError(`${name} must be a whole number >= 1`);
    }
    if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1))
      throw new RuleError('probability must be between 0 and 1');
    const effect = effectFor(spec.effect, endpoint, this.endpoints);
    if (!effect.ok) throw new RuleError(effect.problem);
    return effect.value;
  }
}

const LISTED_FIELDS = new Set(['source', 'matched', 'fired']);
const RULE_FIELDS = new Set(['id', 'description', 'endpoint', 'partnerId', 'customer', 'when', 'nth', 'probability', 'times', 'effect']);
const PREDICATE_OPS = new Set(['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'exists', 'absent', 'matches']);

/** The number a value stands for, or NaN, which makes every comparison false, when it stands for none. */
function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  // Number('') and Number('  ') are 0, but a blank field is no amount.
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

export function matches(predicate: Predicate, body: unknown): boolean {
  const actual = getPath(body, predicate.field);
  const expected = predicate.value;
  switch (predicate.op) {
    case 'exists':
      return isPresent(actual);
    case 'absent':
      return !isPresent(actual);
    case 'eq':
      return actual === expected || (actual !== undefined && String(actual) === String(expected));
    case 'ne':
      return !(actual === expected || (actual !== undefined && String(actual) === String(expected)));
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => String(candidate) === String(actual));
    case 'matches':
      return typeof actual === 'string' && new RegExp(String(expected)).test(actual);
    default: {
      const left = asNumber(actual);
      const right = asNumber(expected);
      if (predicate.op === 'gt') return left > right;
      if (predicate.op === 'gte') return left >= right;
      if (predicate.op === 'lt') return left < right;
      return left <= right;
    }
  }
}
