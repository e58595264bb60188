import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../products/index.ts';
import type { Effect } from '../../contracts/common/rule.ts';
import { HEADER_RULE, planCall, planFor, type Timing } from './plan.ts';
import { RuleTable } from './rules.ts';

// A fired rule becomes the steps the pipeline executes; every wait is resolved here.

const never = () => {
  throw new Error('nothing is drawn for this effect');
};
const timing = (random: () => number = never): Timing => ({ clientTimeoutMs: 8000, random });
const plan = (effect: Effect, random?: () => number) => planFor(effect, 'r1', timing(random));

describe('planFor', () => {
  it('rejects before the handler with the catalogue key, message and fields of a result', () => {
    expect(plan({ kind: 'result', result: 'DO_NOT_HONOR', message: 'No', fields: { a: 1 }, delayMs: 30 })).toEqual({
      rule: 'r1',
      effect: 'result',
      delayMs: 30,
      before: { kind: 'reject', failure: { key: 'DO_NOT_HONOR', message: 'No', fields: { a: 1 } } },
    });
  });

  it('only waits for a latency, drawing a range from the seeded random source', () => {
    expect(plan({ kind: 'latency', delayMs: 40 })).toEqual({ rule: 'r1', effect: 'latency', delayMs: 40 });
    expect(plan({ kind: 'latency', delayMs: 100, maxDelayMs: 200 }, () => 0.5)).toEqual({ rule: 'r1', effect: 'latency', delayMs: 150 });
    expect(plan({ kind: 'latency', delayMs: 'client-timeout' }).delayMs).toBe(9000);
  });

  it('answers a gateway page at once: no latency and nothing drawn', () => {
    expect(plan({ kind: 'gateway', gateway: 502, delayMs: 10, maxDelayMs: 50 })).toEqual({
      rule: 'r1',
      effect: 'gateway',
      delayMs: 0,
      before: { kind: 'gateway', status: 502 },
    });
  });

  it('drops the connection before the handler for a timeout (held) and for reset or empty-reply (at once)', () => {
    expect(plan({ kind: 'timeout', holdMs: 70 }).before).toEqual({ kind: 'drop', mode: 'close', holdMs: 70 });
    expect(plan({ kind: 'timeout' }).before).toEqual({ kind: 'drop', mode: 'close', holdMs: 9000 });
    expect(plan({ kind: 'network', network: 'reset' })).toEqual({
      rule: 'r1',
      effect: 'network',
      delayMs: 0,
      before: { kind: 'drop', mode: 'reset', holdMs: 0 },
    });
    expect(plan({ kind: 'network', network: 'empty-reply' }).before).toEqual({ kind: 'drop', mode: 'close', holdMs: 0 });
  });

  it('acts after the commit for a lost response and a malformed body', () => {
    expect(plan({ kind: 'lost-response', lostResponse: 'drop', holdMs: 500 })).toEqual({
      rule: 'r1',
      effect: 'lost-response',
      delayMs: 0,
      after: { kind: 'drop', mode: 'reset', holdMs: 0 },
    });
    expect(plan({ kind: 'lost-response', lostResponse: 'hold', holdMs: 55 }).after).toEqual({ kind: 'drop', mode: 'close', holdMs: 55 });
    expect(plan({ kind: 'lost-response', lostResponse: 'hold' }).after).toEqual({ kind: 'drop', mode: 'close', holdMs: 9000 });
    expect(plan({ kind: 'network', network: 'malformed-json', delayMs: 5 })).toEqual({
      rule: 'r1',
      effect: 'network',
      delayMs: 5,
      after: { kind: 'malformed' },
    });
  });

  it('hands a completion over as how accepted work should settle', () => {
    expect(plan({ kind: 'completion', completion: 'failed', completionDelayMs: 1000 })).toEqual({
      rule: 'r1',
      effect: 'completion',
      delayMs: 0,
      settle: { outcome: 'failed', delayMs: 1000 },
    });
    expect(plan({ kind: 'completion', completion: 'success' }).settle).toEqual({ outcome: 'success', delayMs: undefined });
  });
});

describe('planCall', () => {
  const call = { endpoint: 'transferToDana', partnerId: 'p1', body: {} };

  it('plans the rule that fires, or nothing', () => {
    const rules = new RuleTable(ENDPOINTS, never);
    expect(planCall(rules, call, timing())).toBeUndefined();
    rules.add({ id: 'slow', endpoint: 'transferToDana', effect: { delayMs: 7 }, times: 1 });
    expect(planCall(rules, call, timing())).toEqual({ rule: 'slow', effect: 'latency', delayMs: 7 });
    expect(planCall(rules, call, timing())).toBeUndefined();
  });

  it('lets the header effect precede every rule, without counting the rule', () => {
    const rules = new RuleTable(ENDPOINTS, never);
    const rule = rules.add({ endpoint: '*', effect: { delayMs: 7 } });
    expect(planCall(rules, { ...call, header: { kind: 'gateway', gateway: 503 } }, timing())).toMatchObject({
      rule: HEADER_RULE,
      effect: 'gateway',
    });
    expect(rule.matched).toBe(0);
  });
});
