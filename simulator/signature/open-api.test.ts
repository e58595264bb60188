import { describe, expect, it } from 'vitest';
import { generateRsaKeyPair } from './keys.ts';
import { rawMemberText, signedEnvelopeText, verifyOpenApiEnvelope } from './open-api.ts';
import { rsaSign, rsaVerify } from './snap.ts';

const keys = generateRsaKeyPair();

describe('rawMemberText', () => {
  it('returns the exact text of request in compact JSON', () => {
    const request = '{"head":{"function":"f","reserve":"{}"},"body":{"a":[1,{"b":2}]}}';
    expect(rawMemberText(`{"request":${request},"signature":"abc"}`, 'request')).toBe(request);
  });

  it('returns the exact text of request in pretty-printed JSON, whitespace included', () => {
    const raw = JSON.stringify({ request: { head: { version: '2.0' }, body: { list: [1, 2] } }, signature: 's' }, null, 2);
    const text = rawMemberText(raw, 'request');
    expect(text).toBe(
      '{\n    "head": {\n      "version": "2.0"\n    },\n    "body": {\n      "list": [\n        1,\n        2\n      ]\n    }\n  }',
    );
    expect(JSON.parse(text!)).toEqual({ head: { version: '2.0' }, body: { list: [1, 2] } });
  });

  it('finds request when it is not the first member, skipping objects, arrays and scalars before it', () => {
    const request = '{"x":1}';
    const raw = `{"signature":"s","n":-1.5e3,"ok":true,"nil":null,"arr":[{"request":{}}],"obj":{"request":{"y":2}},"request":${request}}`;
    expect(rawMemberText(raw, 'request')).toBe(request);
  });

  it('is not fooled by braces, quotes and escaped quotes inside strings', () => {
    const request = '{"memo":"} { ] [ \\" \\\\","k\\"ey":"\\"request\\":{}"}';
    expect(JSON.parse(request)).toEqual({ memo: '} { ] [ " \\', 'k"ey': '"request":{}' });
    const raw = `{"note":"request","tricky":"{\\"request\\":1}","request":${request},"signature":"s"}`;
    expect(rawMemberText(raw, 'request')).toBe(request);
  });

  it('does not end a string at an escaped quote, so a brace after it stays inside the string', () => {
    const request = '{"memo":"\\"}","next":"\\"]"}';
    expect(JSON.parse(request)).toEqual({ memo: '"}', next: '"]' });
    expect(rawMemberText(`{"request":${request},"signature":"s"}`, 'request')).toBe(request);
    expect(rawMemberText(`{"k\\"}":1,"request":{"a":1}}`, 'request')).toBe('{"a":1}');
  });

  it('gives up on a key that is not a valid JSON string', () => {
    expect(rawMemberText('{"request":{"a":1},"bad\\q":{"b":2}}', 'request')).toBeUndefined();
  });

  it('matches a key written with escapes by its decoded name', () => {
    expect(rawMemberText('{"re\\u0071uest":{"a":1}}', 'request')).toBe('{"a":1}');
  });

  it('returns undefined when request is absent, nested only, or not an object', () => {
    expect(rawMemberText('{"response":{"a":1},"signature":"s"}', 'request')).toBeUndefined();
    expect(rawMemberText('{"outer":{"request":{"a":1}}}', 'request')).toBeUndefined();
    expect(rawMemberText('{"request":"{\\"a\\":1}"}', 'request')).toBeUndefined();
    expect(rawMemberText('{"request":[{"a":1}]}', 'request')).toBeUndefined();
    expect(rawMemberText('{"request":42}', 'request')).toBeUndefined();
    expect(rawMemberText('{"request":null}', 'request')).toBeUndefined();
    expect(rawMemberText('[1,2]', 'request')).toBeUndefined();
    expect(rawMemberText('', 'request')).toBeUndefined();
  });

  it('returns undefined for an unterminated request object', () => {
    expect(rawMemberText('{"request":{"a":{"b":1}', 'request')).toBeUndefined();
  });
});

