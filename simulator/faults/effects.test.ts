import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../contracts/index.ts';
import type { EndpointContract } from '../../contracts/common/endpoint.ts';
import type { Effect } from '../../contracts/common/rule.ts';
import { topUp, transferToBank } from '../../contracts/disbursement/index.ts';
import { bniDepositTopUp } from '../../contracts/merchant/bni-deposit-topup.ts';
import { queryMerchantResource } from '../../contracts/merchant/index.ts';
import { effectFromHeader, effectProblem, gatewayPage, kindOf, latencyMs, malformed, waitMs } from './effects.ts';

const never = () => {
  throw new Error('a fixed latency draws nothing from the random source');
};
const problem = (effect: unknown, endpoint: EndpointContract = topUp) => effectProblem(effect as Effect, endpoint, ENDPOINTS);

describe('kindOf', () => {
  it('names each effect by what it does, latency when it only waits', () => {
    expect(kindOf({ result: 'GENERAL_ERROR', delayMs: 5 })).toBe('result');
    expect(kindOf({ completion: 'failed' })).toBe('completion');
    expect(kindOf({ timeout: 'before-commit' })).toBe('timeout');
    expect(kindOf({ lostResponse: 'hold' })).toBe('lost-response');
    expect(kindOf({ network: 'reset' })).toBe('network');
    expect(kindOf({ gateway: 503 })).toBe('gateway');
    expect(kindOf({ delayMs: 5 })).toBe('latency');
  });
});

