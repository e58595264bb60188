import { describe, expect, it } from 'vitest';
import { FLAG_SPELLING, SPEC_SPELLING, effectFromTerms, parseEffect, termsOf, type Terms } from './parse.ts';

// The one reader of effects: the `kind` shape, the shorthand, spec strings (the X-Sim-Fault header,
// rule files) and CLI flags as terms.

const read = (input: unknown) => {
  const parsed = parseEffect(input);
  return parsed.ok ? parsed.value : parsed.problem;
};
const header = (value: string) => {
  const parsed = parseEffect(value);
  return parsed.ok ? parsed.value : undefined;
};
const flags = (terms: Terms) => {
  const written = effectFromTerms(terms, FLAG_SPELLING);
  return written.ok ? written.value : written.problem;
};

describe('parseEffect: objects', () => {
  it('names each shorthand by the member present, latency when it only waits', () => {
    expect(read({ result: 'GENERAL_ERROR', delayMs: 5 })).toEqual({ kind: 'result', result: 'GENERAL_ERROR', delayMs: 5 });
    expect(read({ completion: 'failed' })).toEqual({ kind: 'completion', completion: 'failed' });
    expect(read({ timeout: 'before-commit' })).toEqual({ kind: 'timeout' });
    expect(read({ lostResponse: 'hold' })).toEqual({ kind: 'lost-response', lostResponse: 'hold' });
    expect(read({ network: 'reset' })).toEqual({ kind: 'network', network: 'reset' });
    expect(read({ gateway: 503 })).toEqual({ kind: 'gateway', gateway: 503 });
    expect(read({ delayMs: 5 })).toEqual({ kind: 'latency', delayMs: 5 });
  });

  it('refuses reply fields that are not an object or would write through a prototype', () => {
    expect(read({ result: 'DO_NOT_HONOR', fields: ['x'] })).toBe('fields must be an object of dotted reply paths and values');
    expect(read({ result: 'DO_NOT_HONOR', fields: { '__proto__.polluted': 1 } })).toBe(
      'fields: "__proto__.polluted" is not a reply field path',
    );
    expect(read({ result: 'DO_NOT_HONOR', fields: { 'constructor.prototype.x': 1 } })).toBe(
      'fields: "constructor.prototype.x" is not a reply field path',
    );
  });

  it('keeps every member of its kind and the latency, and drops the rest', () => {
    expect(
      read({ result: 'DO_NOT_HONOR', message: 'No', fields: { 'additionalInfo.resultMsg': 'X' }, delayMs: 1, maxDelayMs: 9, note: 'mine' }),
    ).toEqual({
      kind: 'result',
      result: 'DO_NOT_HONOR',
      message: 'No',
      fields: { 'additionalInfo.resultMsg': 'X' },
      delayMs: 1,
      maxDelayMs: 9,
    });
    expect(read({ completion: 'success', completionDelayMs: 0 })).toEqual({
      kind: 'completion',
      completion: 'success',
      completionDelayMs: 0,
    });
    expect(read({ timeout: 'before-commit', holdMs: 'client-timeout' })).toEqual({ kind: 'timeout', holdMs: 'client-timeout' });
    expect(read({ lostResponse: 'drop', holdMs: 20 })).toEqual({ kind: 'lost-response', lostResponse: 'drop', holdMs: 20 });
    expect(read({ latencyOnly: true, delayMs: 'client-timeout' })).toEqual({ kind: 'latency', delayMs: 'client-timeout' });
  });

  it('reads the kind shape as it reads out, so a listed rule can be added again', () => {
    const written = [
      { kind: 'result', result: 'GENERAL_ERROR', message: 'm' },
      { kind: 'latency', delayMs: 10, maxDelayMs: 20 },
      { kind: 'completion', completion: 'failed', completionDelayMs: 5 },
      { kind: 'timeout', holdMs: 3 },
      { kind: 'lost-response', lostResponse: 'hold' },
      { kind: 'network', network: 'malformed-json' },
      { kind: 'gateway', gateway: 502, delayMs: 4 },
    ];
    for (const effect of written) expect(read(effect)).toEqual(effect);
    expect(read({ kind: 'timeout', timeout: 'before-commit' })).toEqual({ kind: 'timeout' });
  });

  it('refuses an unknown kind, members of another kind, and a kind without its members', () => {
    expect(read({ kind: 'slow', delayMs: 1 })).toBe(
      'kind must be one of result, latency, completion, timeout, lost-response, network, gateway',
    );
    expect(read({ kind: 'result', result: 'GENERAL_ERROR', gateway: 502 })).toBe('an effect of kind result cannot have gateway');
    expect(read({ kind: 'latency', network: 'reset', timeout: 'before-commit' })).toBe(
      'an effect of kind latency cannot have timeout and network',
    );
    expect(read({ kind: 'latency' })).toBe('an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs');
    expect(read({ kind: 'gateway' })).toBe('gateway must be 502, 503 or 504');
    expect(read({ kind: 'lost-response' })).toBe('lostResponse must be "drop" or "hold"');
    expect(read({ kind: 'network' })).toBe('network must be "reset", "empty-reply" or "malformed-json"');
    expect(read({ kind: 'completion' })).toBe('completion must be "success" or "failed"');
    expect(read({ kind: 'timeout', timeout: 'after-commit' })).toBe('timeout must be "before-commit" (for after-commit use lostResponse)');
  });

  it('checks holds and completion delays as milliseconds', () => {
    const hold = 'holdMs must be a number of milliseconds or "client-timeout"';
    expect(read({ timeout: 'before-commit', holdMs: -1 })).toBe(hold);
    expect(read({ lostResponse: 'hold', holdMs: '5' })).toBe(hold);
    expect(read({ kind: 'timeout', holdMs: null })).toBe(hold);
    expect(read({ completion: 'failed', completionDelayMs: -1 })).toBe('completionDelayMs must be a number of milliseconds');
    expect(read({ completion: 'failed', completionDelayMs: 'soon' })).toBe('completionDelayMs must be a number of milliseconds');
  });
});

