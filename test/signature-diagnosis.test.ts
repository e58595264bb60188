import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyProblems } from '../contracts/common/reply-spec.ts';
import { REPLY_SPECS } from '../contracts/replies.ts';
import { printFailures } from '../simulator/adapters/cli/verbose.ts';
import { jakartaTimestamp } from '../simulator/clock/clock.ts';
import type { LogEntry } from '../simulator/core/request-log.ts';
import { openApiRequest, snapRequest, tokenRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { generateRsaKeyPair } from '../simulator/signature/keys.ts';
import { asymmetricStringToSign, rsaSign, signSymmetric } from '../simulator/signature/snap.ts';
import { controlCall, createTestSimulator, PATHS, secondMerchant, topUpBody, type Reply, type TestSimulator } from './helpers.ts';

// Issue 18 item 1: a refused signature says why, in DANA's additionalInfo.debugMessage (only with
// X-Debug-Mode), in the request log (GET /__sim/log) and on the `start --verbose` console (the same
// printFailures the start command subscribes; test/cli-process.test.ts runs it in a real process).

let t: TestSimulator;
let console: string[];
let stopConsole: () => void;

beforeEach(async () => {
  t = await createTestSimulator();
  console = [];
  stopConsole = printFailures(t.sim.log, (text) => console.push(text));
});

afterEach(async () => {
  stopConsole();
  await t.sim.close();
});

const debug = (request: SignedRequest, value = 'true'): SignedRequest => ({
  ...request,
  headers: { ...request.headers, 'x-debug-mode': value },
});

async function send(request: SignedRequest): Promise<Reply> {
  const reply = await t.sim.handle(request);
  return { status: reply.status, body: JSON.parse(reply.body) };
}

async function lastLogged(): Promise<LogEntry> {
  const reply = await controlCall(t.sim, 'GET', '/__sim/log');
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { entries: LogEntry[] }).entries.at(-1)!;
}

/** The three places agree: the reply (DANA's wording kept), the log and the console. */
async function expectDiagnosed(request: SignedRequest, kind: string, detail: RegExp, code = '4013800') {
  const reply = await send(debug(request));
  expect(reply.body.responseCode).toBe(code);
  expect(reply.body.responseMessage).toBe(code === '4013800' ? 'Unauthorized. Invalid Signature' : 'Invalid Token (B2B)');
  const message: string = reply.body.additionalInfo.debugMessage;
  expect(message).toMatch(detail);
  expect(message).toMatch(/string to sign/);
  const entry = await lastLogged();
  expect(entry).toMatchObject({ code, partnerId: t.credentials.partnerId, diagnosis: { mistake: { kind } } });
  expect(entry.diagnosis!.mistake.detail).toMatch(detail);
  expect(entry.reason).toMatch(detail);
  expect(console.at(-1)).toMatch(/likely mistake/);
  expect(console.at(-1)).toMatch(detail);
  expect(console.at(-1)).toContain(entry.diagnosis!.stringToSign);
  return { reply, entry };
}

