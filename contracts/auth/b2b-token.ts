import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// B2B access token, SNAP service 73 (auth.md section 4; DANA's page was not reachable, the shape is
// the BI SNAP standard). Needed only for symmetric signatures.
export const b2bAccessToken = {
  key: 'accessTokenB2b',
  title: 'B2B Access Token',
  envelope: 'snap',
  serviceCode: '73',
  auth: 'token-request',
  audience: 'any',
  paths: ['/v1.0/access-token/b2b.htm'],
  timeoutMs: 8000,
  request: {
    grantType: mandatory.string({ oneOf: ['client_credentials'] }),
    additionalInfo: optional.object(),
  },
  resultKeys: [
    'SUCCESS',
    'BAD_REQUEST',
    'INVALID_FIELD_FORMAT',
    'INVALID_MANDATORY_FIELD',
    'INVALID_SIGNATURE',
    'UNKNOWN_CLIENT',
    'TOO_MANY_REQUESTS',
    'GENERAL_ERROR',
    'INTERNAL_SERVER_ERROR',
    'TIMEOUT',
  ],
} satisfies SnapEndpoint;

/** Headers of the token request, in check order; the signature is over `<X-CLIENT-KEY>|<X-TIMESTAMP>`. */
export const TOKEN_REQUEST_HEADERS = ['X-TIMESTAMP', 'X-CLIENT-KEY', 'X-SIGNATURE'] as const;
