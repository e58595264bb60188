import { expect } from 'vitest';
import { snapRequest, type SignedRequest } from '../simulator/signature/client.ts';
import { signTokenRequest } from '../simulator/signature/snap.ts';
import { http, type Reply, type TestSimulator } from './helpers.ts';

// Widget account binding with plain form posts (no browser), and the calls made with its tokens:
// for tests of the binding, the customer token and the Widget endpoints that need one.

export const APPLY_TOKEN_PATH = '/v1.0/access-token/b2b2c.htm';
export const REDIRECT_URL = 'http://127.0.0.1:9/oauth/return';

/** The binding link as dana-node 1.5.11's generateOauthUrl builds it (issue-17 facts section 1.1), path-only. */
export function bindingLink(partnerId: string, overrides: Record<string, string | undefined> = {}, path = '/v1.0/get-auth-code'): string {
  const query: Record<string, string | undefined> = {
    partnerId,
    scopes: 'CASHIER,AGREEMENT_PAY,QUERY_BALANCE,DEFAULT_BASIC_PROFILE,MINI_DANA',
    externalId: '4b0b5e0c-6f0e-4a47-9d3c-2d4d1d0c0a01',
    channelId: '202612061837001231234567',
    redirectUrl: REDIRECT_URL,
    timestamp: '2026-12-06T18:37:00.123+07:00',
    state: 'state-123',
    isSnapBI: 'true',
    ...overrides,
  };
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => pair[1] !== undefined);
  return `${path}?${new URLSearchParams(pairs).toString()}`;
}

export const fieldOf = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

/** Opens the link, gives phone and PIN; the final reply (a redirect with the authCode when all went well). */
export async function bindByForms(
  t: TestSimulator,
  phoneNumber = '83811223355',
  pin = '181818',
  link = bindingLink(t.credentials.partnerId),
) {
  const agent = http(t.sim);
  const start = await agent.get(link);
  expect(start.status).toBe(200);
  const pinPage = await agent
    .post('/v1.0/get-auth-code/login')
    .type('form')
    .send({ request: fieldOf(start.text, 'request')!, phoneNumber });
  expect(pinPage.status).toBe(200);
  return agent
    .post('/v1.0/get-auth-code/verify-pin')
    .type('form')
    .send({ session: fieldOf(pinPage.text, 'session')!, pin });
}

/** A fresh authCode for the test's merchant and a user (the cashier test user by default). */
export async function authCodeFor(t: TestSimulator, phoneNumber?: string, pin?: string): Promise<string> {
  const done = await bindByForms(t, phoneNumber, pin);
  expect(done.status).toBe(302);
  return new URL(done.headers.location as string).searchParams.get('authCode')!;
}

/** Apply Token as dana-node 1.5.11 sends it: X-TIMESTAMP (UTC `Z`), X-CLIENT-KEY, X-SIGNATURE only. */
export function applyTokenRequest(
  t: TestSimulator,
  body: unknown,
  timestamp = new Date(t.sim.clock.now()).toISOString().replace(/\.\d{3}/, ''),
): SignedRequest {
  const { partnerId, privateKey } = t.credentials;
  return {
    method: 'POST',
    path: APPLY_TOKEN_PATH,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-client-key': partnerId,
      'x-signature': signTokenRequest(partnerId, timestamp, privateKey),
    },
    body: JSON.stringify(body),
  };
}

export async function send(t: TestSimulator, request: SignedRequest): Promise<Reply> {
  const reply = await t.sim.handle(request);
  return { status: reply.status, body: JSON.parse(reply.body) };
}

export const applyToken = (t: TestSimulator, body: unknown) => send(t, applyTokenRequest(t, body));

/** Binds the user and applies the code: the Apply Token reply's fields. */
export async function customerTokens(t: TestSimulator, phoneNumber?: string, pin?: string) {
  const authCode = await authCodeFor(t, phoneNumber, pin);
  const reply = await applyToken(t, { grantType: 'AUTHORIZATION_CODE', authCode, refreshToken: '', additionalInfo: {} });
  expect(reply.body.responseCode).toBe('2007400');
  return reply.body as { accessToken: string; refreshToken: string; accessTokenExpiryTime: string; refreshTokenExpiryTime: string };
}

/** A B2B2C call as dana-node sends it: the token in Authorization-Customer and in additionalInfo. */
export function customerCall(t: TestSimulator, path: string, body: Record<string, unknown>, accessToken: string | undefined) {
  const signed = snapRequest({
    path,
    body: { ...body, additionalInfo: { accessToken: accessToken ?? '', deviceId: '1234567890', ...(body.additionalInfo as object) } },
    credentials: t.credentials,
  });
  const headers = accessToken === undefined ? signed.headers : { ...signed.headers, 'authorization-customer': `Bearer ${accessToken}` };
  return send(t, { ...signed, headers });
}
