import type { Effect, EffectKind, EffectShorthand, Wait } from '../../contracts/common/rule.ts';
import { isSafePath } from '../../contracts/common/paths.ts';

// The one reader of effects. Whatever the source (a rule file, the control API, a test's
// `rules.add`, the CLI's `fault add` flags, the `X-Sim-Fault` header), an effect arrives as one of:
//   - the `kind` shape:  { kind: 'lost-response', lostResponse: 'hold', holdMs: 500 }
//   - the shorthand users have always written: { lostResponse: 'hold', holdMs: 500 }
//   - terms: a spec string `lost-response=hold hold=500` (header, rule files) or the same terms as
//     CLI flags (`--lost-response hold --hold 500`)
// and leaves as the `kind` shape, checked. What an endpoint allows is checked in effects.ts.

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const problem = (text: string): Parsed<never> => ({ ok: false, problem: text });

/** The shorthand member that names each kind, in the order problems list them. */
const MARKERS = [
  ['result', 'result'],
  ['completion', 'completion'],
  ['timeout', 'timeout'],
  ['lostResponse', 'lost-response'],
  ['network', 'network'],
  ['gateway', 'gateway'],
] as const;
const KINDS: readonly EffectKind[] = ['result', 'latency', 'completion', 'timeout', 'lost-response', 'network', 'gateway'];
const NETWORK = ['reset', 'empty-reply', 'malformed-json'] as const;
const GATEWAY = [502, 503, 504] as const;

const isWait = (value: unknown): value is Wait => value === 'client-timeout' || (typeof value === 'number' && value >= 0);
const isMs = (value: unknown): value is number => typeof value === 'number' && value >= 0;

