import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { queryMerchantResource } from '../contracts/merchant/index.ts';
import type { OpenApiKey } from '../contracts/response-codes.ts';
import { openApiRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { createTestSimulator, http, PATHS, type TestSimulator } from './helpers.ts';
import { notificationSignatureProblem, openApiReplySignatureProblem } from './oracle/dana-signature.ts';

// Every Open API reply dana-sim sends, success or failure, carries DANA's signature over the exact
// `response` text (auth.md 6.2). Checked with the independent verifier in test/oracle/, which shares no
// code with the simulator's signing, so a corrupted signature on any one kind of reply fails here.

const resourceBody = (t: TestSimulator) => ({ requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] });

function signedCheck(t: TestSimulator, overrides: Partial<Parameters<typeof openApiRequest>[0]> = {}): SignedRequest {
  return openApiRequest({
    path: PATHS.merchantResource,
    function: queryMerchantResource.function,
    credentials: t.credentials,
    body: resourceBody(t),
    ...overrides,
  });
}

const injected = (key: OpenApiKey) => (t: TestSimulator) => {
  t.sim.rules.add({ endpoint: 'queryMerchantResource', effect: { result: key }, times: 1 });
  return signedCheck(t);
};

/** How each result is provoked: its real trigger, or a rule for the codes nothing else produces. */
const TRIGGERS: Record<string, (t: TestSimulator) => SignedRequest> = {
  SUCCESS: (t) => signedCheck(t),
  PARAM_ILLEGAL: (t) => signedCheck(t, { body: { requestMerchantId: '123', merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  PARAM_MISSING: injected('PARAM_MISSING'),
  MERCHANT_NOT_EXIST: (t) =>
    signedCheck(t, { body: { requestMerchantId: '216600000000000000000', merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] } }),
  SYSTEM_ERROR: injected('SYSTEM_ERROR'),
  INVALID_SIGNATURE: (t) => {
    const signed = signedCheck(t);
    return { ...signed, body: signed.body.replace('MERCHANT_DEPOSIT_BALANCE', 'MERCHANT_TOTAL_BALANCE') };
  },
  UNKNOWN_CLIENT: (t) => signedCheck(t, { credentials: { ...t.credentials, partnerId: 'nobody' } }),
  VERIFY_CLIENT_SECRET_FAIL: (t) => signedCheck(t, { credentials: { ...t.credentials, clientSecret: 'wrong' } }),
  FUNCTION_MISMATCH: (t) => signedCheck(t, { function: 'dana.merchant.somethingElse' }),
  MSG_PARSE_ERROR: () => ({
    method: 'POST',
    path: PATHS.merchantResource,
    headers: { 'content-type': 'application/json' },
    body: '{"request":',
  }),
  TOO_MANY_REQUESTS: injected('TOO_MANY_REQUESTS'),
};

describe('Open API replies are signed by the DANA key, whatever the result', () => {
  it.each(queryMerchantResource.resultKeys)('the %s reply of queryMerchantResource verifies over its exact response text', async (key) => {
    const t = await createTestSimulator();
    expect(TRIGGERS[key], `no trigger for ${key}`).toBeDefined();
    const reply = await t.sim.handle(TRIGGERS[key](t));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).response.body.resultInfo.resultCode).toBe(key);
    expect(openApiReplySignatureProblem(reply.body, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
  });

  it('signs the replies the express adapter sends for a success, a failure and an oversized body', async () => {
    const t = await createTestSimulator();
    const agent = http(t.sim);
    const post = (path: string, body: string) => agent.post(path).set('content-type', 'application/json').send(body);
    const success = await post(PATHS.merchantResource, signedCheck(t).body);
    const unknown = await post(PATHS.merchantResource, signedCheck(t, { credentials: { ...t.credentials, partnerId: 'nobody' } }).body);
    const oversized = await post(PATHS.merchantResource, `{"request":"${'x'.repeat(1_100_000)}"}`);
    const codes = [success, unknown, oversized].map((reply) => JSON.parse(reply.text).response.body.resultInfo.resultCode);
    expect(codes).toEqual(['SUCCESS', 'UNKNOWN_CLIENT', 'MSG_PARSE_ERROR']);
    for (const reply of [success, unknown, oversized])
      expect(openApiReplySignatureProblem(reply.text, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
  });

  it('signs the SYSTEM_ERROR reply to a request a bug cut short, and the reply on the legacy bare path', async () => {
    const bugs: unknown[] = [];
    const t = await createTestSimulator({ onBug: (error) => bugs.push(error) });
    const bug = t.sim.internalError(new Error('adapter bug'), { method: 'POST', path: PATHS.merchantResource, headers: {}, body: '' });
    expect(JSON.parse(bug.body).response.body.resultInfo.resultCode).toBe('SYSTEM_ERROR');
    expect(bugs).toHaveLength(1);
    const legacy = await t.sim.handle(signedCheck(t, { path: '/merchant/queryMerchantResource.htm' }));
    expect(JSON.parse(legacy.body).response.body.resultInfo.resultCode).toBe('SUCCESS');
    for (const reply of [bug, legacy]) expect(openApiReplySignatureProblem(reply.body, t.sim.danaKeys.publicKeyPem)).toBeUndefined();
  });
});

describe('the independent verifier', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsa = (text: string) => sign('sha256', Buffer.from(text, 'utf8'), keys.privateKey).toString('base64');

  it('accepts a reply signed over its exact response text and rejects any other text, key or signature encoding', () => {
    // Spaced like a Python client would write it: the signed text is the text as it stands.
    const response = '{"head": {"version": "2.0"}, "body": {"resultInfo": {"resultStatus": "F", "resultCode": "PARAM_ILLEGAL"}}}';
    const signature = rsa(response);
    const reply = (text: string, sig = signature) => `{"response": ${text}, "signature": "${sig}"}`;
    expect(openApiReplySignatureProblem(reply(response), keys.publicKey)).toBeUndefined();
    expect(openApiReplySignatureProblem(reply(response), other.publicKey)).toBe('signature does not verify with the DANA public key');
    expect(openApiReplySignatureProblem(reply(JSON.stringify(JSON.parse(response))), keys.publicKey)).toBe(
      'signature does not verify with the DANA public key',
    );
    expect(openApiReplySignatureProblem(reply(response.replace('PARAM_ILLEGAL', 'PARAM_ILLEGAM')), keys.publicKey)).toBe(
      'signature does not verify with the DANA public key',
    );
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    expect(openApiReplySignatureProblem(reply(response, signature.slice(0, 10) + flipped + signature.slice(11)), keys.publicKey)).toBe(
      'signature does not verify with the DANA public key',
    );
    expect(openApiReplySignatureProblem(reply(response, signature.replace(/=*$/, '')), keys.publicKey)).toMatch(
      /^signature is not padded standard base64/,
    );
    expect(openApiReplySignatureProblem(`{"response": ${response}}`, keys.publicKey)).toBe('reply has no "signature" string');
    expect(openApiReplySignatureProblem(`{"response": ${response}, "signature": "${signature}", "extra": 1}`, keys.publicKey)).toBe(
      'reply has members besides response and signature: extra',
    );
  });

  it('accepts a notification signed over POST, its path, the minified body hash and X-TIMESTAMP, and nothing else', () => {
    const body = '{"originalPartnerReferenceNo": "ref 1", "amount": {"value": "1.00", "currency": "IDR"}}';
    const timestamp = '2030-05-01T10:00:00+07:00';
    // The space inside "ref 1" is part of a string and stays; the others go.
    const minifiedHash = createHash('sha256')
      .update('{"originalPartnerReferenceNo":"ref 1","amount":{"value":"1.00","currency":"IDR"}}', 'utf8')
      .digest('hex');
    const signature = rsa(`POST:/hooks/notify:${minifiedHash}:${timestamp}`);
    const call = { method: 'POST', path: '/hooks/notify?x=1', headers: { 'X-Signature': signature, 'x-timestamp': timestamp }, body };
    expect(notificationSignatureProblem(call, keys.publicKey)).toBeUndefined();
    expect(notificationSignatureProblem({ ...call, path: '/hooks/other' }, keys.publicKey)).toBe(
      'signature does not verify with the DANA public key',
    );
    expect(notificationSignatureProblem({ ...call, body: body.replace('1.00', '2.00') }, keys.publicKey)).toBe(
      'signature does not verify with the DANA public key',
    );
    expect(
      notificationSignatureProblem({ ...call, headers: { ...call.headers, 'x-timestamp': '2030-05-01T10:00:01+07:00' } }, keys.publicKey),
    ).toBe('signature does not verify with the DANA public key');
    expect(notificationSignatureProblem(call, other.publicKey)).toBe('signature does not verify with the DANA public key');
    expect(
      notificationSignatureProblem(
        { ...call, headers: { 'x-signature': signature, 'x-timestamp': '2030-05-01 10:00:00+07:00' } },
        keys.publicKey,
      ),
    ).toMatch(/^X-TIMESTAMP is not/);
    expect(notificationSignatureProblem({ ...call, headers: { 'x-timestamp': timestamp } }, keys.publicKey)).toBe(
      'no single X-SIGNATURE header',
    );
  });
});
