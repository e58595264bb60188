import { describe, expect, it } from 'vitest';
import { customerName } from './users.ts';

describe('DANA users', () => {
  it('generate a name from the seed and the number: the same pair always gives the same name, another seed or number another', () => {
    const name = customerName('seed-a', '62811742234');
    expect(name).toMatch(/\S+ \S+/);
    expect(customerName('seed-a', '62811742234')).toBe(name);
    expect(customerName('seed-b', '62811742234')).not.toBe(name);
    expect(customerName('seed-a', '62811742235')).not.toBe(name);
  });

  it('generate the same name in every run: the seed and number fix it', () => {
    expect(customerName('seed-literal', '62811700099')).toBe('Kasim Halim');
  });
});