/** Reads an effect in any of its written forms into the `kind` shape. */
export function parseEffect(input: unknown): Parsed<Effect> {
  if (typeof input === 'string') {
    const terms = termsOf(input);
    if (!terms.ok) return terms;
    const written = effectFromTerms(terms.value, SPEC_SPELLING);
    return written.ok ? parseEffect(written.value) : written;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return problem('a rule needs an effect');
  const written = input as Readonly<Record<string, unknown>>;
  const { delayMs, maxDelayMs } = written;
  if (delayMs !== undefined && !isWait(delayMs)) return problem('delayMs must be a number of milliseconds or "client-timeout"');
  if (maxDelayMs !== undefined && !(typeof delayMs === 'number' && typeof maxDelayMs === 'number' && maxDelayMs >= delayMs))
    return problem('maxDelayMs needs a numeric delayMs no larger than it');
  const markers = MARKERS.filter(([member]) => member in written);
  let kind: EffectKind;
  if (written.kind !== undefined) {
    if (!KINDS.includes(written.kind as EffectKind)) return problem(`kind must be one of ${KINDS.join(', ')}`);
    kind = written.kind as EffectKind;
    const foreign = markers.filter(([, marked]) => marked !== kind).map(([member]) => member);
    if (foreign.length > 0) return problem(`an effect of kind ${kind} cannot have ${foreign.join(' and ')}`);
  } else {
    if (markers.length > 1)
      return problem(
        `an effect is one of result, completion, timeout, lostResponse, network, gateway; got ${markers.map(([member]) => member).join(' and ')}`,
      );
    kind = markers[0]?.[1] ?? 'latency';
  }
  if (kind === 'latency' && delayMs === undefined)
    return problem('an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs');
  const latency = { ...(delayMs !== undefined ? { delayMs } : {}), ...(maxDelayMs !== undefined ? { maxDelayMs } : {}) };
  const body = bodyOf(kind, written);
  return body.ok ? { ok: true, value: { kind, ...body.value, ...latency } as Effect } : body;
}

/** The members of one kind, checked; unknown members are left behind. */
function bodyOf(kind: EffectKind, written: Readonly<Record<string, unknown>>): Parsed<Record<string, unknown>> {
  const optional = (name: string) => (written[name] !== undefined ? { [name]: written[name] } : {});
  const hold = (): Parsed<Record<string, unknown>> =>
    written.holdMs === undefined || isWait(written.holdMs)
      ? { ok: true, value: optional('holdMs') }
      : problem('holdMs must be a number of milliseconds or "client-timeout"');
  switch (kind) {
    case 'result':
      // Whether the key is a failure of the endpoint is checked against the endpoint (effects.ts).
      if (written.fields !== undefined) {
        if (written.fields === null || typeof written.fields !== 'object' || Array.isArray(written.fields))
          return problem('fields must be an object of dotted reply paths and values');
        const unsafe = Object.keys(written.fields).find((path) => !isSafePath(path));
        if (unsafe !== undefined) return problem(`fields: "${unsafe}" is not a reply field path`);
      }
      return { ok: true, value: { result: written.result, ...optional('message'), ...optional('fields') } };
    case 'latency':
      return { ok: true, value: {} };
    case 'completion':
      if (written.completion !== 'success' && written.completion !== 'failed') return problem('completion must be "success" or "failed"');
      if (written.completionDelayMs !== undefined && !isMs(written.completionDelayMs))
        return problem('completionDelayMs must be a number of milliseconds');
      return { ok: true, value: { completion: written.completion, ...optional('completionDelayMs') } };
    case 'timeout':
      if (written.timeout !== undefined && written.timeout !== 'before-commit')
        return problem('timeout must be "before-commit" (for after-commit use lostResponse)');
      return hold();
    case 'lost-response': {
      if (written.lostResponse !== 'drop' && written.lostResponse !== 'hold') return problem('lostResponse must be "drop" or "hold"');
      const held = hold();
      return held.ok ? { ok: true, value: { lostResponse: written.lostResponse, ...held.value } } : held;
    }
    case 'network':
      if (!NETWORK.includes(written.network as never)) return problem('network must be "reset", "empty-reply" or "malformed-json"');
      return { ok: true, value: { network: written.network } };
    case 'gateway':
      if (!GATEWAY.includes(written.gateway as never)) return problem('gateway must be 502, 503 or 504');
      return { ok: true, value: { gateway: written.gateway } };
  }
}

// Terms: the same names as CLI flags and as words of a spec string.

/** A term's value as given: text, or `true` for a bare word (`timeout`, `--timeout`). */
export type Terms = Readonly<Record<string, string | boolean | undefined>>;

/** How terms are named in problems: `--delay MS` for the CLI, `delay=MS` for spec strings. */
export interface Spelling {
  readonly name: (term: string) => string;
  readonly withValue: (term: string, value: string) => string;
}
export const FLAG_SPELLING: Spelling = { name: (term) => `--${term}`, withValue: (term, value) => `--${term} ${value}` };
export const SPEC_SPELLING: Spelling = { name: (term) => term, withValue: (term, value) => `${term}=${value}` };

/** The terms that choose an effect; at most one may be given. */
const EFFECT_TERMS = ['result', 'timeout', 'lost-response', 'network', 'gateway', 'completion'] as const;
/** Every term a spec string may use. */
export const TERMS = [...EFFECT_TERMS, 'message', 'delay', 'hold', 'completion-delay'] as const;

/** Words the `X-Sim-Fault` header has always taken, as the terms they stand for. */
const WORDS: Readonly<Record<string, readonly [string, string | true]>> = {
  timeout: ['timeout', true],
  'lost-response': ['lost-response', 'drop'],
  'lost-response-hold': ['lost-response', 'hold'],
  reset: ['network', 'reset'],
  'empty-reply': ['network', 'empty-reply'],
  'malformed-json': ['network', 'malformed-json'],
  'gateway-502': ['gateway', '502'],
  'gateway-503': ['gateway', '503'],
  'gateway-504': ['gateway', '504'],
};

/**
 * Splits a spec string into terms: words separated by spaces, each `name=value`, a bare word
 * (`timeout`, `reset`, `gateway-503`, ...) or an upper-case catalogue key, which means `result=KEY`.
 * A value with spaces is quoted: `message="Not today"`. Names ignore case; values keep theirs.
 */
export function termsOf(text: string): Parsed<Terms> {
  const terms: Record<string, string | true> = {};
  const word = /\s*([^\s=]+)(?:=(?:"([^"]*)"|(\S*)))?\s*/y;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    const [, name, quoted, plain] = match;
    const value = quoted ?? plain;
    const lower = name.toLowerCase();
    let term: readonly [string, string | true] | undefined;
    if (value !== undefined) term = (TERMS as readonly string[]).includes(lower) ? [lower, value] : undefined;
    else term = WORDS[lower] ?? (/^[A-Z_]+$/.test(name) ? ['result', name] : undefined);
    if (!term) return problem(`unknown fault term "${match[0].trim()}"; use a catalogue key or ${TERMS.join(', ')}`);
    if (term[0] in terms) return problem(`${term[0]} is given twice`);
    terms[term[0]] = term[1];
    if (word.lastIndex === text.length) return { ok: true, value: terms };
  }
  return problem(text.trim() === '' ? 'a fault spec needs a term' : `cannot read the fault spec "${text}"`);
}

