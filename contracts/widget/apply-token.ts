import { b2bAccessToken } from '../auth/b2b-token.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// Widget Apply Token, SNAP service 74 (issue-17 facts section 2): exchanges the authCode of an account
// binding, or a refresh token, for a customer access token. Signed like the B2B token request
// (`<X-CLIENT-KEY>|<X-TIMESTAMP>`); dana-node 1.5.11 sends no X-PARTNER-ID, so X-CLIENT-KEY names the
// merchant. Every refusal of a code or token is 4017400 with the reason after "Unauthorized." (DANA's
// UAT fixtures); which grant needs which field is the handler's check (4007402 names the field).
export const applyToken = {
  key: 'applyToken',
  title: 'Widget Apply Token',
  envelope: 'snap',
  serviceCode: '74',
  auth: 'token-request',
  paths: ['/v1.0/access-token/b2b2c.htm'],
  timeoutMs: 8000,
  request: {
    grantType: mandatory.string({ maxLength: 64, oneOf: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'] }),
    // DANA's UAT sends `refreshToken: ""` along with an authCode: empty is "not given".
    authCode: optional.string({ maxLength: 256 }),
    refreshToken: optional.string({ maxLength: 512 }),
    additionalInfo: optional.object(),
  },
  // The B2B token request's answers, plus the refused code or token.
  resultKeys: [...b2bAccessToken.resultKeys, 'UNAUTHORIZED'],
} satisfies SnapEndpoint;
