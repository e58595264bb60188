import type { Effect, Predicate, RuleSpec } from '../../../contracts/common/rule.ts';
import { FLAG_SPELLING, TERMS, effectFromTerms, parseEffect } from '../../faults/parse.ts';
import { STATE_HELP, STATE_OPTIONS, UsageError, control, type Command, type Flags } from './command.ts';
import { followLog, printLog } from './log-command.ts';

// Fault rules from the command line, and the request log that shows which rule fired.

const OPERATORS = /^([\w.[\]]+)\s*(>=|<=|!=|=|>|<|~)\s*(.*)$/;

/** `field=value`, `field!=value`, `amount.value>20000000`, `field~regex`, `exists:field`, `absent:field`; `=a,b` means one of. */
function parsePredicate(text: string): Predicate {
  const presence = /^(exists|absent):([\w.[\]]+)$/.exec(text);
  if (presence) return { field: presence[2], op: presence[1] as 'exists' | 'absent' };
  const match = OPERATORS.exec(text);
  if (!match) throw new UsageError(`--when "${text}" should look like field=value, field>number, field~regex, exists:field`);
  const [, field, operator, value] = match;
  const numeric = (): number => {
    if (value.trim() === '' || Number.isNaN(Number(value))) throw new UsageError(`--when "${text}": ${operator} needs a number`);
    return Number(value);
  };
  switch (operator) {
    case '=':
      return value.includes(',') ? { field, op: 'in', value: value.split(',') } : { field, op: 'eq', value };
    case '!=':
      return { field, op: 'ne', value };
    case '~':
      return { field, op: 'matches', value };
    case '>':
      return { field, op: 'gt', value: numeric() };
    case '>=':
      return { field, op: 'gte', value: numeric() };
    case '<':
      return { field, op: 'lt', value: numeric() };
    default:
      return { field, op: 'lte', value: numeric() };
  }
}

function wholeNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(String(value)) || Number(value) < 1) throw new UsageError(`${name} must be a whole number >= 1, got "${value}"`);
  return Number(value);
}

/** The effect flags read by the one effect parser (simulator/faults/parse.ts), as terms of the same names. */
function effectFromFlags(flags: Flags): Effect {
  const terms = Object.fromEntries(TERMS.map((term) => [term, flags[term] as string | boolean | undefined]));
  const written = effectFromTerms(terms, FLAG_SPELLING);
  const effect = written.ok ? parseEffect(written.value) : written;
  if (!effect.ok) throw new UsageError(effect.problem);
  return effect.value;
}

