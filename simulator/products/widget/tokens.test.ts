import { describe, expect, it } from 'vitest';
import { createTestSimulator, secondMerchant } from '../../../test/helpers.ts';
import { applyToken, applyTokenRequest, authCodeFor, customerTokens, send } from '../../../test/widget-binding.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { ACCESS_TOKENS, REFRESH_TOKENS } from './tokens.ts';

// Apply Token (svc 74): the authCode once, refresh tokens, lifetimes on the simulator clock, and every
// refusal with DANA's code and words.

async function setup() {
  const clock = SimulatorClock.frozen(Date.parse('2026-12-06T05:00:00Z'));
  const t = await createTestSimulator({ background: false, clock });
  return { t, clock };
}

const code = (authCode: string) => ({ grantType: 'AUTHORIZATION_CODE', authCode, refreshToken: '', additionalInfo: {} });

describe('Apply Token', () => {
  it('turns an authCode into access and refresh tokens, stored with their expiry in Jakarta time', async () => {
    const { t } = await setup();
    const reply = await applyToken(t, code(await authCodeFor(t)));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2007400',
      responseMessage: 'Successful',
      tokenType: 'Bearer',
      accessTokenExpiryTime: '2026-12-06T12:15:00+07:00',
      refreshTokenExpiryTime: '2027-01-05T12:00:00+07:00',
    });
    expect(reply.body.additionalInfo.userInfo.publicUserId).toMatch(/^\d{16}$/);
    const db = t.sim.runtime.db;
    expect(db.get<{ customerNumber: string }>(ACCESS_TOKENS, reply.body.accessToken)?.customerNumber).toBe('6283811223355');
    expect(db.get<{ customerNumber: string }>(REFRESH_TOKENS, reply.body.refreshToken)?.customerNumber).toBe('6283811223355');
  });

  it('answers a used, expired, unknown or another merchant\u2019s authCode with 4017400 and why', async () => {
    const { t, clock } = await setup();
    const used = await authCodeFor(t);
    expect((await applyToken(t, code(used))).status).toBe(200);
    const again = await applyToken(t, code(used));
    expect(again).toMatchObject({ status: 401, body: { responseCode: '4017400', responseMessage: 'Unauthorized. Auth Code Used' } });
    const old = await authCodeFor(t);
    clock.advance(10 * 60_000);
    expect((await applyToken(t, code(old))).body).toMatchObject({
      responseCode: '4017400',
      responseMessage: 'Unauthorized. Auth Code Expired',
    });
    expect((await applyToken(t, code('invalid_auth_code'))).body).toMatchObject({
      responseCode: '4017400',
      responseMessage: 'Unauthorized. Invalid Auth Code',
    });
    const other = await secondMerchant(t);
    const theirs = await send(
      { ...t, credentials: other.credentials },
      applyTokenRequest({ ...t, credentials: other.credentials }, code(await authCodeFor(t))),
    );
    expect(theirs.body.responseMessage).toBe('Unauthorized. Invalid Auth Code');
  });

  it('refreshes: a new access token, the same refresh token, until the refresh token expires', async () => {
    const { t, clock } = await setup();
    const first = await customerTokens(t);
    clock.advance(20 * 60_000);
    const refreshed = await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: first.refreshToken });
    expect(refreshed.body).toMatchObject({ responseCode: '2007400', refreshToken: first.refreshToken });
    expect(refreshed.body.accessToken).not.toBe(first.accessToken);
    expect(refreshed.body.refreshTokenExpiryTime).toBe(first.refreshTokenExpiryTime);
    expect(refreshed.body.accessTokenExpiryTime).toBe('2026-12-06T12:35:00+07:00');
    clock.advance(30 * 86_400_000);
    const late = await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: first.refreshToken });
    expect(late).toMatchObject({ status: 401, body: { responseCode: '4017400', responseMessage: 'Unauthorized. Invalid Refresh Token' } });
    const unknown = await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: 'nope' });
    expect(unknown.body.responseMessage).toBe('Unauthorized. Invalid Refresh Token');
  });

  it('checks the request: grant type, the grant\u2019s field, timestamp and signature', async () => {
    const { t } = await setup();
    expect((await applyToken(t, { grantType: 'PASSWORD' })).body).toMatchObject({ responseCode: '4007401' });
    expect((await applyToken(t, {})).body).toMatchObject({ responseCode: '4007402' });
    expect((await applyToken(t, code(''))).body).toMatchObject({
      responseCode: '4007402',
      responseMessage: 'Invalid Mandatory Field authCode',
    });
    expect((await applyToken(t, { grantType: 'REFRESH_TOKEN' })).body).toMatchObject({
      responseCode: '4007402',
      responseMessage: 'Invalid Mandatory Field refreshToken',
    });
    const request = applyTokenRequest(t, code('x'));
    const noTime = await send(t, { ...request, headers: { ...request.headers, 'x-timestamp': '' } });
    expect(noTime).toMatchObject({
      status: 400,
      body: { responseCode: '4007402', responseMessage: 'Invalid Mandatory Field X-TIMESTAMP' },
    });
    const badSignature = await send(t, { ...request, headers: { ...request.headers, 'x-signature': 'invalid_signature' } });
    expect(badSignature).toMatchObject({
      status: 401,
      body: { responseCode: '4017400', responseMessage: 'Unauthorized. Invalid Signature' },
    });
  });
});
