import { describe, expect, it } from 'vitest';
import { queryUserProfile } from '../../../contracts/widget/query-user-profile.ts';
import { createTestSimulator, secondMerchant, setBalance, type TestSimulator } from '../../../test/helpers.ts';
import { applyToken, customerCall, customerTokens, send } from '../../../test/widget-binding.ts';
import { SimulatorClock } from '../../clock/clock.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { openApiRequest } from '../../signature/client.ts';
import { rsaSign } from '../../signature/snap.ts';

// What a customer token opens: Balance Inquiry, queryUserProfile, and Account Unbinding, which
// closes them all again. Token checks are customerOf's (tokens.ts).

const BALANCE = '/v1.0/balance-inquiry.htm';
const UNBIND = '/v1.0/registration-account-unbinding.htm';

async function setup() {
  const clock = SimulatorClock.frozen(Date.parse('2026-12-06T05:00:00Z'));
  const t = await createTestSimulator({ background: false, clock });
  return { t, clock };
}

const balanceOf = (t: TestSimulator, token: string | undefined) =>
  customerCall(t, BALANCE, { partnerReferenceNo: 'bal-1', balanceTypes: ['BALANCE'] }, token);

/** queryUserProfile; with `headToken` the token goes in the head, as dana-node v2 sends it (signed over that head). */
async function profile(t: TestSimulator, body: Record<string, unknown>, headToken?: string) {
  const { path, function: name } = { path: queryUserProfile.paths[0], function: queryUserProfile.function };
  let request = openApiRequest({ path, function: name, credentials: t.credentials, body });
  if (headToken) {
    const envelope = JSON.parse(request.body) as { request: { head: Record<string, unknown> } };
    envelope.request.head.accessToken = headToken;
    const text = JSON.stringify(envelope.request);
    request = { ...request, body: `{"request":${text},"signature":${JSON.stringify(rsaSign(text, t.credentials.privateKey))}}` };
  }
  const reply = await t.sim.handle(request);
  return JSON.parse(reply.body).response.body;
}

describe('Balance Inquiry', () => {
  it('answers the bound user\u2019s ledger balance', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    setBalance(t.sim, userBalance('6283811223355'), 12_345_67);
    const reply = await balanceOf(t, accessToken);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ responseCode: '2001100', responseMessage: 'Successful', partnerReferenceNo: 'bal-1' });
    expect(reply.body.accountInfos).toEqual([
      expect.objectContaining({ balanceType: 'BALANCE', amount: { value: '12345.67', currency: 'IDR' }, status: '1' }),
    ]);
    expect(reply.body.accountInfos[0].availableBalance.value).toBe('12345.67');
  });

  it('takes the token from the body when no Authorization-Customer header is sent', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    const reply = await customerCall(t, BALANCE, { additionalInfo: { accessToken } }, undefined);
    expect(reply.body.responseCode).toBe('2001100');
  });

  it('refuses missing, unknown and other merchants\u2019 tokens with 4011102, an expired one with 4011101', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    expect((await balanceOf(t, undefined)).body).toMatchObject({ responseCode: '4011102', responseMessage: 'Invalid Customer Token' });
    expect((await balanceOf(t, 'a-random-uuid')).status).toBe(401);
    const other = await secondMerchant(t);
    const theirs = await other.snap(BALANCE, { additionalInfo: { accessToken, deviceId: '1234567890' } });
    expect(theirs.body.responseCode).toBe('4011102');
    clock.advance(15 * 60_000);
    expect((await balanceOf(t, accessToken)).body).toMatchObject({ responseCode: '4011101', responseMessage: 'Token Expired' });
  });

  it('answers DANA\u2019s sandbox users with their fixed codes, and a malformed balanceTypes with 4001101', async () => {
    const { t } = await setup();
    const honor = await customerTokens(t, '0855100800', '146838');
    expect((await balanceOf(t, honor.accessToken)).body).toMatchObject({ responseCode: '4031105', responseMessage: 'Do Not Honor' });
    const invalid = await customerTokens(t, '0815919191', '631642');
    expect((await balanceOf(t, invalid.accessToken)).body.responseCode).toBe('4011102');
    const { accessToken } = await customerTokens(t);
    const malformed = await customerCall(t, BALANCE, { balanceTypes: 'test' }, accessToken);
    expect(malformed).toMatchObject({ status: 400, body: { responseCode: '4001101' } });
  });
});

