import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../products/index.ts';
import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect } from '../../contracts/common/rule.ts';
import { topUp, transferToBank } from '../../contracts/disbursement/index.ts';
import { bniDepositTopUp } from '../../contracts/merchant/bni-deposit-topup.ts';
import { queryMerchantResource } from '../../contracts/merchant/index.ts';
import { SANDBOX_RULES } from '../../contracts/sandbox-rules.ts';
import { effectFor, latencyMs, waitMs } from './effects.ts';
import { RuleError, RuleTable } from './rules.ts';

const never = () => {
  throw new Error('a fixed latency draws nothing from the random source');
};
const problemFor = (effect: unknown, endpoint: EndpointContract | undefined, endpoints: readonly EndpointContract[] = ENDPOINTS) => {
  const read = effectFor(effect, endpoint, endpoints);
  return read.ok ? undefined : read.problem;
};
const problem = (effect: unknown, endpoint: EndpointContract = topUp) => problemFor(effect, endpoint);

describe('waitMs and latencyMs', () => {
  it('waits past the client timeout by one second, or by the timeout itself when that is shorter', () => {
    expect(waitMs('client-timeout', 8000)).toBe(9000);
    expect(waitMs(undefined, 8000)).toBe(9000);
    expect(waitMs('client-timeout', 500)).toBe(1000);
    expect(waitMs(250, 8000)).toBe(250);
    expect(waitMs(0, 8000)).toBe(0);
  });

  it('adds nothing without a delay and a fixed delay without drawing', () => {
    const failure: Effect = { kind: 'result', result: 'GENERAL_ERROR' };
    expect(latencyMs(failure, 8000, never)).toBe(0);
    expect(latencyMs({ delayMs: 300 }, 8000, never)).toBe(300);
    expect(latencyMs({ delayMs: 'client-timeout' }, 8000, never)).toBe(9000);
  });

  it('draws a range delay uniformly from delayMs to maxDelayMs, both included', () => {
    const range = { delayMs: 100, maxDelayMs: 200 };
    expect(latencyMs(range, 8000, () => 0)).toBe(100);
    expect(latencyMs(range, 8000, () => 0.5)).toBe(150);
    expect(latencyMs(range, 8000, () => 0.9999)).toBe(200);
  });

  it('keeps the plain delay when the range is empty or inverted, or the wait is client-timeout', () => {
    expect(latencyMs({ delayMs: 100, maxDelayMs: 100 }, 8000, () => 0.9999)).toBe(100);
    expect(latencyMs({ delayMs: 100, maxDelayMs: 40 }, 8000, () => 0.9999)).toBe(100);
    expect(latencyMs({ delayMs: 'client-timeout', maxDelayMs: 20000 }, 8000, () => 0.9999)).toBe(9000);
  });
});

