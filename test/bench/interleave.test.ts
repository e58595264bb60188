import { describe, expect, it } from 'vitest';
import { ratios, roundOrder, spreadOf } from './interleave.ts';
import { atLeast, atMost, verdictOf } from './verdict.ts';

// The bench's arithmetic, which decides what it prints as met: cheap to check, costly to get wrong.

describe('interleaved rounds', () => {
  it('keep the first two contenders adjacent, alternate which goes first, and move the others around them', () => {
    const orders = [0, 1, 2, 3].map((round) => roundOrder(['sim', 'express', 'prism'], round).join(' '));
    expect(orders).toEqual(['sim express prism', 'express sim prism', 'prism sim express', 'prism express sim']);
    for (let round = 0; round < 8; round++) {
      const order = roundOrder(['a', 'b', 'c', 'd'], round);
      expect(Math.abs(order.indexOf('a') - order.indexOf('b'))).toBe(1);
      expect([...order].sort()).toEqual(['a', 'b', 'c', 'd']);
    }
  });

  it('take ratios per round and report their median with min and max', () => {
    expect(ratios([100, 300, 200], [200, 300, 100])).toEqual([0.5, 1, 2]);
    expect(spreadOf([3, 1, 2, 10])).toEqual({ median: 2.5, min: 1, max: 10 });
    expect(spreadOf([NaN, 4])).toEqual({ median: 4, min: 4, max: 4 });
  });
});

describe('verdicts', () => {
  it('call a goal only when every window is on the same side of it', () => {
    expect(verdictOf({ median: 0.8, min: 0.75, max: 0.85 }, atLeast(0.7))).toBe('met');
    expect(verdictOf({ median: 0.2, min: 0.1, max: 0.4 }, atLeast(0.5))).toBe('not met');
    expect(verdictOf({ median: 0.72, min: 0.6, max: 0.8 }, atLeast(0.7))).toBe('spread too wide');
    expect(verdictOf({ median: 8, min: 5, max: 12 }, atMost(10))).toBe('spread too wide');
    expect(verdictOf({ median: 250, min: 250, max: 250 }, atMost(250))).toBe('met');
  });
});
