import { ResponseError } from 'dana-node';
import { describe, expect, it } from 'vitest';
import { bindThroughSdkUrl, sdkHarness } from './dana-sdk.ts';

// The official dana-node SDK (npm 1.5.11, unmodified) through a whole Widget binding: the OAuth URL
// its WidgetUtils builds, the binding page behind it (msw serves DANA's page host), then applyToken,
// balanceInquiry, queryUserProfile and accountUnbinding with the customer token, across a restart.

const CUSTOMER = '6283811223355';
const REDIRECT = 'https://merchant.example/oauth/return';
const sdk = sdkHarness('sdk-widget');

async function bind(merchantId: string): Promise<{ authCode: string; state: string | null }> {
  const back = await bindThroughSdkUrl({ externalId: 'sdk-binding-1', merchantId, redirectUrl: REDIRECT, state: 'sdk-state' });
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  return { authCode: back.searchParams.get('authCode')!, state: back.searchParams.get('state') };
}

const customerInfo = (accessToken: string) => ({ accessToken, deviceId: 'sdk-device-1', endUserIpAddress: '127.0.0.1' });

async function failureOf(call: Promise<unknown>): Promise<ResponseError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ResponseError);
  return error as ResponseError;
}

describe('dana-node widgetApi: binding, customer token, unbinding', () => {
  it('binds through the SDK-built URL, reads balance and profile with the token, keeps it across a restart, and unbinding ends it for good', async () => {
    const dataDir = await sdk.dataDir();
    let { sim, dana } = await sdk.start(dataDir);
    const merchantId = sim.env.MERCHANT_ID;

    const { authCode, state } = await bind(merchantId);
    expect(state).toBe('sdk-state');
    const tokens = await dana.widgetApi.applyToken({ grantType: 'AUTHORIZATION_CODE', authCode } as never);
    expect(tokens).toMatchObject({ responseCode: '2007400', responseMessage: 'Successful', tokenType: expect.any(String) });
    const accessToken = tokens.accessToken!;

    // The code is spent: the SDK surfaces DANA's 401 as a ResponseError.
    const reused = await failureOf(dana.widgetApi.applyToken({ grantType: 'AUTHORIZATION_CODE', authCode } as never));
    expect(reused.status).toBe(401);
    expect(reused.rawResponse).toMatchObject({ responseCode: '4017400' });

    const before = sim.userBalance(CUSTOMER);
    const balance = await dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(accessToken) } as never);
    expect(balance).toMatchObject({ responseCode: '2001100', accountInfos: [{ balanceType: 'BALANCE', amount: { value: before } }] });
    // 1.5.11's model has no token field; an extra body property goes out as it is, which is how its users send one.
    const profile = await dana.widgetApi.queryUserProfile({ userResources: ['BALANCE', 'MASK_DANA_ID'], accessToken } as never);
    expect(profile).toMatchObject({
      response: {
        body: {
          resultInfo: { resultStatus: 'S' },
          userResourceInfos: [{ resourceType: 'BALANCE', value: before }, { resourceType: 'MASK_DANA_ID' }],
        },
      },
    });

    // Tokens live in the journaled database: a restarted simulator still honours them.
    await sim.close();
    ({ sim, dana } = await sdk.start(dataDir));
    const afterRestart = await dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(accessToken) } as never);
    expect(afterRestart).toMatchObject({ responseCode: '2001100', accountInfos: [{ amount: { value: before } }] });

    const unbound = await dana.widgetApi.accountUnbinding({ merchantId, additionalInfo: customerInfo(accessToken) } as never);
    expect(unbound).toMatchObject({ responseCode: '2000900', responseMessage: 'Successful' });
    const refused = await failureOf(dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(accessToken) } as never));
    expect(refused.status).toBe(401);
    expect(refused.rawResponse).toMatchObject({ responseCode: '4011102' });

    // The unbinding is as durable as the binding was.
    await sim.close();
    ({ sim, dana } = await sdk.start(dataDir));
    const stillRefused = await failureOf(dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(accessToken) } as never));
    expect(stillRefused.rawResponse).toMatchObject({ responseCode: '4011102' });
    const refresh = await failureOf(
      dana.widgetApi.applyToken({ grantType: 'REFRESH_TOKEN', refreshToken: tokens.refreshToken, authCode: '' } as never),
    );
    expect(refresh.rawResponse).toMatchObject({ responseCode: '4017400' });
  });

  it('refreshes an expired access token with the refresh token on the simulator clock', async () => {
    const { sim, dana } = await sdk.start();
    const { authCode } = await bind(sim.env.MERCHANT_ID);
    const tokens = await dana.widgetApi.applyToken({ grantType: 'AUTHORIZATION_CODE', authCode } as never);

    await sim.advanceClock(16 * 60_000);
    const expired = await failureOf(dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(tokens.accessToken!) } as never));
    expect(expired.status).toBe(401);

    const renewed = await dana.widgetApi.applyToken({
      grantType: 'REFRESH_TOKEN',
      refreshToken: tokens.refreshToken,
      authCode: '',
    } as never);
    expect(renewed).toMatchObject({ responseCode: '2007400', refreshToken: tokens.refreshToken });
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    const balance = await dana.widgetApi.balanceInquiry({ additionalInfo: customerInfo(renewed.accessToken!) } as never);
    expect(balance).toMatchObject({ responseCode: '2001100' });
  });
});