describe('parseEffect: spec strings (the X-Sim-Fault header)', () => {
  it('reads the named faults, ignoring case and surrounding spaces', () => {
    expect(header('timeout')).toEqual({ kind: 'timeout' });
    expect(header('lost-response')).toEqual({ kind: 'lost-response', lostResponse: 'drop' });
    expect(header('lost-response-hold')).toEqual({ kind: 'lost-response', lostResponse: 'hold' });
    expect(header('reset')).toEqual({ kind: 'network', network: 'reset' });
    expect(header('empty-reply')).toEqual({ kind: 'network', network: 'empty-reply' });
    expect(header('malformed-json')).toEqual({ kind: 'network', network: 'malformed-json' });
    expect(header('gateway-502')).toEqual({ kind: 'gateway', gateway: 502 });
    expect(header('gateway-503')).toEqual({ kind: 'gateway', gateway: 503 });
    expect(header('gateway-504')).toEqual({ kind: 'gateway', gateway: 504 });
    expect(header('  Gateway-503 ')).toEqual({ kind: 'gateway', gateway: 503 });
    expect(header(' RESET')).toEqual({ kind: 'network', network: 'reset' });
    expect(header('TIMEOUT')).toEqual({ kind: 'timeout' });
  });

  it('reads delay=<ms> as a latency of whole milliseconds', () => {
    expect(header('delay=250')).toEqual({ kind: 'latency', delayMs: 250 });
    expect(header(' DELAY=0 ')).toEqual({ kind: 'latency', delayMs: 0 });
    expect(header('delay=')).toBeUndefined();
    expect(header('delay=2.5')).toBeUndefined();
    expect(header('delay=250ms')).toBeUndefined();
    expect(header('xdelay=250')).toBeUndefined();
    expect(header('delay=fast')).toBeUndefined();
  });

  it('reads an upper-case catalogue key as a result, and nothing else', () => {
    expect(header('GENERAL_ERROR')).toEqual({ kind: 'result', result: 'GENERAL_ERROR' });
    expect(header(' GENERAL_ERROR ')).toEqual({ kind: 'result', result: 'GENERAL_ERROR' });
    expect(header('general_error')).toBeUndefined();
    expect(header('1GENERAL_ERROR')).toBeUndefined();
    expect(header('GENERAL_ERROR1')).toBeUndefined();
    expect(header('GENERAL ERROR')).toBeUndefined();
    expect(header('')).toBeUndefined();
  });

  it('reads every term of the CLI as name=value, so one string says what the flags say', () => {
    expect(read('result=DO_NOT_HONOR message="Not today" delay=200-800')).toEqual({
      kind: 'result',
      result: 'DO_NOT_HONOR',
      message: 'Not today',
      delayMs: 200,
      maxDelayMs: 800,
    });
    expect(read('timeout hold=client-timeout')).toEqual({ kind: 'timeout', holdMs: 'client-timeout' });
    expect(read('lost-response=hold hold=500 delay=client-timeout')).toEqual({
      kind: 'lost-response',
      lostResponse: 'hold',
      holdMs: 500,
      delayMs: 'client-timeout',
    });
    expect(read('network=empty-reply')).toEqual({ kind: 'network', network: 'empty-reply' });
    expect(read('gateway=504')).toEqual({ kind: 'gateway', gateway: 504 });
    expect(read('completion=failed completion-delay=1000')).toEqual({ kind: 'completion', completion: 'failed', completionDelayMs: 1000 });
    expect(read('SYSTEM_ERROR delay=5')).toEqual({ kind: 'result', result: 'SYSTEM_ERROR', delayMs: 5 });
  });

  it('refuses unknown, repeated, conflicting and empty terms with a message', () => {
    expect(read('nonsense value')).toBe(
      'unknown fault term "nonsense"; use a catalogue key or result, timeout, lost-response, network, gateway, completion, message, delay, hold, completion-delay',
    );
    expect(read('delay=1 delay=2')).toBe('delay is given twice');
    expect(read('GENERAL_ERROR result=DO_NOT_HONOR')).toBe('result is given twice');
    expect(read('reset gateway-502')).toBe(
      'choose one of result, timeout, lost-response, network, gateway, completion (got network, gateway)',
    );
    expect(read('=5')).toBe('cannot read the fault spec "=5"');
    expect(read('   ')).toBe('a fault spec needs a term');
    expect(read('message=hi')).toBe(
      'give an effect: result=KEY, delay=MS, timeout, lost-response=drop|hold, network=..., gateway=502|503|504 or completion=success|failed',
    );
    expect(read('network=slow')).toBe('network must be one of reset, empty-reply, malformed-json; got "slow"');
    expect(read('timeout=after-commit')).toBe('timeout takes no value');
    expect(read('completion=failed completion-delay=soon')).toBe('completion-delay must be milliseconds, got "soon"');
  });
});

