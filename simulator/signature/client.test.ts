import { describe, expect, it } from 'vitest';
import { openApiRequest, snapRequest, tokenRequest } from './client.ts';
import { generateRsaKeyPair } from './keys.ts';
import { rawMemberText } from './open-api.ts';
import { rsaVerify, signAsymmetric, signSymmetric, verifySymmetric, verifyTokenRequest } from './snap.ts';

const keys = generateRsaKeyPair();
const TS = '2030-05-01T00:46:43+07:00';
const PATH = '/v1.0/emoney/topup.htm';
const BODY = { partnerReferenceNo: 'ref-1', amount: { value: '10000.00', currency: 'IDR' } };

describe('snapRequest', () => {
  it('sends the SNAP headers with an asymmetric signature over the serialised body', () => {
    const request = snapRequest({
      path: PATH,
      body: BODY,
      credentials: { partnerId: 'p-1', privateKey: keys.privateKeyPem },
      timestamp: TS,
      externalId: 'ext-1',
    });
    const body = JSON.stringify(BODY);
    expect(request).toEqual({
      method: 'POST',
      path: PATH,
      body,
      headers: {
        'content-type': 'application/json',
        'x-timestamp': TS,
        'x-signature': signAsymmetric({ method: 'POST', path: PATH, body, timestamp: TS }, keys.privateKeyPem),
        'x-partner-id': 'p-1',
        'x-external-id': 'ext-1',
        'channel-id': '95221',
      },
    });
  });

  it('sends a string body as given and the channel id of the credentials', () => {
    const body = '{"partnerReferenceNo": "ref-1"}';
    const request = snapRequest({
      path: PATH,
      body,
      credentials: { partnerId: 'p-1', privateKey: keys.privateKeyPem, channelId: '12345' },
      timestamp: TS,
    });
    expect(request.body).toBe(body);
    expect(request.headers['channel-id']).toBe('12345');
  });

  it('with an access token, signs with HMAC-SHA512 under the client secret and sends the token as a bearer', () => {
    const credentials = { partnerId: 'bank-1', privateKey: keys.privateKeyPem, clientSecret: 'secret-1' };
    const request = snapRequest({ path: PATH, body: BODY, credentials, timestamp: TS, accessToken: 'token-1' });
    const signed = { method: 'POST', path: PATH, body: JSON.stringify(BODY), timestamp: TS };
    expect(request.headers.authorization).toBe('Bearer token-1');
    expect(request.headers['x-signature']).toBe(signSymmetric(signed, 'token-1', 'secret-1'));
    expect(verifySymmetric(signed, 'token-1', request.headers['x-signature'], 'secret-1')).toBe(true);
  });

  it('with an access token but no client secret, signs with an empty secret', () => {
    const request = snapRequest({
      path: PATH,
      body: BODY,
      credentials: { partnerId: 'bank-1', privateKey: keys.privateKeyPem },
      timestamp: TS,
      accessToken: 'token-1',
    });
    const signed = { method: 'POST', path: PATH, body: JSON.stringify(BODY), timestamp: TS };
    expect(request.headers['x-signature']).toBe(signSymmetric(signed, 'token-1', ''));
  });
});

describe('tokenRequest', () => {
  it('asks for a B2B token with clientId|timestamp signed by the client key', () => {
    const request = tokenRequest({ partnerId: 'p-1', privateKey: keys.privateKeyPem }, TS);
    expect(request).toEqual({
      method: 'POST',
      path: '/v1.0/access-token/b2b.htm',
      body: '{"grantType":"client_credentials","additionalInfo":{}}',
      headers: {
        'content-type': 'application/json',
        'x-timestamp': TS,
        'x-client-key': 'p-1',
        'x-signature': request.headers['x-signature'],
      },
    });
    expect(verifyTokenRequest('p-1', TS, request.headers['x-signature'], keys.publicKeyPem)).toBe(true);
  });
});

describe('openApiRequest', () => {
  const options = {
    path: '/dana/merchant/queryMerchantResource.htm',
    function: 'dana.merchant.queryMerchantResource',
    body: { requestMerchantId: '216620000000000000000' },
    reqTime: TS,
    reqMsgId: 'msg-1',
  };

  it('wraps head and body in a request envelope signed over the exact request text', () => {
    const request = openApiRequest({
      ...options,
      credentials: { partnerId: 'client-1', privateKey: keys.privateKeyPem, clientSecret: 'secret-1' },
    });
    expect(request.method).toBe('POST');
    expect(request.path).toBe(options.path);
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
    const envelope = JSON.parse(request.body) as { request: unknown; signature: string };
    expect(envelope.request).toEqual({
      head: {
        version: '2.0',
        function: options.function,
        clientId: 'client-1',
        clientSecret: 'secret-1',
        reqTime: TS,
        reqMsgId: 'msg-1',
        reserve: '{}',
      },
      body: options.body,
    });
    expect(rsaVerify(rawMemberText(request.body, 'request')!, envelope.signature, keys.publicKeyPem)).toBe(true);
  });

  it('sends an empty client secret when the credentials have none', () => {
    const request = openApiRequest({ ...options, credentials: { partnerId: 'client-1', privateKey: keys.privateKeyPem } });
    const envelope = JSON.parse(request.body) as { request: { head: Record<string, unknown> } };
    expect(envelope.request.head.clientSecret).toBe('');
  });
});