describe('signature diagnosis', () => {
  it('names another path spelling of the endpoint', async () => {
    const request = {
      ...snapRequest({ path: '/v1.0/emoney/topup.htm', body: topUpBody(), credentials: t.credentials }),
      path: PATHS.topUp,
    };
    const { entry } = await expectDiagnosed(request, 'path', /\/v1\.0\/emoney\/topup\.htm .*sent to \/rest\/v1\.0\/emoney\/topup/);
    expect(entry.diagnosis).toMatchObject({ scheme: 'SNAP RSA', path: PATHS.topUp, method: 'POST' });
    expect(entry.diagnosis!.stringToSign).toMatch(/^POST:\/rest\/v1\.0\/emoney\/topup:[0-9a-f]{64}:/);
    expect(entry.diagnosis!.verifiedWith.key).toMatch(/^RSA key [0-9a-f]{16}$/);
  });

  it('names the body serialisation that was signed', async () => {
    const body = topUpBody();
    const sent = snapRequest({ path: PATHS.topUp, body, credentials: t.credentials });
    // The client hashed its body pretty-printed (signAsymmetric would minify first, as SDKs do) but sent it minified.
    const signedPretty = rsaSign(
      asymmetricStringToSign('POST', PATHS.topUp, JSON.stringify(body, null, 2), sent.headers['x-timestamp']!),
      t.credentials.privateKey,
    );
    await expectDiagnosed(
      { ...sent, headers: { ...sent.headers, 'x-signature': signedPretty } },
      'body-form',
      /pretty-printed with 2-space indents/,
    );
  });

  it("names another partner's key", async () => {
    const other = await secondMerchant(t);
    const request = snapRequest({
      path: PATHS.topUp,
      body: topUpBody(),
      credentials: { ...t.credentials, privateKey: other.credentials.privateKey },
    });
    await expectDiagnosed(request, 'other-partner-key', /private key of partner second-partner \(RSA key [0-9a-f]{16}\)/);
  });

  it('names a timestamp other than the one sent', async () => {
    const now = Date.now();
    const request = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, timestamp: jakartaTimestamp(now) });
    const sent = { ...request, headers: { ...request.headers, 'x-timestamp': jakartaTimestamp(now + 2000) } };
    await expectDiagnosed(sent, 'timestamp', /2 s before the X-TIMESTAMP header/);
  });

  it('names an HMAC signature sent where RSA is expected, and RSA where HMAC is', async () => {
    const request = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });
    const hmac = signSymmetric(
      { method: 'POST', path: PATHS.topUp, body: request.body, timestamp: request.headers['x-timestamp']! },
      '',
      t.credentials.clientSecret,
    );
    await expectDiagnosed(
      { ...request, headers: { ...request.headers, 'x-signature': hmac } },
      'hmac-vs-rsa',
      /64 bytes, the size of an HMAC-SHA512/,
    );
    const token = (await send(tokenRequest(t.credentials))).body.accessToken as string;
    const rsaWithBearer = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials });
    await expectDiagnosed(
      { ...rsaWithBearer, headers: { ...rsaWithBearer.headers, authorization: `Bearer ${token}` } },
      'hmac-vs-rsa',
      /256 bytes, the size of an RSA signature/,
    );
  });

  it('names a token issued to another client, and one expired on the simulator clock', async () => {
    const other = await secondMerchant(t);
    const othersToken = (await send(tokenRequest(other.credentials))).body.accessToken as string;
    const request = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, accessToken: othersToken });
    const { entry } = await expectDiagnosed(request, 'token-other-client', /issued to client second-partner/, '4013801');
    expect(entry.diagnosis).toMatchObject({ scheme: 'SNAP HMAC', verifiedWith: { key: 'client secret (HMAC)' } });
    const token = (await send(tokenRequest(t.credentials))).body.accessToken as string;
    t.sim.clock.advance(16 * 60_000);
    const late = snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, accessToken: token });
    await expectDiagnosed(late, 'token-expired', /expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d WIB on the simulator clock/, '4013801');
  });

  it('says plainly when nothing it tried matches', async () => {
    const stranger = generateRsaKeyPair();
    const request = snapRequest({
      path: PATHS.topUp,
      body: topUpBody(),
      credentials: { ...t.credentials, privateKey: stranger.privateKeyPem },
    });
    await expectDiagnosed(
      request,
      'none-found',
      new RegExp(`not made with partner ${t.credentials.partnerId}'s RSA key [0-9a-f]{16} over this string`),
    );
  });

  it('diagnoses a bank (VA) partner, a token request and an Open API envelope in the log', async () => {
    const bankRequest = snapRequest({
      path: PATHS.vaInquiry,
      body: {},
      credentials: { ...t.bank.credentials, privateKey: t.credentials.privateKey },
    });
    await send(bankRequest);
    expect(await lastLogged()).toMatchObject({
      partnerId: t.bank.credentials.partnerId,
      diagnosis: { mistake: { kind: 'other-partner-key' } },
    });
    const token = tokenRequest(t.credentials, jakartaTimestamp(Date.now() - 1000));
    await send({ ...token, headers: { ...token.headers, 'x-timestamp': jakartaTimestamp(Date.now()) } });
    expect(await lastLogged()).toMatchObject({ diagnosis: { scheme: 'B2B token request', mistake: { kind: 'timestamp' } } });
    const other = await secondMerchant(t);
    const reply = await t.balanceCheck();
    expect(reply.body.response.body.resultInfo.resultStatus).toBe('S');
    await send(
      openApiRequest({
        path: PATHS.merchantResource,
        function: 'dana.merchant.queryMerchantResource',
        credentials: { ...t.credentials, privateKey: other.credentials.privateKey },
        body: { requestMerchantId: t.merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] },
      }),
    );
    const logged = await lastLogged();
    expect(logged).toMatchObject({
      partnerId: t.credentials.partnerId,
      diagnosis: { scheme: 'Open API RSA', mistake: { kind: 'other-partner-key' } },
    });
    // The signed text holds the head's client secret: the diagnosis shows where it sits, never its value.
    expect(logged.diagnosis?.stringToSign).toContain('"clientSecret":"<client secret>"');
    expect(JSON.stringify(logged)).not.toContain(t.credentials.clientSecret);
  });
});