describe('effectFor', () => {
  it('needs an effect: an object or a spec string', () => {
    expect(problem(undefined)).toBe('a rule needs an effect');
    expect(problem(null)).toBe('a rule needs an effect');
    expect(problem(5)).toBe('a rule needs an effect');
    expect(problem([{ result: 'GENERAL_ERROR' }])).toBe('a rule needs an effect');
    // A string is a spec, read as the X-Sim-Fault header reads it (parse.test.ts), then checked the same way.
    expect(effectFor('GENERAL_ERROR', topUp, ENDPOINTS)).toEqual({ ok: true, value: { kind: 'result', result: 'GENERAL_ERROR' } });
    expect(problem('PARAM_ILLEGAL')).toMatch(/^result "PARAM_ILLEGAL" is not a failure of transferToDana;/);
    expect(problem('nonsense')).toMatch(/^unknown fault term "nonsense"/);
  });

  it('takes a delay of zero or more milliseconds, or client-timeout', () => {
    const bad = 'delayMs must be a number of milliseconds or "client-timeout"';
    expect(problem({ delayMs: 0 })).toBeUndefined();
    expect(problem({ delayMs: 'client-timeout' })).toBeUndefined();
    expect(problem({ delayMs: -1 })).toBe(bad);
    expect(problem({ delayMs: '5' })).toBe(bad);
    expect(problem({ delayMs: null })).toBe(bad);
  });

  it('takes maxDelayMs only above or at a numeric delayMs', () => {
    const bad = 'maxDelayMs needs a numeric delayMs no larger than it';
    expect(problem({ delayMs: 100, maxDelayMs: 100 })).toBeUndefined();
    expect(problem({ delayMs: 100, maxDelayMs: 250 })).toBeUndefined();
    expect(problem({ delayMs: 100, maxDelayMs: 99 })).toBe(bad);
    expect(problem({ maxDelayMs: 100 })).toBe(bad);
    expect(problem({ delayMs: 'client-timeout', maxDelayMs: 20000 })).toBe(bad);
  });

  it('refuses two effects at once, naming both', () => {
    expect(problem({ result: 'GENERAL_ERROR', timeout: 'before-commit' })).toBe(
      'an effect is one of result, completion, timeout, lostResponse, network, gateway; got result and timeout',
    );
    expect(problem({ network: 'reset', gateway: 502, delayMs: 5 })).toBe(
      'an effect is one of result, completion, timeout, lostResponse, network, gateway; got network and gateway',
    );
  });

  it('refuses an empty effect', () => {
    expect(problem({})).toBe('an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs');
  });

  it('lists the failures of the endpoint when a result is refused', () => {
    expect(problem({ result: 'BNI_INVALID_VA' }, bniDepositTopUp)).toBeUndefined();
    expect(problem({ result: 'SUCCESS' }, bniDepositTopUp)).toBe(
      'result "SUCCESS" is not a failure of bniDepositTopUp; one of: BNI_INVALID_PARAMETER, BNI_INVALID_CLIENT, BNI_INVALID_VA, BNI_TECHNICAL_FAILURE',
    );
    expect(problem({ result: 'GENERAL_ERROR' }, bniDepositTopUp)).toMatch(/^result "GENERAL_ERROR" is not a failure of bniDepositTopUp;/);
  });

  it('refuses IN_PROGRESS even where the endpoint can answer it, and leaves it out of the suggestions', () => {
    expect(transferToBank.resultKeys).toContain('IN_PROGRESS');
    const message = problem({ result: 'IN_PROGRESS' }, transferToBank);
    expect(message).toMatch(/^result "IN_PROGRESS" is not a failure of transferToBank; one of: .*INSUFFICIENT_FUNDS/);
    expect(message).not.toMatch(/\bIN_PROGRESS\b.*\bIN_PROGRESS\b/);
    expect(message).not.toMatch(/\bSUCCESS\b/);
  });

  it('takes any catalogue failure for every endpoint, but never SUCCESS or IN_PROGRESS', () => {
    const anyEndpoint = (effect: unknown) => problemFor(effect, undefined);
    expect(anyEndpoint({ result: 'GENERAL_ERROR' })).toBeUndefined();
    expect(anyEndpoint({ result: 'BNI_INVALID_VA' })).toBeUndefined();
    expect(anyEndpoint({ result: 'IN_PROGRESS' })).toBe('result "IN_PROGRESS" is not a failure of *; one of: any catalogue key');
    expect(anyEndpoint({ result: 'SUCCESS' })).toBe('result "SUCCESS" is not a failure of *; one of: any catalogue key');
  });

  it('takes a completion of success or failed, only on endpoints that finish later', () => {
    const elsewhere =
      'completion applies to endpoints that finish later: transferToBank, createOrder, cancelOrder, refundOrder, widgetPayment';
    expect(problem({ completion: 'success' }, transferToBank)).toBeUndefined();
    expect(problem({ completion: 'failed', completionDelayMs: 10 }, transferToBank)).toBeUndefined();
    expect(problem({ completion: 'later' }, transferToBank)).toBe('completion must be "success" or "failed"');
    expect(problem({ completion: 'success' }, topUp)).toBe(elsewhere);
    expect(problem({ completion: 'success' }, queryMerchantResource)).toBe(elsewhere);
    expect(problemFor({ completion: 'failed' }, undefined)).toBe(elsewhere);
  });

  it('names every endpoint that finishes later when a completion is misplaced', () => {
    const endpoints = [topUp, transferToBank, { ...transferToBank, key: 'laterTransfer' }];
    expect(problemFor({ completion: 'success' }, topUp, endpoints)).toBe(
      'completion applies to endpoints that finish later: transferToBank, laterTransfer',
    );
  });

  it('checks the value of each transport effect', () => {
    expect(problem({ timeout: 'before-commit', holdMs: 'client-timeout' })).toBeUndefined();
    expect(problem({ timeout: 'after-commit' })).toBe('timeout must be "before-commit" (for after-commit use lostResponse)');
    for (const lostResponse of ['drop', 'hold']) expect(problem({ lostResponse })).toBeUndefined();
    expect(problem({ lostResponse: 'keep' })).toBe('lostResponse must be "drop" or "hold"');
    for (const network of ['reset', 'empty-reply', 'malformed-json']) expect(problem({ network })).toBeUndefined();
    expect(problem({ network: 'slow' })).toBe('network must be "reset", "empty-reply" or "malformed-json"');
    for (const gateway of [502, 503, 504]) expect(problem({ gateway })).toBeUndefined();
    expect(problem({ gateway: 500 })).toBe('gateway must be 502, 503 or 504');
    expect(problem({ gateway: '502' })).toBe('gateway must be 502, 503 or 504');
  });
});

describe('RuleTable effects', () => {
  it('holds every effect in the kind shape, whether written as shorthand, kind shape or spec string', () => {
    const rules = new RuleTable(ENDPOINTS, () => 0);
    const written = [
      { lostResponse: 'hold', holdMs: 5 },
      { kind: 'lost-response', lostResponse: 'hold', holdMs: 5 },
      'lost-response=hold hold=5',
    ] as const;
    for (const effect of written)
      expect(rules.add({ endpoint: 'transferToDana', effect }).effect).toEqual({ kind: 'lost-response', lostResponse: 'hold', holdMs: 5 });
    expect(rules.fire('transferToDana', 'p1', {})?.effect).toEqual({ kind: 'lost-response', lostResponse: 'hold', holdMs: 5 });
  });

  it('reads every sandbox default, all of them results, latency or (Payment Gateway 202s) completions', () => {
    const rules = new RuleTable(ENDPOINTS, () => 0);
    for (const rule of SANDBOX_RULES) rules.add(rule, 'sandbox');
    expect(new Set(rules.list('sandbox').map((rule) => rule.effect.kind))).toEqual(new Set(['result', 'latency', 'completion']));
  });

  it('refuses a spec string it cannot read, or one the endpoint does not allow', () => {
    expect(() => new RuleTable(ENDPOINTS, () => 0).add({ endpoint: 'transferToDana', effect: 'gateway=500' })).toThrow(
      new RuleError('gateway must be one of 502, 503, 504; got "500"'),
    );
    expect(() => new RuleTable(ENDPOINTS, () => 0).add({ endpoint: 'transferToDana', effect: 'completion=failed' })).toThrow(
      /^completion applies to endpoints that finish later: transferToBank, createOrder, cancelOrder, refundOrder, widgetPayment$/,
    );
  });
});