const given = (value: string | boolean | undefined): value is string | true => value !== undefined && value !== false;

/** Terms (a spec string's or the CLI's flags) as the shorthand object, which parseEffect then checks. */
export function effectFromTerms(terms: Terms, spelling: Spelling): Parsed<EffectShorthand> {
  const { name, withValue } = spelling;
  const chosen = EFFECT_TERMS.filter((term) => given(terms[term]));
  if (chosen.length > 1) return problem(`choose one of ${EFFECT_TERMS.map(name).join(', ')} (got ${chosen.map(name).join(', ')})`);
  const latency: { delayMs?: Wait; maxDelayMs?: number } = {};
  if (given(terms.delay)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(String(terms.delay));
    if (terms.delay === 'client-timeout') latency.delayMs = 'client-timeout';
    else if (range) Object.assign(latency, { delayMs: Number(range[1]), ...(range[2] ? { maxDelayMs: Number(range[2]) } : {}) });
    else return problem(`${name('delay')} must be milliseconds, a range like 200-800, or client-timeout; got "${terms.delay}"`);
  }
  const hold = waitOf(terms.hold);
  if (hold === null) return problem(`${name('hold')} must be milliseconds or client-timeout, got "${terms.hold}"`);
  const holdMs = hold !== undefined ? { holdMs: hold } : {};
  const value = (term: string) => String(terms[term]);
  const oneOf = (term: string, values: readonly string[]): Parsed<string> =>
    values.includes(value(term))
      ? { ok: true, value: value(term) }
      : problem(`${name(term)} must be one of ${values.join(', ')}; got "${terms[term] === true ? '' : value(term)}"`);
  const shorthand = (effect: object): Parsed<EffectShorthand> => ({ ok: true, value: { ...latency, ...effect } as EffectShorthand });
  switch (chosen[0]) {
    case 'result':
      return shorthand({ result: value('result'), ...(given(terms.message) && terms.message !== '' ? { message: value('message') } : {}) });
    case 'timeout':
      return terms.timeout === true || terms.timeout === 'before-commit'
        ? shorthand({ timeout: 'before-commit', ...holdMs })
        : problem(`${name('timeout')} takes no value`);
    case 'lost-response': {
      const mode = terms['lost-response'] === true ? ({ ok: true, value: 'drop' } as const) : oneOf('lost-response', ['drop', 'hold']);
      return mode.ok ? shorthand({ lostResponse: mode.value, ...holdMs }) : mode;
    }
    case 'network': {
      const network = oneOf('network', NETWORK);
      return network.ok ? shorthand({ network: network.value }) : network;
    }
    case 'gateway': {
      const gateway = oneOf('gateway', GATEWAY.map(String));
      return gateway.ok ? shorthand({ gateway: Number(gateway.value) }) : gateway;
    }
    case 'completion': {
      const outcome = oneOf('completion', ['success', 'failed']);
      if (!outcome.ok) return outcome;
      const after = terms['completion-delay'];
      if (given(after) && !/^\d+$/.test(String(after))) return problem(`${name('completion-delay')} must be milliseconds, got "${after}"`);
      return shorthand({ completion: outcome.value, ...(given(after) ? { completionDelayMs: Number(after) } : {}) });
    }
    default:
      if (latency.delayMs === undefined) {
        const effects = [
          withValue('result', 'KEY'),
          withValue('delay', 'MS'),
          name('timeout'),
          withValue('lost-response', 'drop|hold'),
          withValue('network', '...'),
          withValue('gateway', '502|503|504'),
        ];
        return problem(`give an effect: ${effects.join(', ')} or ${withValue('completion', 'success|failed')}`);
      }
      return shorthand({});
  }
}

/** Milliseconds or client-timeout; null when the text is neither. */
function waitOf(value: string | boolean | undefined): Wait | undefined | null {
  if (!given(value)) return undefined;
  if (value === 'client-timeout') return value;
  return /^\d+$/.test(String(value)) ? Number(value) : null;
}