describe('termsOf', () => {
  it('splits words into terms, keeping the case of values and quoted spaces', () => {
    expect(termsOf('Result=Mixed_Case message="a  b" timeout')).toEqual({
      ok: true,
      value: { result: 'Mixed_Case', message: 'a  b', timeout: true },
    });
    expect(termsOf('gateway-503')).toEqual({ ok: true, value: { gateway: '503' } });
  });
});

describe('effectFromTerms with CLI flags', () => {
  it('builds the shorthand from the flags, ignoring unset and false ones', () => {
    expect(flags({ result: 'GENERAL_ERROR', message: 'custom', timeout: false })).toEqual({ result: 'GENERAL_ERROR', message: 'custom' });
    expect(flags({ result: 'GENERAL_ERROR', message: '' })).toEqual({ result: 'GENERAL_ERROR' });
    expect(flags({ timeout: true, hold: '20' })).toEqual({ timeout: 'before-commit', holdMs: 20 });
    expect(flags({ 'lost-response': 'hold', hold: 'client-timeout' })).toEqual({ lostResponse: 'hold', holdMs: 'client-timeout' });
    expect(flags({ network: 'reset', delay: '5', hold: '9' })).toEqual({ network: 'reset', delayMs: 5 });
    expect(flags({ gateway: '503' })).toEqual({ gateway: 503 });
    expect(flags({ completion: 'failed' })).toEqual({ completion: 'failed' });
    expect(flags({ delay: '200-800' })).toEqual({ delayMs: 200, maxDelayMs: 800 });
    expect(flags({ delay: 'client-timeout', message: 'ignored without a result' })).toEqual({ delayMs: 'client-timeout' });
  });

  it('names the flags in its problems', () => {
    expect(flags({})).toMatch(
      /^give an effect: --result KEY, --delay MS, --timeout, --lost-response drop\|hold, --network \.\.\., --gateway 502\|503\|504 or --completion success\|failed$/,
    );
    expect(flags({ result: 'GENERAL_ERROR', timeout: true })).toBe(
      'choose one of --result, --timeout, --lost-response, --network, --gateway, --completion (got --result, --timeout)',
    );
    expect(flags({ delay: 'slow' })).toBe('--delay must be milliseconds, a range like 200-800, or client-timeout; got "slow"');
    expect(flags({ timeout: true, hold: 'long' })).toBe('--hold must be milliseconds or client-timeout, got "long"');
    expect(flags({ 'lost-response': 'keep' })).toBe('--lost-response must be one of drop, hold; got "keep"');
    expect(flags({ gateway: '500' })).toBe('--gateway must be one of 502, 503, 504; got "500"');
    expect(flags({ completion: 'later' })).toBe('--completion must be one of success, failed; got "later"');
  });

  it('spells terms as name=value for spec strings', () => {
    expect(effectFromTerms({ delay: 'x' }, SPEC_SPELLING)).toEqual({
      ok: false,
      problem: 'delay must be milliseconds, a range like 200-800, or client-timeout; got "x"',
    });
  });
});