describe('Account Unbinding', () => {
  it('ends the binding: its access and refresh tokens stop working, another user\u2019s do not', async () => {
    const { t } = await setup();
    const mine = await customerTokens(t);
    const second = await customerTokens(t);
    const other = await customerTokens(t, '0811742234');
    const body = {
      merchantId: t.merchantId,
      partnerReferenceNo: 'partnerReferenceNo',
      linkId: 'linkId',
      subMerchantId: '210000123',
      tokenId: 'tokenId',
    };
    const reply = await customerCall(t, UNBIND, body, mine.accessToken);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      responseCode: '2000900',
      responseMessage: 'Successful',
      merchantId: t.merchantId,
      linkId: 'linkId',
      unlinkResult: 'UNBINDING_SUCCESS',
    });
    for (const token of [mine.accessToken, second.accessToken]) expect((await balanceOf(t, token)).body.responseCode).toBe('4011102');
    const refresh = await applyToken(t, { grantType: 'REFRESH_TOKEN', refreshToken: second.refreshToken });
    expect(refresh.body).toMatchObject({ responseCode: '4017400', responseMessage: 'Unauthorized. Invalid Refresh Token' });
    expect((await balanceOf(t, other.accessToken)).body.responseCode).toBe('2001100');
    const again = await customerCall(t, UNBIND, body, mine.accessToken);
    expect(again).toMatchObject({ status: 401, body: { responseCode: '4010902', responseMessage: 'Invalid Customer Token' } });
  });

  it('checks merchantId and the signature before anything else', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    expect((await customerCall(t, UNBIND, {}, accessToken)).body).toMatchObject({ responseCode: '4000902' });
    const signed = await send(t, {
      method: 'POST',
      path: UNBIND,
      headers: {
        'content-type': 'application/json',
        'x-timestamp': '2026-12-06T12:00:00+07:00',
        'x-partner-id': t.credentials.partnerId,
        'x-external-id': 'e1',
        'channel-id': '95221',
        'x-signature': 'invalid_signature',
        'authorization-customer': `Bearer ${accessToken}`,
      },
      body: JSON.stringify({ merchantId: t.merchantId, additionalInfo: { accessToken } }),
    });
    expect(signed).toMatchObject({ status: 401, body: { responseCode: '4010900' } });
    expect((await balanceOf(t, accessToken)).body.responseCode).toBe('2001100');
  });
});

describe('queryUserProfile', () => {
  it('answers the requested resources of the bound user, the token in the head or the body', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    const body = await profile(t, { userResources: ['BALANCE', 'MASK_DANA_ID', 'FULLNAME'] }, accessToken);
    expect(body.resultInfo).toMatchObject({ resultStatus: 'S', resultCode: 'SUCCESS' });
    expect(body.userResourceInfos).toEqual([
      { resourceType: 'BALANCE', value: t.userBalance('6283811223355') },
      { resourceType: 'MASK_DANA_ID', value: '0838****3355' },
      { resourceType: 'FULLNAME', value: expect.stringMatching(/\w+ \w+/) },
    ]);
    const fromBody = await profile(t, { userResources: ['LOGIN_ID'], accessToken });
    expect(fromBody.userResourceInfos).toEqual([{ resourceType: 'LOGIN_ID', value: '083811223355' }]);
  });

  it('answers every other resource it has a value for in its documented shape', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    const resources = [
      'TRANSACTION_URL',
      'TOPUP_URL',
      'CLEAR_TEXT_DANA_ID',
      'USER_KYC',
      'FULLNAME',
      'NICKNAME',
      'MASKED_FULLNAME',
      'KTP_NUMBER',
    ];
    const body = await profile(t, { userResources: resources, accessToken });
    const value = Object.fromEntries(
      (body.userResourceInfos as { resourceType: string; value: string }[]).map((info) => [info.resourceType, info.value]),
    );
    expect(Object.keys(value)).toEqual(resources);
    expect(value.TRANSACTION_URL).toMatch(/^https?:\/\/.+\/m\/portal\/transactions$/);
    expect(value.TOPUP_URL).toMatch(/\/m\/portal\/topup$/);
    expect(value.CLEAR_TEXT_DANA_ID).toBe('083811223355');
    expect(value.USER_KYC).toBe('KYC2');
    expect(value.NICKNAME).toBe(value.FULLNAME!.split(' ')[0]);
    expect(value.MASKED_FULLNAME).toBe(value.FULLNAME!.replace(/\B\w/g, '*'));
    expect(value.KTP_NUMBER).toMatch(/^3171\d{12}$/);
  });

  it('refuses a bad token, unknown resources and OTT', async () => {
    const { t } = await setup();
    const { accessToken } = await customerTokens(t);
    expect((await profile(t, { userResources: ['BALANCE'] })).resultInfo).toMatchObject({
      resultStatus: 'F',
      resultCode: 'INVALID_ACCESS_TOKEN',
    });
    expect((await profile(t, { userResources: ['BALANCE'], accessToken: 'nope' })).resultInfo.resultCode).toBe('INVALID_ACCESS_TOKEN');
    expect((await profile(t, { userResources: ['SHOE_SIZE'], accessToken })).resultInfo.resultCode).toBe('PARAM_ILLEGAL');
    expect((await profile(t, { userResources: [], accessToken })).resultInfo.resultCode).toBe('PARAM_ILLEGAL');
    const ott = await profile(t, { userResources: ['OTT'], accessToken });
    expect(ott.resultInfo).toMatchObject({ resultCode: 'PARAM_ILLEGAL', resultMsg: 'param illegal userResources OTT' });
  });

  it('answers an expired token with INVALID_ACCESS_TOKEN (the Open API has no Token Expired)', async () => {
    const { t, clock } = await setup();
    const { accessToken } = await customerTokens(t);
    clock.advance(15 * 60_000);
    expect((await profile(t, { userResources: ['BALANCE'], accessToken })).resultInfo).toMatchObject({
      resultStatus: 'F',
      resultCode: 'INVALID_ACCESS_TOKEN',
    });
  });
});