describe('verifyOpenApiEnvelope', () => {
  // What Python's json.dumps sends by default: ", " and ": " separators, signed over that same text.
  const spacedRequest =
    '{"head": {"version": "2.0", "function": "dana.merchant.queryMerchantResource", "reqMsgId": "m-1", "reserve": "{}"}, ' +
    '"body": {"merchantId": "216620000000000000000", "note": "a, b: c"}}';

  it('accepts a Python-style envelope signed over its own spaced text', () => {
    const signature = rsaSign(spacedRequest, keys.privateKeyPem);
    const raw = `{"request": ${spacedRequest}, "signature": ${JSON.stringify(signature)}}`;
    const parsed = JSON.parse(raw) as { request: unknown };
    // The compact re-serialisation alone would not verify: the raw text is what makes this pass.
    expect(rsaVerify(JSON.stringify(parsed.request), signature, keys.publicKeyPem)).toBe(false);
    expect(verifyOpenApiEnvelope(raw, parsed.request, signature, keys.publicKeyPem)).toBe(true);
  });

  it('accepts a spaced envelope whose signature was made over the compact form', () => {
    const parsedRequest = JSON.parse(spacedRequest) as unknown;
    const signature = rsaSign(JSON.stringify(parsedRequest), keys.privateKeyPem);
    const raw = `{"request": ${spacedRequest}, "signature": ${JSON.stringify(signature)}}`;
    expect(verifyOpenApiEnvelope(raw, parsedRequest, signature, keys.publicKeyPem)).toBe(true);
  });

  it('rejects a tampered envelope', () => {
    const signature = rsaSign(spacedRequest, keys.privateKeyPem);
    const tampered = spacedRequest.replace('216620000000000000000', '216620000000000000001');
    const raw = `{"request": ${tampered}, "signature": ${JSON.stringify(signature)}}`;
    const parsed = JSON.parse(raw) as { request: unknown };
    expect(verifyOpenApiEnvelope(raw, parsed.request, signature, keys.publicKeyPem)).toBe(false);
  });

  it('verifies the last of repeated request members, the one JSON.parse acts on', () => {
    const signed = '{"head":{"reqMsgId":"signed"},"body":{"merchantId":"A"}}';
    const unsigned = '{"head":{"reqMsgId":"unsigned"},"body":{"merchantId":"B"}}';
    const signature = JSON.stringify(rsaSign(signed, keys.privateKeyPem));
    const smuggled = `{"request":${signed},"request":${unsigned},"signature":${signature}}`;
    expect(rawMemberText(smuggled, 'request')).toBe(unsigned);
    expect(verifyOpenApiEnvelope(smuggled, JSON.parse(smuggled).request, JSON.parse(signature), keys.publicKeyPem)).toBe(false);
    // The other order is consistent too: the signed request is last and is the one acted on.
    const reversed = `{"request":${unsigned},"request":${signed},"signature":${signature}}`;
    expect(verifyOpenApiEnvelope(reversed, JSON.parse(reversed).request, JSON.parse(signature), keys.publicKeyPem)).toBe(true);
    expect(rawMemberText(`{"request":${signed},"request":"text"}`, 'request')).toBeUndefined();
  });

  it('rejects a signature made with another key', () => {
    const other = generateRsaKeyPair();
    const signature = rsaSign(spacedRequest, other.privateKeyPem);
    const raw = `{"request": ${spacedRequest}, "signature": ${JSON.stringify(signature)}}`;
    expect(verifyOpenApiEnvelope(raw, JSON.parse(spacedRequest), signature, keys.publicKeyPem)).toBe(false);
  });
});

describe('signedEnvelopeText', () => {
  const payload = { head: { version: '2.0', resp: 'x/y' }, body: { resultInfo: { resultStatus: 'S', resultMsg: 'a "quoted" }' } } };

  it('produces JSON whose signature verifies over the embedded member text', () => {
    const text = signedEnvelopeText('response', payload, keys.privateKeyPem);
    const parsed = JSON.parse(text) as { response: unknown; signature: string };
    expect(Object.keys(parsed)).toEqual(['response', 'signature']);
    expect(parsed.response).toEqual(payload);
    const embedded = rawMemberText(text, 'response');
    expect(embedded).toBe(JSON.stringify(payload));
    expect(rsaVerify(embedded!, parsed.signature, keys.publicKeyPem)).toBe(true);
  });

  it('produces a request envelope that verifyOpenApiEnvelope accepts', () => {
    const text = signedEnvelopeText('request', payload, keys.privateKeyPem);
    const parsed = JSON.parse(text) as { request: unknown; signature: string };
    expect(verifyOpenApiEnvelope(text, parsed.request, parsed.signature, keys.publicKeyPem)).toBe(true);
  });
});
