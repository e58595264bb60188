import { describe, expect, it } from 'vitest';
import type { OpenApiEndpoint } from '../../../contracts/common/endpoint.ts';
import { generateRsaKeyPair, toPublicKey } from '../../signature/keys.ts';
import { rsaSign } from '../../signature/snap.ts';
import { authenticateOpenApi, parseOpenApiEnvelope } from './open-api.ts';
import type { ClientDirectory, KnownClient, SimRequest } from './snap.ts';

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
const DIRECTORY: ClientDirectory = { find: (id) => [MERCHANT, BANK].find((client) => client.partnerId === id) };
const CONTRACT: OpenApiEndpoint = {
  envelope: 'open-api',
  key: 'query',
  title: 'Query',
  paths: ['/query.htm'],
  timeoutMs: 1000,
  request: {},
  function: 'dana.merchant.query',
  resultKeys: [],
};

function head(overrides: Record<string, unknown> = {}) {
  return {
    version: '2.0',
    function: 'dana.merchant.query',
    clientId: MERCHANT.partnerId,
    clientSecret: MERCHANT.clientSecret,
    reqTime: '2030-05-01T10:00:00+07:00',
    reqMsgId: 'msg-1',
    ...overrides,
  };
}

function envelopeRequest(request: unknown, signature?: unknown, key = merchantKeys.privateKeyPem): SimRequest {
  const text = JSON.stringify(request);
  const signed = signature === undefined ? rsaSign(text, key) : signature;
  return { method: 'POST', path: '/query.htm', headers: {}, body: `{"request":${text},"signature":${JSON.stringify(signed)}}` };
}

function authenticate(request: SimRequest, contract = CONTRACT) {
  return authenticateOpenApi(request, parseOpenApiEnvelope(request.body), contract, DIRECTORY);
}

const failureOf = (result: ReturnType<typeof authenticateOpenApi>) => (result.ok ? undefined : result.failure);

describe('parseOpenApiEnvelope', () => {
  it('splits the envelope into head, body, request and signature', () => {
    const parsed = parseOpenApiEnvelope('{"request":{"head":{"a":1},"body":{"b":2}},"signature":"s"}');
    expect(parsed).toEqual({ head: { a: 1 }, body: { b: 2 }, request: { head: { a: 1 }, body: { b: 2 } }, signature: 's' });
  });

  it('gives an empty head when the request or its head is missing or not an object', () => {
    expect(parseOpenApiEnvelope('{"signature":"s"}')).toEqual({ head: {}, body: undefined, request: undefined, signature: 's' });
    expect(parseOpenApiEnvelope('{"request":"text"}')?.head).toEqual({});
    expect(parseOpenApiEnvelope('{"request":{"head":null}}')?.head).toEqual({});
    expect(parseOpenApiEnvelope('{"request":{"head":"h"}}')?.head).toEqual({});
  });

  it('returns nothing for a body that is not a JSON object', () => {
    expect(parseOpenApiEnvelope('[]')).toBeUndefined();
    expect(parseOpenApiEnvelope('{')).toBeUndefined();
  });
});

describe('authenticateOpenApi', () => {
  it('accepts a signed envelope and hands over client, head and body', () => {
    const result = authenticate(envelopeRequest({ head: head(), body: { x: 1 } }));
    expect(result).toEqual({ ok: true, value: { client: MERCHANT, head: head(), body: { x: 1 } } });
  });

  it('answers MSG_PARSE_ERROR for a body that is not a JSON object', () => {
    expect(failureOf(authenticate({ method: 'POST', path: '/query.htm', headers: {}, body: 'nope' }))).toEqual({ key: 'MSG_PARSE_ERROR' });
  });

  it('names the request member when it is missing or not an object', () => {
    expect(failureOf(authenticate({ method: 'POST', path: '/query.htm', headers: {}, body: '{"signature":"s"}' }))).toEqual({
      key: 'PARAM_ILLEGAL',
      detail: 'request',
    });
    expect(failureOf(authenticate({ method: 'POST', path: '/query.htm', headers: {}, body: '{"request":null}' }))).toEqual({
      key: 'PARAM_ILLEGAL',
      detail: 'request',
    });
    expect(failureOf(authenticate({ method: 'POST', path: '/query.htm', headers: {}, body: '{"request":"r"}' }))).toEqual({
      key: 'PARAM_ILLEGAL',
      detail: 'request',
    });
  });

  it('names the head field that fails validation, prefixed with head.', () => {
    const { reqMsgId: _dropped, ...withoutMsgId } = head();
    expect(failureOf(authenticate(envelopeRequest({ head: withoutMsgId, body: {} })))).toEqual({
      key: 'PARAM_ILLEGAL',
      detail: 'head.reqMsgId',
    });
    expect(failureOf(authenticate(envelopeRequest({ body: {} })))).toEqual({ key: 'PARAM_ILLEGAL', detail: 'head.version' });
  });

  it('answers FUNCTION_MISMATCH when the head names another function', () => {
    expect(failureOf(authenticate(envelopeRequest({ head: head({ function: 'dana.other' }), body: {} })))).toEqual({
      key: 'FUNCTION_MISMATCH',
    });
  });

  it('answers UNKNOWN_CLIENT for an unknown client or one outside the audience', () => {
    expect(failureOf(authenticate(envelopeRequest({ head: head({ clientId: 'nobody' }), body: {} })))).toEqual({
      key: 'UNKNOWN_CLIENT',
      reason: 'no merchant or bank has client id "nobody"',
    });
    const bankCall = envelopeRequest(
      { head: head({ clientId: BANK.partnerId, clientSecret: BANK.clientSecret }), body: {} },
      undefined,
      bankKeys.privateKeyPem,
    );
    expect(failureOf(authenticate(bankCall))).toMatchObject({
      key: 'UNKNOWN_CLIENT',
      reason: expect.stringMatching(/is a bank; .* is called by a merchant$/),
    });
    expect(authenticate(bankCall, { ...CONTRACT, audience: 'any' }).ok).toBe(true);
    expect(authenticate(bankCall, { ...CONTRACT, audience: 'bank' }).ok).toBe(true);
  });

  it('answers VERIFY_CLIENT_SECRET_FAIL for a wrong client secret, before the signature', () => {
    expect(failureOf(authenticate(envelopeRequest({ head: head({ clientSecret: 'wrong' }), body: {} }, 'bad')))).toMatchObject({
      key: 'VERIFY_CLIENT_SECRET_FAIL',
      reason: expect.stringMatching(/^head.clientSecret is not the client secret of /),
    });
  });

  it('names a missing or empty signature', () => {
    expect(failureOf(authenticate(envelopeRequest({ head: head(), body: {} }, '')))).toEqual({ key: 'PARAM_ILLEGAL', detail: 'signature' });
    expect(failureOf(authenticate(envelopeRequest({ head: head(), body: {} }, 42)))).toEqual({ key: 'PARAM_ILLEGAL', detail: 'signature' });
  });

  it('answers INVALID_SIGNATURE for a signature by another key', () => {
    expect(failureOf(authenticate(envelopeRequest({ head: head(), body: {} }, undefined, bankKeys.privateKeyPem)))).toMatchObject({
      key: 'INVALID_SIGNATURE',
    });
  });

  it('names the body when it is missing, null, an array or a scalar, after the signature', () => {
    for (const body of [undefined, null, [1], 'text']) {
      expect(failureOf(authenticate(envelopeRequest({ head: head(), body }))), JSON.stringify(body)).toEqual({
        key: 'PARAM_ILLEGAL',
        detail: 'body',
      });
    }
  });
});
