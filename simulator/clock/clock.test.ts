import { afterEach, describe, expect, it, vi } from 'vitest';
import { JAKARTA_DATE_TIME } from '../../contracts/common/fields.ts';
import { SimulatorClock, jakartaDay, jakartaTimestamp, parseDuration, wibIso, wibTime } from './clock.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jakartaTimestamp', () => {
  it('formats an epoch as Jakarta local time with +07:00', () => {
    const epoch = Date.UTC(2030, 4, 1, 3, 4, 5, 999);
    expect(jakartaTimestamp(epoch)).toBe('2030-05-01T10:04:05+07:00');
    expect(jakartaTimestamp(epoch)).toMatch(JAKARTA_DATE_TIME);
  });

  it('rolls over to the next Jakarta day from 17:00 UTC, including month and year ends', () => {
    expect(jakartaTimestamp(Date.UTC(2030, 4, 1, 16, 59, 59))).toBe('2030-05-01T23:59:59+07:00');
    expect(jakartaTimestamp(Date.UTC(2030, 4, 1, 17, 0, 0))).toBe('2030-05-02T00:00:00+07:00');
    expect(jakartaTimestamp(Date.UTC(2029, 11, 31, 20, 30, 0))).toBe('2030-01-01T03:30:00+07:00');
    expect(jakartaTimestamp(Date.UTC(2028, 1, 28, 18, 0, 0))).toBe('2028-02-29T01:00:00+07:00');
  });

  it('formats the epoch itself', () => {
    expect(jakartaTimestamp(0)).toBe('1970-01-01T07:00:00+07:00');
  });
});

describe('jakartaDay', () => {
  it('returns the Jakarta calendar day, which differs from the UTC day after 17:00 UTC', () => {
    expect(jakartaDay(Date.UTC(2030, 4, 1, 16, 59, 59, 999))).toBe('2030-05-01');
    expect(jakartaDay(Date.UTC(2030, 4, 1, 17, 0, 0))).toBe('2030-05-02');
    expect(jakartaDay(Date.UTC(2030, 4, 1, 0, 0, 0))).toBe('2030-05-01');
  });
});

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['1.5s', 1_500],
    ['1.25s', 1_250],
    ['123', 123],
    ['0', 0],
    [' 5m ', 300_000],
  ])('parses %j as %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', '   ', 'abc', 'ab1s', '5x', '-5s', 'm', '1h30', '5 m', '1h 30m', '5mm', '1e3', '-100'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('SimulatorClock', () => {
  it('follows wall time until advanced, then keeps the offset', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const clock = new SimulatorClock();
    expect(clock.now()).toBe(1_000_000);
    clock.advance(parseDuration('90s')!);
    expect(clock.now()).toBe(1_090_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_090_250);
    now.mockReturnValue(2_000_000);
    expect(clock.now()).toBe(2_090_250);
    clock.advance(0);
    expect(clock.now()).toBe(2_090_250);
  });

  it('refuses to move backwards or by a non-finite amount, without changing time', () => {
    vi.spyOn(Date, 'now').mockReturnValue(5_000);
    const clock = new SimulatorClock();
    clock.advance(1_000);
    for (const duration of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clock.advance(duration)).toThrow(RangeError);
    }
    expect(() => clock.advance(-1)).toThrow('clock can only move forward');
    expect(clock.now()).toBe(6_000);
  });
});

describe('WIB display', () => {
  it('shows an instant in Jakarta time for people and for machines, across the day boundary', () => {
    const epoch = Date.UTC(2029, 11, 31, 17, 0, 1, 524);
    expect(wibTime(epoch)).toBe('2030-01-01 00:00:01 WIB');
    expect(wibIso(epoch)).toBe('2030-01-01T00:00:01.524+07:00');
    expect(Date.parse(wibIso(epoch))).toBe(epoch);
  });
});

describe('putting the clock back to a snapshot', () => {
  it('goes back only to an earlier offset, never past real time, never forward', () => {
    const clock = SimulatorClock.frozen(1_000);
    clock.advance(5_000);
    const snapshot = clock.offset();
    clock.advance(60_000);
    expect(clock.offset()).toBe(65_000);
    clock.rewindTo(snapshot);
    expect(clock.now()).toBe(6_000);
    expect(() => clock.rewindTo(10_000)).toThrow(RangeError);
    expect(() => clock.rewindTo(-1)).toThrow('the clock can only be put back to an earlier offset');
    expect(clock.now()).toBe(6_000);
  });
});
