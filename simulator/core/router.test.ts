import { describe, expect, it } from 'vitest';
import type { SnapEndpoint } from '../../contracts/common/endpoint.ts';
import { ok } from './result.ts';
import type { Route } from './route.ts';
import { Router } from './router.ts';

const route = (key: string, paths: string[]): Route => ({
  contract: {
    envelope: 'snap',
    key,
    title: key,
    paths,
    timeoutMs: 1,
    request: {},
    serviceCode: '38',
    resultKeys: [],
  } satisfies SnapEndpoint,
  handler: () => ok({ reply: { key: 'SUCCESS', fields: {} } }),
});

describe('Router', () => {
  const topUp = route('topUp', ['/v1.0/topup.htm', '/rest/v1.0/topup']);
  const status = route('topUpStatus', ['/v1.0/status.htm']);

  it('maps every path of an endpoint to its route, for POST in any case', () => {
    const router = new Router([topUp, status]);
    expect(router.match('POST', '/v1.0/topup.htm')).toBe(topUp);
    expect(router.match('post', '/rest/v1.0/topup')).toBe(topUp);
    expect(router.match('POST', '/v1.0/status.htm')).toBe(status);
  });

  it('serves no other method and no unknown path', () => {
    const router = new Router([topUp]);
    expect(router.match('GET', '/v1.0/topup.htm')).toBeUndefined();
    expect(router.match('PUT', '/v1.0/topup.htm')).toBeUndefined();
    expect(router.match('POST', '/v1.0/other.htm')).toBeUndefined();
  });

  it('lists every path and each route once', () => {
    const router = new Router([topUp, status]);
    expect(router.paths()).toEqual(['/v1.0/topup.htm', '/rest/v1.0/topup', '/v1.0/status.htm']);
    expect(router.routes()).toEqual([topUp, status]);
  });

  it('refuses two routes claiming one path', () => {
    expect(() => new Router([topUp, route('other', ['/rest/v1.0/topup'])])).toThrow('two routes claim /rest/v1.0/topup');
  });
});