describe('waitMs and latencyMs', () => {
  it('waits past the client timeout by one second, or by the timeout itself when that is shorter', () => {
    expect(waitMs('client-timeout', 8000)).toBe(9000);
    expect(waitMs(undefined, 8000)).toBe(9000);
    expect(waitMs('client-timeout', 500)).toBe(1000);
    expect(waitMs(250, 8000)).toBe(250);
    expect(waitMs(0, 8000)).toBe(0);
  });

  it('adds nothing without a delay and a fixed delay without drawing', () => {
    expect(latencyMs({ result: 'GENERAL_ERROR' }, 8000, never)).toBe(0);
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

describe('gatewayPage and malformed', () => {
  it('answers the HTML page of the reverse proxy in front of DANA', () => {
    const page = (title: string) => `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
    expect(gatewayPage(502)).toEqual({ status: 502, headers: { 'content-type': 'text/html' }, body: page('502 Bad Gateway') });
    expect(gatewayPage(503)).toEqual({ status: 503, headers: { 'content-type': 'text/html' }, body: page('503 Service Temporarily Unavailable') });
    expect(gatewayPage(504)).toEqual({ status: 504, headers: { 'content-type': 'text/html' }, body: page('504 Gateway Time-out') });
  });

  it('cuts the body in half, keeping at least one character, and keeps status and headers', () => {
    const reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"responseCode":"2003800"}' };
    expect(malformed(reply)).toEqual({ ...reply, body: '{"responseCod' });
    expect(malformed({ ...reply, body: '{}' }).body).toBe('{');
    expect(malformed({ ...reply, body: '{' }).body).toBe('{');
  });
});

describe('effectProblem', () => {
  it('needs an effect object', () => {
    expect(problem(undefined)).toBe('a rule needs an effect');
    expect(problem(null)).toBe('a rule needs an effect');
    expect(problem('GENERAL_ERROR')).toBe('a rule needs an effect');
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
    expect(problem({ result: 'GENERAL_ERROR', timeout: 'before-commit' })).toBe('an effect is one of result, completion, timeout, lostResponse, network, gateway; got result and timeout');
    expect(problem({ network: 'reset', gateway: 502, delayMs: 5 })).toBe('an effect is one of result, completion, timeout, lostResponse, network, gateway; got network and gateway');
  });

  it('refuses an empty effect', () => {
    expect(problem({})).toBe('an effect needs a result, completion, timeout, lostResponse, network, gateway or a delayMs');
  });

  it('lists the failures of the endpoint when a result is refused', () => {
    expect(problem({ result: 'BNI_INVALID_VA' }, bniDepositTopUp)).toBeUndefined();
    expect(problem({ result: 'SUCCESS' }, bniDepositTopUp)).toBe('result "SUCCESS" is not a failure of bniDepositTopUp; one of: BNI_INVALID_PARAMETER, BNI_INVALID_CLIENT, BNI_INVALID_VA, BNI_TECHNICAL_FAILURE');
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
    const anyEndpoint = (effect: Effect) => effectProblem(effect, undefined, ENDPOINTS);
    expect(anyEndpoint({ result: 'GENERAL_ERROR' })).toBeUndefined();
    expect(anyEndpoint({ result: 'BNI_INVALID_VA' })).toBeUndefined();
    expect(anyEndpoint({ result: 'IN_PROGRESS' })).toBe('result "IN_PROGRESS" is not a failure of *; one of: any catalogue key');
    expect(anyEndpoint({ result: 'SUCCESS' })).toBe('result "SUCCESS" is not a failure of *; one of: any catalogue key');
  });

  it('takes a completion of success or failed, only on endpoints that finish later', () => {
    const elsewhere = 'completion applies to endpoints that finish later: transferToBank';
    expect(problem({ completion: 'success' }, transferToBank)).toBeUndefined();
    expect(problem({ completion: 'failed', completionDelayMs: 10 }, transferToBank)).toBeUndefined();
    expect(problem({ completion: 'later' }, transferToBank)).toBe('completion must be "success" or "failed"');
    expect(problem({ completion: 'success' }, topUp)).toBe(elsewhere);
    expect(problem({ completion: 'success' }, queryMerchantResource)).toBe(elsewhere);
    expect(effectProblem({ completion: 'failed' }, undefined, ENDPOINTS)).toBe(elsewhere);
  });

  it('names every endpoint that finishes later when a completion is misplaced', () => {
    const endpoints = [topUp, transferToBank, { ...transferToBank, key: 'laterTransfer' }];
    expect(effectProblem({ completion: 'success' }, topUp, endpoints)).toBe('completion applies to endpoints that finish later: transferToBank, laterTransfer');
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

describe('effectFromHeader', () => {
  it('reads the named faults, ignoring case and surrounding spaces', () => {
    expect(effectFromHeader('timeout')).toEqual({ timeout: 'before-commit' });
    expect(effectFromHeader('lost-response')).toEqual({ lostResponse: 'drop' });
    expect(effectFromHeader('lost-response-hold')).toEqual({ lostResponse: 'hold' });
    expect(effectFromHeader('reset')).toEqual({ network: 'reset' });
    expect(effectFromHeader('empty-reply')).toEqual({ network: 'empty-reply' });
    expect(effectFromHeader('malformed-json')).toEqual({ network: 'malformed-json' });
    expect(effectFromHeader('gateway-502')).toEqual({ gateway: 502 });
    expect(effectFromHeader('gateway-503')).toEqual({ gateway: 503 });
    expect(effectFromHeader('gateway-504')).toEqual({ gateway: 504 });
    expect(effectFromHeader('  Gateway-503 ')).toEqual({ gateway: 503 });
    expect(effectFromHeader(' RESET')).toEqual({ network: 'reset' });
  });

  it('reads delay=<ms> as a latency of whole milliseconds', () => {
    expect(effectFromHeader('delay=250')).toEqual({ delayMs: 250 });
    expect(effectFromHeader(' DELAY=0 ')).toEqual({ delayMs: 0 });
    expect(effectFromHeader('delay=')).toBeUndefined();
    expect(effectFromHeader('delay=2.5')).toBeUndefined();
    expect(effectFromHeader('delay=250ms')).toBeUndefined();
    expect(effectFromHeader('xdelay=250')).toBeUndefined();
    expect(effectFromHeader('delay=fast')).toBeUndefined();
  });

  it('reads an upper-case catalogue key as a result, and nothing else', () => {
    expect(effectFromHeader('GENERAL_ERROR')).toEqual({ result: 'GENERAL_ERROR' });
    expect(effectFromHeader(' GENERAL_ERROR ')).toEqual({ result: 'GENERAL_ERROR' });
    expect(effectFromHeader('general_error')).toBeUndefined();
    expect(effectFromHeader('1GENERAL_ERROR')).toBeUndefined();
    expect(effectFromHeader('GENERAL_ERROR1')).toBeUndefined();
    expect(effectFromHeader('GENERAL ERROR')).toBeUndefined();
    expect(effectFromHeader('')).toBeUndefined();
  });
});
