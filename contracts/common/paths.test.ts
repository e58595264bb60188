import { describe, expect, it } from 'vitest';
import { getPath, isPresent, isSafePath, setPath } from './paths.ts';

describe('getPath', () => {
  it('reads top-level and nested members', () => {
    expect(getPath({ a: 1 }, 'a')).toBe(1);
    expect(getPath({ a: { b: { c: 'x' } } }, 'a.b.c')).toBe('x');
  });

  it('returns undefined through missing members, null, scalars and non-objects', () => {
    expect(getPath({ a: {} }, 'a.b.c')).toBeUndefined();
    expect(getPath({ a: null }, 'a.b')).toBeUndefined();
    expect(getPath({ a: 'text' }, 'a.length')).toBeUndefined();
    expect(getPath(undefined, 'a')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
  });

  it('returns a null member itself', () => {
    expect(getPath({ a: null }, 'a')).toBeNull();
  });
});

describe('isPresent', () => {
  it('treats undefined, null and the empty string as absent', () => {
    expect(isPresent(undefined)).toBe(false);
    expect(isPresent(null)).toBe(false);
    expect(isPresent('')).toBe(false);
  });

  it('treats every other value as present, falsy ones included', () => {
    expect(isPresent(0)).toBe(true);
    expect(isPresent(false)).toBe(true);
    expect(isPresent(' ')).toBe(true);
    expect(isPresent({})).toBe(true);
  });
});

describe('setPath', () => {
  it('sets a top-level member', () => {
    const target: Record<string, unknown> = {};
    setPath(target, 'a', 1);
    expect(target).toEqual({ a: 1 });
  });

  it('creates intermediate objects and keeps existing siblings', () => {
    const target: Record<string, unknown> = { a: { keep: true } };
    setPath(target, 'a.b.c', 'x');
    expect(target).toEqual({ a: { keep: true, b: { c: 'x' } } });
  });

  it('replaces null or scalar intermediates with objects', () => {
    const target: Record<string, unknown> = { a: null, b: 'text' };
    setPath(target, 'a.x', 1);
    setPath(target, 'b.y', 2);
    expect(target).toEqual({ a: { x: 1 }, b: { y: 2 } });
  });

  it('refuses a path through a prototype, and leaves every prototype untouched', () => {
    const target: Record<string, unknown> = {};
    for (const path of ['__proto__.polluted', 'constructor.prototype.polluted', 'a.__proto__.polluted']) {
      expect(isSafePath(path)).toBe(false);
      expect(() => setPath(target, path, 1)).toThrow(RangeError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(isSafePath('additionalInfo.paymentInfo.paidTime')).toBe(true);
  });
});