const showRule = (rule: RuleSpec & { id: string; source: string; fired: number }) => {
  const when = (rule.when ?? [])
    .map((p) => `${p.field} ${p.op}${p.value === undefined ? '' : ` ${JSON.stringify(p.value)}`}`)
    .join(' and ');
  const limits = [
    rule.times !== undefined ? `times ${rule.times}` : '',
    rule.nth !== undefined ? `nth ${rule.nth}` : '',
    rule.probability !== undefined ? `p=${rule.probability}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const customer = rule.customer ? ` for customer ${rule.customer}` : '';
  return `${rule.id.padEnd(36)} ${rule.source.padEnd(7)} ${rule.endpoint}${customer}${when ? ` when ${when}` : ''} -> ${JSON.stringify(rule.effect)}${limits ? ` (${limits})` : ''}, fired ${rule.fired}`;
};

export const FAULT_COMMANDS: readonly Command[] = [
  {
    name: 'fault add',
    summary: 'add a rule: make an endpoint fail, slow down, time out, lose its reply, or break the connection',
    usage:
      'dana-sim fault add --endpoint transferToDana (--result KEY | --delay MS | --timeout | --lost-response drop|hold | --network reset|empty-reply|malformed-json | --gateway 502|503|504 | --completion success|failed [--completion-delay MS]) [--when field=value]... [--customer 62...] [--times N] [--nth N] [--probability P]',
    options: {
      ...STATE_OPTIONS,
      endpoint: { type: 'string' },
      result: { type: 'string' },
      message: { type: 'string' },
      delay: { type: 'string' },
      hold: { type: 'string' },
      timeout: { type: 'boolean', default: false },
      'lost-response': { type: 'string' },
      network: { type: 'string' },
      gateway: { type: 'string' },
      completion: { type: 'string' },
      'completion-delay': { type: 'string' },
      when: { type: 'string', multiple: true },
      times: { type: 'string' },
      nth: { type: 'string' },
      probability: { type: 'string' },
      partner: { type: 'string' },
      customer: { type: 'string' },
      id: { type: 'string' },
      description: { type: 'string' },
    },
    help: {
      '--endpoint E': 'SDK method name (queryMerchantResource, transferToDana, transferToBank, vaPayment, ...) or *',
      '--result KEY': "a failure of that endpoint's catalogue, e.g. SYSTEM_ERROR, INSUFFICIENT_FUNDS, GENERAL_ERROR",
      '--message M': 'replace the catalogue message',
      '--delay MS | A-B': 'latency, fixed or uniform in a range; client-timeout for past the timeout',
      '--timeout': 'hold past the client timeout, commit nothing, close without a reply',
      '--lost-response M': 'commit, then drop the reply (drop: reset now; hold: keep open past the timeout)',
      '--hold MS': 'how long --timeout / --lost-response hold hold (default: past the client timeout)',
      '--network N': 'reset or empty-reply (nothing committed), malformed-json (committed, reply cut)',
      '--gateway S': 'a raw 502/503/504 HTML page from the gateway',
      '--completion O': 'Transfer to Bank: accept, then complete as success or failed',
      '--completion-delay MS': 'with --completion: complete after MS of simulator time (default: --transfer-completion)',
      '--when EXPR': 'field=value, field!=value, field>number, field~regex, exists:field (repeatable; all must hold)',
      '--times N': 'fire N times, then retire',
      '--nth N': 'fire only on the N-th matching call',
      '--probability P': 'fire with probability P (seeded)',
      '--partner ID': 'only requests from this partner',
      '--customer N': "only requests whose customer token names this DANA user (customerNumber 62..., Widget's customer calls)",
      '--id ID': 'name the rule (default rule-N)',
      ...STATE_HELP,
    },
    run(flags) {
      if (typeof flags.endpoint !== 'string') throw new UsageError('--endpoint is required (an SDK method name, or *)');
      const probability = flags.probability === undefined ? undefined : Number(flags.probability);
      if (probability !== undefined && !(probability >= 0 && probability <= 1))
        throw new UsageError(`--probability must be between 0 and 1, got "${flags.probability}"`);
      const rule: RuleSpec = {
        endpoint: flags.endpoint,
        effect: effectFromFlags(flags),
        ...(flags.id ? { id: String(flags.id) } : {}),
        ...(flags.description ? { description: String(flags.description) } : {}),
        ...(flags.partner ? { partnerId: String(flags.partner) } : {}),
        ...(flags.customer ? { customer: String(flags.customer) } : {}),
        ...((flags.when as unknown as string[] | undefined)?.length
          ? { when: (flags.when as unknown as string[]).map(parsePredicate) }
          : {}),
        ...(flags.times !== undefined ? { times: wholeNumber(flags.times, '--times') } : {}),
        ...(flags.nth !== undefined ? { nth: wholeNumber(flags.nth, '--nth') } : {}),
        ...(probability !== undefined ? { probability } : {}),
      };
      return control(
        flags,
        'POST',
        '/faults',
        rule,
        (added: Array<Parameters<typeof showRule>[0]>) => `added ${added.map(showRule).join('\n')}`,
        true,
      );
    },
  },
  {
    name: 'fault list',
    summary: 'list rules: yours, then the sandbox defaults (DANA magic values) with --defaults',
    usage: 'dana-sim fault list [--defaults] [--json]',
    options: { ...STATE_OPTIONS, defaults: { type: 'boolean', default: false } },
    help: { '--defaults': "list DANA's sandbox magic values (the default rules) instead of yours", ...STATE_HELP },
    run: (flags) =>
      control(
        flags,
        'GET',
        `/faults?source=${flags.defaults ? 'sandbox' : 'user'}`,
        undefined,
        (rules: Array<Parameters<typeof showRule>[0]>) =>
          rules.length
            ? rules.map(showRule).join('\n')
            : flags.defaults
              ? 'sandbox rules are off (--no-sandbox-rules, or `dana-sim fault sandbox off`); `dana-sim fault sandbox on` brings them back'
              : 'no rules of yours; `dana-sim fault list --defaults` shows the sandbox magic values',
        !flags.defaults,
      ),
  },
  {
    name: 'fault clear',
    summary: 'remove your rules (all, or one with --id); the sandbox defaults stay',
    usage: 'dana-sim fault clear [--id ID]',
    options: { ...STATE_OPTIONS, id: { type: 'string' } },
    help: { '--id ID': 'remove only this rule (sandbox ones too)', ...STATE_HELP },
    run: (flags) => control(flags, 'POST', '/faults/clear', { id: flags.id }, (r) => `removed ${r.removed} rule(s)`, true),
  },
  {
    name: 'fault sandbox',
    summary: "switch DANA's sandbox magic values (the default rules) off, or back on as they were at start",
    usage: 'dana-sim fault sandbox on|off',
    argument: 'on|off',
    options: { ...STATE_OPTIONS },
    help: { ...STATE_HELP },
    run: (flags) => {
      if (flags._ !== 'on' && flags._ !== 'off') throw new UsageError(`say on or off, got "${flags._}"`);
      return control(
        flags,
        'POST',
        '/faults/sandbox',
        { enabled: flags._ === 'on' },
        (state: { enabled: boolean; rules: number }) => (state.enabled ? `sandbox rules on (${state.rules})` : 'sandbox rules off'),
        true,
      );
    },
  },
  {
    name: 'log',
    summary: 'the request log: each request, the rule that fired, its postings, and (--details) what was sent and answered',
    usage: 'dana-sim log [--follow] [--details] [--endpoint E] [--code C] [--partner P] [--reference R] [--limit 50] [--json]',
    options: {
      ...STATE_OPTIONS,
      follow: { type: 'boolean', short: 'f', default: false },
      details: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      code: { type: 'string' },
      partner: { type: 'string' },
      reference: { type: 'string' },
      limit: { type: 'string', default: '50' },
    },
    help: {
      '--follow, -f': 'keep printing new requests; waits while the simulator is down and follows the new one after a restart',
      '--details': 'a block per request: headers and bodies (secrets redacted), reason, rule, references, postings, elapsed time',
      '--endpoint E': 'only this endpoint (e.g. transferToDana) or path',
      '--code C': 'only this response code (e.g. 4033802) or HTTP status',
      '--partner P': 'only requests of this partner (X-PARTNER-ID / clientId)',
      '--reference R': 'only requests carrying R: partnerReferenceNo, referenceNo, original*, X-EXTERNAL-ID, VA number, trxId',
      '--limit N': 'how many recent requests to show first',
      ...STATE_HELP,
    },
    run: (flags) => {
      const limit = wholeNumber(flags.limit, '--limit') ?? 50;
      return flags.follow ? followLog(flags, limit) : printLog(flags, limit);
    },
  },
];
