import { describe, expect, it } from 'vitest';
import type { SnapEndpoint } from '../../../contracts/common/endpoint.ts';
import { signTokenRequest } from '../../signature/snap.ts';
import { snapRequest, tokenRequest } from '../../signature/client.ts';
import { generateRsaKeyPair, toPublicKey } from '../../signature/keys.ts';
import { ExternalIdRegistry } from '../external-ids.ts';
import { authenticateSnap, header, parseJsonObject, type KnownClient, type SimRequest, type SnapAuthDeps } from './snap.ts';

const merchantKeys = generateRsaKeyPair();
const bankKeys = generateRsaKeyPair();
const MERCHANT: KnownClient = {
  kind: 'merchant',
  partnerId: 'merchant-1',
  merchantId: 'm1',
  clientSecret: 'secret-1',
  publicKeyPem: merchantKeys.publicKeyPem,
  publicKey: toPublicKey(merchantKeys.publicKeyPem),
};
const BANK: KnownClient = {
  kind: 'bank',
  partnerId: 'bank-1',
  clientSecret: 'secret-2',
  publicKeyPem: bankKeys.publicKeyPem,
  publicKey: toPublicKey(bankKeys.publicKeyPem),
};

const CONTRACT: SnapEndpoint = {
  envelope: 'snap',
  key: 'topUp',
  title: 'Top Up',
  paths: ['/v1.0/topup.htm'],
  timeoutMs: 1000,
  request: {},
  serviceCode: '38',
  resultKeys: [],
};
const TOKEN_CONTRACT: SnapEndpoint = {
  ...CONTRACT,
  key: 'token',
  paths: ['/v1.0/access-token/b2b.htm'],
  auth: 'token-request',
  serviceCode: '73',
  audience: 'any',
};
const BODY = { partnerReferenceNo: 'ref-1' };
const TIMESTAMP = '2030-05-01T10:00:00+07:00';

function deps(overrides: Partial<SnapAuthDeps> = {}): SnapAuthDeps {
  const clients = [MERCHANT, BANK];
  return {
    directory: { find: (id) => clients.find((client) => client.partnerId === id) },
    externalIds: new ExternalIdRegistry(),
    tokens: { verify: (token, clientId) => token === 'good-token' && clientId === MERCHANT.partnerId },
    day: '2030-05-01',
    ...overrides,
  };
}

function signed(options: { body?: unknown; accessToken?: string; externalId?: string; partnerId?: string; key?: string } = {}): SimRequest {
  return snapRequest({
    path: '/v1.0/topup.htm',
    body: options.body ?? BODY,
    timestamp: TIMESTAMP,
    externalId: options.externalId ?? 'ext-1',
    accessToken: options.accessToken,
    credentials: {
      partnerId: options.partnerId ?? MERCHANT.partnerId,
      privateKey: options.key ?? merchantKeys.privateKeyPem,
      clientSecret: MERCHANT.clientSecret,
    },
  });
}

function withHeaders(request: SimRequest, changes: Record<string, string | undefined>): SimRequest {
  return { ...request, headers: { ...request.headers, ...changes } };
}

const failureOf = (result: ReturnType<typeof authenticateSnap>) => (result.ok ? undefined : result.failure);

describe('header and parseJsonObject', () => {
  it('reads headers by lower-case name', () => {
    expect(header(signed(), 'X-PARTNER-ID')).toBe('merchant-1');
  });

  it('parses only JSON objects', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('[1]')).toBeUndefined();
    expect(parseJsonObject('null')).toBeUndefined();
    expect(parseJsonObject('"text"')).toBeUndefined();
    expect(parseJsonObject('{broken')).toBeUndefined();
  });
});

