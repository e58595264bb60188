import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jakartaTimestamp } from '../clock/clock.ts';
import { bodyCandidates, pathCandidates, timestampCandidates } from './diagnose-candidates.ts';
import {
  describeDiagnosis,
  diagnoseOpenApi,
  diagnoseSnap,
  diagnoseToken,
  diagnoseTokenRequest,
  tryDiagnosis,
  type SigningParty,
} from './diagnose.ts';
import { generateRsaKeyPair, keyFingerprint } from './keys.ts';
import { asymmetricStringToSign, rsaSign, signSymmetric } from './snap.ts';

// The likely-mistake search of signature/diagnose.ts, one candidate family at a time.

const merchant = generateRsaKeyPair();
const bank = generateRsaKeyPair();
const stranger = generateRsaKeyPair();
const party = (partnerId: string, privateKeyPem: string, clientSecret = `${partnerId}-secret`): SigningParty => ({
  partnerId,
  publicKey: createPublicKey(privateKeyPem),
  clientSecret,
});
const ME = party('me', merchant.privateKeyPem);
const OTHER = party('other', bank.privateKeyPem);
const PATH = '/v1.0/emoney/topup.htm';
const TIMESTAMP = '2026-12-06T20:00:00+07:00';
const BODY = { partnerReferenceNo: 'r/1', note: 'café <b>&', amount: { value: '1.00', currency: 'IDR' } };

function signedOver(body: string, overrides: { path?: string; timestamp?: string; key?: string } = {}) {
  const text = asymmetricStringToSign('POST', overrides.path ?? PATH, body, overrides.timestamp ?? TIMESTAMP);
  return rsaSign(text, overrides.key ?? merchant.privateKeyPem);
}

const diagnose = (signature: string, extra: Partial<Parameters<typeof diagnoseSnap>[0]> = {}) =>
  diagnoseSnap({
    method: 'post',
    path: PATH,
    body: JSON.stringify(BODY),
    timestamp: TIMESTAMP,
    signature,
    client: ME,
    otherPaths: [PATH, '/rest/v1.0/emoney/topup'],
    parties: [ME, OTHER],
    host: 'localhost:8787',
    ...extra,
  });

describe('diagnoseSnap', () => {
  it('names each JSON form of the body a client may have hashed', () => {
    for (const candidate of bodyCandidates(JSON.stringify(BODY))) {
      const diagnosis = diagnose(signedOver(candidate.value));
      expect(diagnosis.mistake, candidate.label).toMatchObject({ kind: 'body-form' });
      expect(diagnosis.mistake.detail).toContain(candidate.label);
    }
    expect(bodyCandidates(JSON.stringify(BODY)).map((c) => c.label)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Python json.dumps separators/),
        expect.stringMatching(/"\/" escaped/),
        expect.stringMatching(/non-ASCII characters escaped/),
        expect.stringMatching(/Go encoding\/json/),
        expect.stringMatching(/keys sorted/),
        expect.stringMatching(/tab indents/),
      ]),
    );
  });

  it('offers only the empty bodies for a body that is not JSON', () => {
    expect(bodyCandidates('not json').map((c) => c.value)).toEqual(['', '{}']);
  });

  it('names a full URL and a trailing slash as path mistakes', () => {
    expect(diagnose(signedOver(JSON.stringify(BODY), { path: `https://localhost:8787${PATH}` })).mistake.detail).toContain(
      'the full URL https://localhost:8787/v1.0/emoney/topup.htm',
    );
    expect(diagnose(signedOver(JSON.stringify(BODY), { path: `${PATH}/` })).mistake.detail).toContain('trailing slash');
    expect(pathCandidates('/a/', [], undefined).map((c) => c.value)).toEqual(['/a', 'a/']);
  });

  it('names a timestamp written in UTC', () => {
    const utc = new Date(Date.parse(TIMESTAMP)).toISOString().replace('.000Z', 'Z');
    expect(diagnose(signedOver(JSON.stringify(BODY), { timestamp: utc })).mistake.detail).toContain(
      'the same instant, written in UTC with "Z"',
    );
    expect(timestampCandidates('not a time')).toEqual([]);
  });

  it('says when the signature is not base64, and names whitespace in it', () => {
    expect(diagnose('abc def').mistake).toMatchObject({ kind: 'not-base64', detail: expect.stringContaining('contains whitespace') });
  });

  it('says a signature of the wrong size is truncated, without searching', () => {
    expect(diagnose('AAAA').mistake).toMatchObject({
      kind: 'signature-length',
      detail:
        "X-SIGNATURE decodes to 3 bytes, but an RSA signature with partner's 2048-bit key is 256: it is truncated, or not a signature.",
    });
    expect(diagnose('AAAA', { accessToken: 'tok' }).mistake.detail).toContain('an HMAC-SHA512 is 64');
  });

  it('survives a body nested too deep to re-serialise, and never lets a diagnosis fail a request', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(bodyCandidates(deep).map((c) => c.value)).toEqual(['', '{}']);
    expect(
      tryDiagnosis(() => {
        throw new RangeError('Maximum call stack size exceeded');
      }),
    ).toEqual({});
  });

  it("names another partner's client secret for HMAC", () => {
    const signature = signSymmetric(
      { method: 'POST', path: PATH, body: JSON.stringify(BODY), timestamp: TIMESTAMP },
      'tok',
      OTHER.clientSecret,
    );
    const diagnosis = diagnose(signature, { accessToken: 'tok' });
    expect(diagnosis).toMatchObject({ scheme: 'SNAP HMAC', verifiedWith: { partnerId: 'me', key: 'client secret (HMAC)' } });
    expect(diagnosis.mistake.detail).toContain('client secret of partner other');
    // The bearer is a credential: the shown string keeps only its tail.
    expect(diagnosis.stringToSign).toMatch(/^POST:\/v1\.0\/emoney\/topup\.htm:<access token …tok>:[0-9a-f]{64}:/);
  });

  it('describes itself in one paragraph, with the key fingerprint', () => {
    const text = describeDiagnosis(diagnose(signedOver('{}', { key: stranger.privateKeyPem })));
    expect(text).toContain(`partner me's RSA key ${keyFingerprint(merchant.privateKeyPem)}`);
    expect(text).toMatch(/Likely mistake: not made with partner me's RSA key/);
    expect(text).not.toContain('\n');
  });
});