describe('X-Debug-Mode', () => {
  const badSignature = () =>
    snapRequest({
      path: PATHS.topUp,
      body: topUpBody(),
      credentials: { ...t.credentials, privateKey: generateRsaKeyPair().privateKeyPem },
    });

  it('adds nothing without the header, or with another value', async () => {
    for (const request of [badSignature(), debug(badSignature(), 'false'), debug(badSignature(), 'yes')]) {
      const reply = await send(request);
      expect(reply.body).toMatchObject({ responseCode: '4013800', responseMessage: 'Unauthorized. Invalid Signature' });
      expect(reply.body.additionalInfo).toBeUndefined();
    }
    // The log and the console still say why.
    expect((await lastLogged()).diagnosis?.mistake.kind).toBe('none-found');
    expect(console).toHaveLength(3);
  });

  it('accepts true and 1 in any case, and the reply still fits the SDK models', async () => {
    for (const value of ['TRUE', '1', 'True']) {
      const reply = await send(debug(badSignature(), value));
      expect(typeof reply.body.additionalInfo.debugMessage).toBe('string');
      expect(replyProblems('snap', REPLY_SPECS.transferToDana!, 401, reply.body)).toEqual([]);
    }
  });

  it('gives the reason of any other failure: validation detail, the rule that fired', async () => {
    const invalid = await send(
      debug(
        snapRequest({ path: PATHS.topUp, body: topUpBody({ amount: { value: '1,00', currency: 'IDR' } }), credentials: t.credentials }),
      ),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.additionalInfo.debugMessage).toMatch(
      /^dana-sim refused the request with INVALID_FIELD_FORMAT: amount\.value "1,00" is not an amount with two decimals/,
    );
    expect(invalid.body.responseMessage).toBe('Invalid Field Format');
    expect((await lastLogged()).reason).toMatch(/^INVALID_FIELD_FORMAT: amount\.value "1,00"/);
    const stranger = await send(
      debug(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: { ...t.credentials, partnerId: 'nobody' } })),
    );
    expect(stranger.body).toMatchObject({ responseMessage: 'Unauthorized. Unknown Client' });
    expect(stranger.body.additionalInfo.debugMessage).toBe(
      'dana-sim refused the request with UNKNOWN_CLIENT: no merchant or bank has partner id "nobody".',
    );
    expect(await lastLogged()).toMatchObject({
      partnerId: 'nobody',
      reason: 'UNKNOWN_CLIENT: no merchant or bank has partner id "nobody".',
    });
    const rule = t.sim.rules.add({ endpoint: 'transferToDana', effect: { result: 'DO_NOT_HONOR' }, times: 1 });
    const ruled = await send(debug(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials })));
    expect(ruled.body.additionalInfo.debugMessage).toContain(`Rule "${rule.id}" fired (result)`);
    expect(console.at(-1)).toContain(`Rule "${rule.id}" fired (result)`);
  });

  it('leaves a valid request untouched', async () => {
    const plain = await send(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials }));
    const debugged = await send(debug(snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials })));
    expect(debugged.status).toBe(200);
    expect(Object.keys(debugged.body).sort()).toEqual(Object.keys(plain.body).sort());
    expect(JSON.stringify(debugged.body)).not.toContain('debugMessage');
    const entry = await lastLogged();
    expect(entry.reason).toBeUndefined();
    expect(entry.diagnosis).toBeUndefined();
    expect(console).toEqual([]);
  });
});