describe('authenticateSnap (signature scheme)', () => {
  it('accepts a correctly signed asymmetric request and hands over client, external id and body', () => {
    const result = authenticateSnap(signed(), CONTRACT, deps());
    expect(result).toEqual({ ok: true, value: { client: MERCHANT, externalId: 'ext-1', body: BODY } });
  });

  it('reports the first missing mandatory header in documented order', () => {
    const request = signed();
    const order = ['x-timestamp', 'x-signature', 'x-partner-id', 'x-external-id', 'channel-id'];
    for (let i = 0; i < order.length; i++) {
      const removed = Object.fromEntries(order.slice(i).map((name) => [name, undefined]));
      expect(failureOf(authenticateSnap(withHeaders(request, removed), CONTRACT, deps()))).toEqual({
        key: 'INVALID_MANDATORY_FIELD',
        detail: order[i].toUpperCase(),
      });
    }
  });

  it('treats a blank header as missing', () => {
    expect(failureOf(authenticateSnap(withHeaders(signed(), { 'channel-id': '  ' }), CONTRACT, deps()))).toEqual({
      key: 'INVALID_MANDATORY_FIELD',
      detail: 'CHANNEL-ID',
    });
    expect(failureOf(authenticateSnap(withHeaders(signed(), { 'x-timestamp': '' }), CONTRACT, deps()))).toEqual({
      key: 'INVALID_MANDATORY_FIELD',
      detail: 'X-TIMESTAMP',
    });
  });

  it('checks presence before the timestamp format', () => {
    const request = withHeaders(signed(), { 'x-timestamp': 'yesterday', 'channel-id': undefined });
    expect(failureOf(authenticateSnap(request, CONTRACT, deps()))).toEqual({ key: 'INVALID_MANDATORY_FIELD', detail: 'CHANNEL-ID' });
  });

  it('rejects a malformed or impossible timestamp before looking at the client', () => {
    for (const timestamp of [
      '2030-05-01 10:00:00+07:00',
      '2030-13-45T10:00:00+07:00',
      '2030-05-01T10:00:00',
      `x${TIMESTAMP}`,
      `${TIMESTAMP}x`,
    ]) {
      const request = withHeaders(signed(), { 'x-timestamp': timestamp, 'x-partner-id': 'nobody' });
      expect(failureOf(authenticateSnap(request, CONTRACT, deps())), timestamp).toEqual({
        key: 'INVALID_FIELD_FORMAT',
        detail: 'X-TIMESTAMP',
      });
    }
  });

  it('rejects an unknown partner, and one outside the endpoint audience, before the signature', () => {
    expect(failureOf(authenticateSnap(signed({ partnerId: 'nobody' }), CONTRACT, deps()))).toEqual({
      key: 'UNKNOWN_CLIENT',
      reason: 'no merchant or bank has partner id "nobody"',
    });
    expect(failureOf(authenticateSnap(signed({ partnerId: BANK.partnerId, key: merchantKeys.privateKeyPem }), CONTRACT, deps()))).toEqual({
      key: 'UNKNOWN_CLIENT',
      reason: `partner ${BANK.partnerId} is a bank; topUp is called by a merchant`,
    });
    expect(
      failureOf(authenticateSnap(withHeaders(signed(), { 'x-signature': 'bad' }), { ...CONTRACT, audience: 'bank' }, deps())),
    ).toMatchObject({ key: 'UNKNOWN_CLIENT' });
  });

  it('lets any known partner call an endpoint open to any audience', () => {
    const request = signed({ partnerId: BANK.partnerId, key: bankKeys.privateKeyPem });
    expect(authenticateSnap(request, { ...CONTRACT, audience: 'any' }, deps()).ok).toBe(true);
    expect(authenticateSnap(request, { ...CONTRACT, audience: 'bank' }, deps()).ok).toBe(true);
  });

  it('rejects a signature that does not match the request or the key', () => {
    expect(failureOf(authenticateSnap(signed({ key: bankKeys.privateKeyPem }), CONTRACT, deps()))).toMatchObject({
      key: 'INVALID_SIGNATURE',
    });
    const tampered = { ...signed(), body: JSON.stringify({ partnerReferenceNo: 'ref-2' }) };
    expect(failureOf(authenticateSnap(tampered, CONTRACT, deps()))).toMatchObject({ key: 'INVALID_SIGNATURE' });
  });

  it('accepts a symmetric signature with a valid bearer token', () => {
    const result = authenticateSnap(signed({ accessToken: 'good-token' }), CONTRACT, deps());
    expect(result).toEqual({ ok: true, value: { client: MERCHANT, externalId: 'ext-1', body: BODY } });
  });

  it('answers Token Not Found for an Authorization header without a bearer token', () => {
    for (const authorization of ['', 'Basic abc', 'Bearer', 'Bearer ', 'Bearer a b', 'Token Bearer good-token', 'Bearergood-token']) {
      const request = withHeaders(signed({ accessToken: 'good-token' }), { authorization });
      expect(failureOf(authenticateSnap(request, CONTRACT, deps())), authorization).toMatchObject({ key: 'TOKEN_NOT_FOUND' });
    }
  });

  it('accepts the bearer scheme in any case and trailing spaces', () => {
    const request = withHeaders(signed({ accessToken: 'good-token' }), { authorization: 'bearer   good-token  ' });
    expect(authenticateSnap(request, CONTRACT, deps()).ok).toBe(true);
  });

  it('answers Invalid Token for a token the partner was not issued, before the signature', () => {
    const request = withHeaders(signed({ accessToken: 'good-token' }), { authorization: 'Bearer other-token', 'x-signature': 'bad' });
    expect(failureOf(authenticateSnap(request, CONTRACT, deps()))).toEqual({ key: 'INVALID_TOKEN' });
  });

  it('rejects a symmetric signature made with another secret', () => {
    const request = snapRequest({
      path: '/v1.0/topup.htm',
      body: BODY,
      timestamp: TIMESTAMP,
      externalId: 'ext-1',
      accessToken: 'good-token',
      credentials: { partnerId: MERCHANT.partnerId, privateKey: merchantKeys.privateKeyPem, clientSecret: 'wrong' },
    });
    expect(failureOf(authenticateSnap(request, CONTRACT, deps()))).toMatchObject({ key: 'INVALID_SIGNATURE' });
  });

  it('answers Conflict for an external id the partner already used today, after the signature', () => {
    const shared = deps();
    expect(authenticateSnap(signed(), CONTRACT, shared).ok).toBe(true);
    expect(failureOf(authenticateSnap(signed(), CONTRACT, shared))).toEqual({ key: 'CONFLICT' });
    expect(failureOf(authenticateSnap(withHeaders(signed(), { 'x-signature': 'bad' }), CONTRACT, shared))).toMatchObject({
      key: 'INVALID_SIGNATURE',
    });
    expect(authenticateSnap(signed(), CONTRACT, { ...shared, day: '2030-05-02' }).ok).toBe(true);
  });

  it('does not spend the external id of a request whose signature fails', () => {
    const shared = deps();
    expect(failureOf(authenticateSnap(withHeaders(signed(), { 'x-signature': 'bad' }), CONTRACT, shared))).toMatchObject({
      key: 'INVALID_SIGNATURE',
    });
    expect(authenticateSnap(signed(), CONTRACT, shared).ok).toBe(true);
  });

  it('answers Bad Request for a body that is not a JSON object, after every header check', () => {
    expect(failureOf(authenticateSnap(signed({ body: '[1,2]' }), CONTRACT, deps()))).toEqual({ key: 'BAD_REQUEST' });
    expect(failureOf(authenticateSnap(signed({ body: '{oops' }), CONTRACT, deps()))).toEqual({ key: 'BAD_REQUEST' });
  });
});

