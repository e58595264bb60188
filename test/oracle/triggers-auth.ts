import { tokenRequest, type SignedRequest } from '../../simulator/signature/client.ts';
import type { TestSimulator } from '../helpers.ts';
import { byRule, emptyHeader, real, send, timestampWithSpace, UAT_FAKE_SIGNATURE, withHeaders, type Provocations } from './provoke.ts';

// How each code of the B2B access-token endpoint (svc 73) is provoked: a merchant's token request
// (`clientId|X-TIMESTAMP` signed with its key) with one thing broken.

const request = (t: TestSimulator, tweak: (request: SignedRequest) => SignedRequest = (r) => r) =>
  send(t, tweak(tokenRequest(t.credentials)));
const rule = (key: string) => byRule('accessTokenB2b', key, (t) => request(t));

export const ACCESS_TOKEN_B2B_TRIGGERS: Provocations = {
  SUCCESS: real("a merchant's token request", (t) => request(t)),
  BAD_REQUEST: real('a correctly signed request whose body is not JSON', (t) => request(t, (r) => ({ ...r, body: 'not json' }))),
  INVALID_FIELD_FORMAT: real('X-TIMESTAMP with a space instead of T', (t) => request(t, timestampWithSpace)),
  INVALID_MANDATORY_FIELD: real('an empty X-TIMESTAMP', (t) => request(t, emptyHeader('X-TIMESTAMP'))),
  INVALID_SIGNATURE: real("the UAT's fake X-SIGNATURE", (t) => request(t, (r) => withHeaders(r, { 'x-signature': UAT_FAKE_SIGNATURE }))),
  UNKNOWN_CLIENT: real('an X-CLIENT-KEY nobody registered', (t) =>
    send(t, tokenRequest({ ...t.credentials, partnerId: 'nobody-registered' })),
  ),
  TOO_MANY_REQUESTS: rule('TOO_MANY_REQUESTS'),
  GENERAL_ERROR: rule('GENERAL_ERROR'),
  INTERNAL_SERVER_ERROR: rule('INTERNAL_SERVER_ERROR'),
  TIMEOUT: rule('TIMEOUT'),
};
