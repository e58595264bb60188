import { describe, expect, it } from 'vitest';
import { merchantIdOf, type HandlerContext } from './route.ts';

const context = (client: HandlerContext['client']) => ({ client }) as HandlerContext;

describe('merchantIdOf', () => {
  it('returns the calling merchant id', () => {
    expect(merchantIdOf(context({ kind: 'merchant', partnerId: 'p1', merchantId: 'm1', clientSecret: '', publicKeyPem: '' }))).toBe('m1');
  });

  it('refuses a caller without one, a bug in the audience check', () => {
    expect(() => merchantIdOf(context({ kind: 'bank', partnerId: 'b1', clientSecret: '', publicKeyPem: '' }))).toThrow('merchant endpoint reached by bank b1');
  });
});
