import { describe, expect, it } from 'vitest';
import type { SnapEndpoint } from '../../contracts/common/endpoint.ts';
import { mandatory } from '../../contracts/common/fields.ts';
import { ok } from './result.ts';
import { merchantIdOf, route, type Handler, type RequestContext } from './route.ts';

const context = (client: RequestContext['client']) => ({ client }) as RequestContext;

describe('merchantIdOf', () => {
  it('returns the calling merchant id', () => {
    expect(merchantIdOf(context({ kind: 'merchant', partnerId: 'p1', merchantId: 'm1', clientSecret: '', publicKeyPem: '' }))).toBe('m1');
  });

  it('refuses a caller without one, a bug in the audience check', () => {
    expect(() => merchantIdOf(context({ kind: 'bank', partnerId: 'b1', clientSecret: '', publicKeyPem: '' }))).toThrow(
      'merchant endpoint reached by bank b1',
    );
  });
});

describe('route', () => {
  const request = { amount: mandatory.money() };
  const payment = {
    envelope: 'snap',
    key: 'pay',
    title: 'Pay',
    paths: ['/pay'],
    timeoutMs: 1,
    serviceCode: '99',
    resultKeys: [],
    request,
  } satisfies SnapEndpoint;
  const inquiry = { ...payment, key: 'ask', request: { question: mandatory.string() } } satisfies SnapEndpoint;
  const pay: Handler<typeof payment> = (input) => ok({ reply: { key: 'SUCCESS', fields: { paidMinor: input.amountMinor } } });

  it('pairs a contract with a handler of its own input, and refuses (at compile time) a handler of another', () => {
    expect(route(payment, pay)).toEqual({ contract: payment, handler: pay });
    // @ts-expect-error the payment handler reads amountMinor, which the inquiry's input does not have
    expect(route(inquiry, pay).contract).toBe(inquiry);
  });
});