describe('authenticateSnap (token request)', () => {
  const token = (timestamp = TIMESTAMP) =>
    tokenRequest({ partnerId: MERCHANT.partnerId, privateKey: merchantKeys.privateKeyPem }, timestamp);

  it('accepts clientId|timestamp signed with the client key, without the SNAP transaction headers', () => {
    const result = authenticateSnap(token(), TOKEN_CONTRACT, deps());
    expect(result).toEqual({
      ok: true,
      value: { client: MERCHANT, externalId: undefined, body: { grantType: 'client_credentials', additionalInfo: {} } },
    });
  });

  it('reports the first missing token header in order', () => {
    const request = token();
    expect(
      failureOf(authenticateSnap(withHeaders(request, { 'x-timestamp': undefined, 'x-client-key': undefined }), TOKEN_CONTRACT, deps())),
    ).toEqual({ key: 'INVALID_MANDATORY_FIELD', detail: 'X-TIMESTAMP' });
    expect(
      failureOf(authenticateSnap(withHeaders(request, { 'x-client-key': ' ', 'x-signature': undefined }), TOKEN_CONTRACT, deps())),
    ).toEqual({ key: 'INVALID_MANDATORY_FIELD', detail: 'X-CLIENT-KEY' });
    expect(failureOf(authenticateSnap(withHeaders(request, { 'x-signature': '' }), TOKEN_CONTRACT, deps()))).toEqual({
      key: 'INVALID_MANDATORY_FIELD',
      detail: 'X-SIGNATURE',
    });
  });

  it('rejects a malformed or impossible timestamp', () => {
    expect(failureOf(authenticateSnap(withHeaders(token(), { 'x-timestamp': 'now' }), TOKEN_CONTRACT, deps()))).toEqual({
      key: 'INVALID_FIELD_FORMAT',
      detail: 'X-TIMESTAMP',
    });
    expect(failureOf(authenticateSnap(token('2030-02-31T25:00:00+07:00'), TOKEN_CONTRACT, deps()))).toEqual({
      key: 'INVALID_FIELD_FORMAT',
      detail: 'X-TIMESTAMP',
    });
  });

  it('rejects an unknown client and a signature over anything else', () => {
    expect(failureOf(authenticateSnap(withHeaders(token(), { 'x-client-key': 'nobody' }), TOKEN_CONTRACT, deps()))).toMatchObject({
      key: 'UNKNOWN_CLIENT',
    });
    const otherTime = withHeaders(token(), {
      'x-signature': signTokenRequest(MERCHANT.partnerId, '2030-05-01T10:00:01+07:00', merchantKeys.privateKeyPem),
    });
    expect(failureOf(authenticateSnap(otherTime, TOKEN_CONTRACT, deps()))).toMatchObject({ key: 'INVALID_SIGNATURE' });
  });

  it('answers Bad Request for a body that is not a JSON object', () => {
    expect(failureOf(authenticateSnap({ ...token(), body: 'grant' }, TOKEN_CONTRACT, deps()))).toEqual({ key: 'BAD_REQUEST' });
  });

  it('passes an X-EXTERNAL-ID through when one is sent', () => {
    const result = authenticateSnap(withHeaders(token(), { 'x-external-id': 'e9' }), TOKEN_CONTRACT, deps());
    expect(result.ok && result.value.externalId).toBe('e9');
  });
});