describe('diagnoseToken', () => {
  const input = {
    method: 'POST',
    path: PATH,
    body: '{}',
    timestamp: TIMESTAMP,
    signature: 'x',
    client: ME,
    otherPaths: [],
    accessToken: 'abcdef123456',
  };
  it('says a token is not one dana-sim issued', () => {
    expect(diagnoseToken(input, { ours: false }, 0).mistake.kind).toBe('token-unknown');
  });
  it('says when it expired, in WIB', () => {
    const expired = diagnoseToken(input, { ours: true, subject: 'me', expiresAtMs: Date.parse(TIMESTAMP) }, Date.parse(TIMESTAMP) + 60_000);
    expect(expired.mistake.detail).toBe(
      'the access token expired at 2026-12-06 20:00:00 WIB on the simulator clock (now 2026-12-06 20:01:00 WIB): request a new token.',
    );
  });
});

describe('diagnoseTokenRequest', () => {
  const request = (signature: string) =>
    diagnoseTokenRequest({ clientId: 'me', timestamp: TIMESTAMP, signature, client: ME, parties: [ME, OTHER] });
  it("names another partner's key and a nearby timestamp", () => {
    expect(request(rsaSign(`me|${TIMESTAMP}`, bank.privateKeyPem)).mistake.kind).toBe('other-partner-key');
    const earlier = jakartaTimestamp(Date.parse(TIMESTAMP) - 1000);
    expect(request(rsaSign(`me|${earlier}`, merchant.privateKeyPem)).mistake.detail).toContain('1 s before the X-TIMESTAMP header');
    expect(request(rsaSign('something else', merchant.privateKeyPem))).toMatchObject({
      scheme: 'B2B token request',
      stringToSign: `me|${TIMESTAMP}`,
      mistake: { kind: 'none-found' },
    });
  });
});

describe('diagnoseOpenApi', () => {
  const requestMember = { head: { function: 'f' }, body: { a: 1 } };
  const raw = JSON.stringify({ request: requestMember, signature: 'x' });
  const diagnoseWith = (signature: string) => diagnoseOpenApi({ raw, request: requestMember, signature, client: ME, parties: [ME, OTHER] });
  it('names a pretty-printed request member and a signature over request.body only', () => {
    expect(diagnoseWith(rsaSign(JSON.stringify(requestMember, null, 2), merchant.privateKeyPem)).mistake.detail).toContain(
      'the request member pretty-printed with 2-space indents',
    );
    expect(diagnoseWith(rsaSign(JSON.stringify(requestMember.body), merchant.privateKeyPem)).mistake.detail).toContain('only request.body');
    expect(diagnoseWith(rsaSign(JSON.stringify(requestMember), bank.privateKeyPem)).mistake.kind).toBe('other-partner-key');
    expect(diagnoseWith(rsaSign('nothing', merchant.privateKeyPem))).toMatchObject({
      scheme: 'Open API RSA',
      stringToSign: JSON.stringify(requestMember),
      mistake: { kind: 'none-found' },
    });
  });
});
