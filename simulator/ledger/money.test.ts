import { describe, expect, it } from 'vitest';
import { minorOf, money, toMinor, toValue } from './money.ts';

describe('toMinor', () => {
  it('reads a DANA amount string as minor units', () => {
    expect(toMinor('10000.00')).toBe(1_000_000);
    expect(toMinor('0.05')).toBe(5);
    expect(toMinor('12.34')).toBe(1234);
  });

  it('refuses anything but digits, a point and exactly two decimals', () => {
    for (const value of ['', '10', '10.0', '10.001', 'x10.00', '10.00x', '-1.00', '1,000.00', ' 1.00', 'abc'])
      expect(toMinor(value), value).toBeUndefined();
  });

  it('refuses an amount beyond a safe integer of minor units', () => {
    expect(toMinor('90071992547409.91')).toBe(9_007_199_254_740_991);
    expect(toMinor('90071992547409.92')).toBeUndefined();
  });
});

describe('toValue and money', () => {
  it('write minor units as DANA amount strings, in IDR unless told', () => {
    expect(toValue(1_000_000)).toBe('10000.00');
    expect(toValue(5)).toBe('0.05');
    expect(toValue(-1234)).toBe('-12.34');
    expect(money(250)).toEqual({ value: '2.50', currency: 'IDR' });
    expect(money(250, 'USD')).toEqual({ value: '2.50', currency: 'USD' });
  });
});

describe('minorOf', () => {
  it('reads trusted constants and throws, naming the value, on a malformed one', () => {
    expect(minorOf('1.50')).toBe(150);
    expect(() => minorOf('1.5')).toThrow('not an amount: 1.5');
  });
});
