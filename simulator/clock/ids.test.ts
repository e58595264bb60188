import { describe, expect, it } from 'vitest';
import { SimulatorClock } from './clock.ts';
import { ClockIds } from './ids.ts';

describe('ClockIds.referenceNo', () => {
  const AT = Date.UTC(2030, 4, 1, 3, 4, 5);

  it('is the Jakarta date-time digits, a six-digit counter and four random digits', () => {
    const ids = new ClockIds(SimulatorClock.frozen(AT));
    const first = ids.referenceNo();
    expect(first).toMatch(/^20300501100405000001\d{4}$/);
    expect(ids.referenceNo()).toMatch(/^20300501100405000002\d{4}$/);
  });

  it('always pads the random part to four digits', () => {
    const ids = new ClockIds(SimulatorClock.frozen(AT));
    // One in ten random parts is below 1000, so 300 ids all but surely include some that need padding.
    for (let i = 0; i < 300; i++) expect(ids.referenceNo()).toHaveLength(24);
  });

  it('follows the clock', () => {
    const clock = SimulatorClock.frozen(AT);
    const ids = new ClockIds(clock);
    clock.advance(60_000);
    expect(ids.referenceNo().slice(0, 14)).toBe('20300501100505');
  });

  it('wraps the counter after 999999 back to 000000', () => {
    const ids = new ClockIds(SimulatorClock.frozen(AT));
    for (let i = 0; i < 999_998; i++) ids.referenceNo();
    expect(ids.referenceNo().slice(14, 20)).toBe('999999');
    expect(ids.referenceNo().slice(14, 20)).toBe('000000');
  });
});
