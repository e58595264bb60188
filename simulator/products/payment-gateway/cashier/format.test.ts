import { describe, expect, it } from 'vitest';
import { countdown, rupiah } from './format.ts';

describe('cashier formats', () => {
  it('write Rupiah the Indonesian way: Rp, dots between thousands, decimals only when there are some', () => {
    expect(rupiah(100)).toBe('Rp1');
    expect(rupiah(2_500_000)).toBe('Rp25.000');
    expect(rupiah(2_220_000)).toBe('Rp22.200');
    expect(rupiah(100_000_000_000)).toBe('Rp1.000.000.000');
    expect(rupiah(150_050)).toBe('Rp1.500,50');
    expect(rupiah(5)).toBe('Rp0,05');
    expect(rupiah(0)).toBe('Rp0');
    expect(rupiah(-2_500_000)).toBe('-Rp25.000');
  });

  it('count down in minutes and seconds, with hours only past an hour, never below zero', () => {
    expect(countdown(30 * 60_000)).toBe('30:00');
    expect(countdown(29 * 60_000 + 59_001)).toBe('30:00');
    expect(countdown(65_000)).toBe('1:05');
    expect(countdown(3_600_000 + 5 * 60_000)).toBe('1:05:00');
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-5_000)).toBe('0:00');
  });
});
