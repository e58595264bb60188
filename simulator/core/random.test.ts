import { describe, expect, it } from 'vitest';
import { hashString, seededRandom } from './random.ts';

const first = (random: () => number, count: number) => Array.from({ length: count }, () => random());

describe('hashString', () => {
  // FNV-1a (32 bit) reference values.
  it('hashes text with FNV-1a', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('seededRandom', () => {
  // Values of the reference mulberry32 (Tommy Ettinger's), so runs under `--seed` repeat across versions.
  it('uses a numeric seed as the mulberry32 state', () => {
    expect(first(seededRandom(0), 3)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(first(seededRandom(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('seeds from the FNV-1a hash of a text seed', () => {
    expect(first(seededRandom('a'), 3)).toEqual([0.621685681398958, 0.30822347407229245, 0.36686075991019607]);
    expect(first(seededRandom('a'), 3)).toEqual(first(seededRandom(0xe40c292c), 3));
  });
});
