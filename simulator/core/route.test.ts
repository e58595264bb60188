import { describe, expect, it } from 'vitest';
import { merchantIdOf, type RequestContext } from './route.ts';

const context = (client: RequestContext['client']) => ({ client }) as RequestContext;

describe('merchantIdOf', () => {
  it('returns the calling merchant id', () => {
    expect(merchantIdOf(context({ kind: 'merchant', partnerId: 'p1', merchantId: 'm1', clientSecret: '', publicKeyPem: '' }))).toBe('m1');
  });

  it('refuses a caller without one, a bug in the audience check', () => {
    expect(() => merchantIdOf(context({ kind: 'bank', partnerId: 'b1', clientSecret: '', publicKeyPem: '' }))).toThrow('merchant endpoint reached by bank b1');
  });
});
