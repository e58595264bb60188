import { describe, expect, it } from 'vitest';
import { SimulatorClock } from '../../clock/clock.ts';
import { generateRsaKeyPair } from '../../signature/keys.ts';
import { snapRequest, tokenRequest, type SignedRequest } from '../../signature/client.ts';
import { createTestSimulator, PATHS, topUpBody, VALID_CUSTOMER, vaInquiryBody, type TestSimulator } from '../../../test/helpers.ts';

// B2B access tokens and symmetric signatures (auth.md sections 3-4), in the one signature path.

async function send(t: TestSimulator, request: SignedRequest) {
  const reply = await t.sim.handle(request);
  return { status: reply.status, body: JSON.parse(reply.body) };
}

async function token(t: TestSimulator) {
  const reply = await send(t, tokenRequest(t.bank.credentials));
  expect(reply).toMatchObject({
    status: 200,
    body: { responseCode: '2007300', responseMessage: 'Successful', tokenType: 'Bearer', expiresIn: '900' },
  });
  return reply.body.accessToken as string;
}

const inquiry = (t: TestSimulator, accessToken?: string, credentials = t.bank.credentials) =>
  send(t, snapRequest({ path: PATHS.vaInquiry, body: vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER), credentials, accessToken }));

describe('B2B access token', () => {
  it('issues a JWT signed by the simulator for `clientId|timestamp` signed by the client', async () => {
    const t = await createTestSimulator();
    const accessToken = await token(t);
    const [, payload] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ sub: t.bank.credentials.partnerId, iss: 'dana-sim' });
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('rejects a bad token request signature, an unknown client, missing headers and a wrong grant type', async () => {
    const t = await createTestSimulator();
    const good = tokenRequest(t.bank.credentials);
    expect(
      (
        await send(t, {
          ...good,
          headers: {
            ...good.headers,
            'x-signature': tokenRequest({ ...t.bank.credentials, privateKey: generateRsaKeyPair().privateKeyPem }).headers['x-signature'],
          },
        })
      ).body.responseCode,
    ).toBe('4017300');
    expect((await send(t, tokenRequest({ ...t.bank.credentials, partnerId: 'nobody' }))).body.responseCode).toBe('4017300');
    expect((await send(t, { ...good, headers: { ...good.headers, 'x-client-key': '' } })).body).toMatchObject({
      responseCode: '4007302',
      responseMessage: 'Invalid Mandatory Field X-CLIENT-KEY',
    });
    expect((await send(t, { ...good, body: '{"grantType":"password"}' })).body).toMatchObject({
      responseCode: '4007301',
      responseMessage: 'Invalid Field Format grantType',
    });
  });

  it('lets merchants get tokens too and sign symmetrically', async () => {
    const t = await createTestSimulator();
    const reply = await send(t, tokenRequest(t.credentials));
    const topUp = await send(
      t,
      snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, accessToken: reply.body.accessToken }),
    );
    expect(topUp.body.responseCode).toBe('2003800');
  });
});

describe('symmetric signatures', () => {
  it('accepts HMAC-SHA512 with a valid token and asymmetric without one', async () => {
    const t = await createTestSimulator();
    const accessToken = await token(t);
    expect((await inquiry(t, accessToken)).body.responseCode).toBe('2002400');
    expect((await inquiry(t)).body.responseCode).toBe('2002400');
  });

  it("answers 401xx01 for an expired, tampered or foreign token, and for another client's token", async () => {
    const clock = SimulatorClock.frozen();
    const t = await createTestSimulator({ clock });
    const accessToken = await token(t);
    const tampered = `${accessToken.slice(0, -4)}AAAA`;
    expect((await inquiry(t, tampered)).body).toMatchObject({ responseCode: '4012401', responseMessage: 'Invalid Token (B2B)' });
    expect((await inquiry(t, 'not.a.jwt')).body.responseCode).toBe('4012401');
    const other = await createTestSimulator({ danaKeys: generateRsaKeyPair() });
    const foreign = (await send(other, tokenRequest(other.bank.credentials))).body.accessToken;
    expect((await inquiry(t, foreign)).body.responseCode).toBe('4012401');
    const merchantToken = (await send(t, tokenRequest(t.credentials))).body.accessToken;
    expect((await inquiry(t, merchantToken)).body.responseCode).toBe('4012401');
    clock.advance(899_000);
    expect((await inquiry(t, accessToken)).body.responseCode).toBe('2002400');
    clock.advance(2_000);
    expect(await inquiry(t, accessToken)).toMatchObject({
      status: 401,
      body: { responseCode: '4012401', responseMessage: 'Invalid Token (B2B)' },
    });
  });

  it('rejects an HMAC made with the wrong secret and a bearer header without a token', async () => {
    const t = await createTestSimulator();
    const accessToken = await token(t);
    const wrongSecret = await inquiry(t, accessToken, { ...t.bank.credentials, clientSecret: 'not-the-secret' });
    expect(wrongSecret).toMatchObject({
      status: 401,
      body: { responseCode: '4012400', responseMessage: 'Unauthorized. Invalid Signature' },
    });
    const signed = snapRequest({
      path: PATHS.vaInquiry,
      body: vaInquiryBody(t.bank.partnerServiceId, VALID_CUSTOMER),
      credentials: t.bank.credentials,
    });
    expect((await send(t, { ...signed, headers: { ...signed.headers, authorization: 'Bearer ' } })).body).toMatchObject({
      responseCode: '4012403',
      responseMessage: 'Token Not Found (B2B)',
    });
  });
});
