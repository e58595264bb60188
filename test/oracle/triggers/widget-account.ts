import { queryUserProfile } from '../../../contracts/widget/query-user-profile.ts';
import { issueAuthCode, issueTokens } from '../../../simulator/products/widget/tokens.ts';
import { openApiRequest, tokenRequest, type SignedRequest } from '../../../simulator/signature/client.ts';
import type { TestSimulator } from '../../helpers.ts';
import { applyTokenRequest } from '../../widget-binding.ts';
import {
  byRule,
  call,
  emptyHeader,
  magic,
  real,
  send,
  snapCommon,
  timestampWithSpace,
  withHeaders,
  type Provocations,
  type SnapTarget,
} from '../provoke.ts';

// How each code of Widget's account calls is provoked: Apply Token with an authCode issued straight
// into the store (the binding page has its own tests), the customer calls with a token issued the
// same way, DANA's sandbox users for their fixed answers.

const CASHIER_USER = '6283811223355';

/** A live customer token of the test's merchant for a user, as Apply Token would have issued it. */
function tokenFor(t: TestSimulator, customerNumber = CASHIER_USER): string {
  const binding = { customerNumber, partnerId: t.credentials.partnerId, scopes: ['CASHIER', 'QUERY_BALANCE'] };
  return t.sim.runtime.db.transact((tx) => issueTokens(tx, binding, t.sim.clock.now())).accessToken;
}

function authCode(t: TestSimulator): string {
  const binding = { customerNumber: CASHIER_USER, partnerId: t.credentials.partnerId, scopes: ['CASHIER'] };
  return t.sim.runtime.db.transact((tx) => issueAuthCode(tx, binding, t.sim.clock.now()));
}

const apply = (t: TestSimulator, tweak: (request: SignedRequest) => SignedRequest = (r) => r, code = authCode(t)) =>
  send(t, tweak(applyTokenRequest(t, { grantType: 'AUTHORIZATION_CODE', authCode: code, refreshToken: '', additionalInfo: {} })));
const applyRule = (key: string) => byRule('applyToken', key, (t) => apply(t));

const APPLY_TOKEN_TRIGGERS: Provocations = {
  SUCCESS: real('a fresh authCode of the merchant', (t) => apply(t)),
  UNAUTHORIZED: real('an authCode nobody issued', (t) => apply(t, (r) => r, 'invalid_auth_code')),
  BAD_REQUEST: real('a correctly signed request whose body is not JSON', (t) => apply(t, (r) => ({ ...r, body: 'not json' }))),
  INVALID_FIELD_FORMAT: real('X-TIMESTAMP with a space instead of T', (t) => apply(t, timestampWithSpace)),
  INVALID_MANDATORY_FIELD: real('an empty X-TIMESTAMP', (t) => apply(t, emptyHeader('X-TIMESTAMP'))),
  INVALID_SIGNATURE: real("the UAT's invalid_signature", (t) => apply(t, (r) => withHeaders(r, { 'x-signature': 'invalid_signature' }))),
  UNKNOWN_CLIENT: real('an X-CLIENT-KEY nobody registered', (t) =>
    send(t, { ...tokenRequest({ ...t.credentials, partnerId: 'nobody-registered' }), path: '/v1.0/access-token/b2b2c.htm' }),
  ),
  TOO_MANY_REQUESTS: applyRule('TOO_MANY_REQUESTS'),
  GENERAL_ERROR: applyRule('GENERAL_ERROR'),
  INTERNAL_SERVER_ERROR: applyRule('INTERNAL_SERVER_ERROR'),
  TIMEOUT: applyRule('TIMEOUT'),
};

const device = (accessToken: string) => ({ accessToken, deviceId: '1234567890' });

const unbinding: SnapTarget = {
  endpoint: 'accountUnbinding',
  path: '/v1.0/registration-account-unbinding.htm',
  caller: 'merchant',
  valid: (t) => ({ merchantId: t.merchantId, partnerReferenceNo: 'partnerReferenceNo', additionalInfo: device(tokenFor(t)) }),
};

const balance: SnapTarget = {
  endpoint: 'balanceInquiry',
  path: '/v1.0/balance-inquiry.htm',
  caller: 'merchant',
  valid: (t) => ({ partnerReferenceNo: 'balance-1', balanceTypes: ['BALANCE'], additionalInfo: device(tokenFor(t)) }),
};

const ott: SnapTarget = {
  endpoint: 'applyOTT',
  path: '/rest/v1.1/qr/apply-ott',
  caller: 'merchant',
  valid: (t) => ({ userResources: ['OTT'], additionalInfo: device(tokenFor(t)) }),
};

const unknownToken = (target: SnapTarget) =>
  real('a customer token nobody issued', (t) => call(t, target, { ...target.valid(t), additionalInfo: device('not-a-token') }));

/** A token issued, then left past its 15 minutes on the simulator clock. */
const expiredToken = (target: SnapTarget) =>
  real('a customer token past its expiry', (t) => {
    const body = target.valid(t);
    t.sim.clock.advance(16 * 60_000);
    return call(t, target, body);
  });

/** A token of one of DANA's sandbox users with fixed answers (contracts/sandbox-rules.ts). */
const sandboxUser = (target: SnapTarget, customerNumber: string) =>
  magic(`DANA's sandbox user ${customerNumber}`, (t) =>
    call(t, target, { ...target.valid(t), additionalInfo: device(tokenFor(t, customerNumber)) }),
  );

/** A well-formed RSA-2048 signature (256 bytes) that no key made over this request. */
const forgedSignature = Buffer.alloc(256, 7).toString('base64');

interface Envelope {
  readonly function?: string;
  readonly partnerId?: string;
  readonly clientSecret?: string;
  readonly body?: Record<string, unknown>;
}

function profileRequest(t: TestSimulator, envelope: Envelope = {}): SignedRequest {
  return openApiRequest({
    path: queryUserProfile.paths[0],
    function: envelope.function ?? queryUserProfile.function,
    credentials: {
      ...t.credentials,
      partnerId: envelope.partnerId ?? t.credentials.partnerId,
      clientSecret: envelope.clientSecret ?? t.credentials.clientSecret,
    },
    body: envelope.body ?? { userResources: ['BALANCE'], accessToken: tokenFor(t) },
  });
}

const ask =
  (envelope: Envelope = {}) =>
  (t: TestSimulator) =>
    send(t, profileRequest(t, envelope));
const profileRule = (key: string) => byRule('queryUserProfile', key, ask());

const QUERY_USER_PROFILE_TRIGGERS: Provocations = {
  SUCCESS: real('the bound user\u2019s balance', ask()),
  PARAM_ILLEGAL: real('an OTT, which Apply OTT issues', (t) => ask({ body: { userResources: ['OTT'], accessToken: tokenFor(t) } })(t)),
  INVALID_ACCESS_TOKEN: real('a token nobody issued', ask({ body: { userResources: ['BALANCE'], accessToken: 'not-a-token' } })),
  SYSTEM_ERROR: profileRule('SYSTEM_ERROR'),
  INVALID_SIGNATURE: real('a signature no key made over this request', (t) => {
    const request = profileRequest(t);
    return send(t, { ...request, body: request.body.replace(/"signature":"[^"]*"/, `"signature":"${forgedSignature}"`) });
  }),
  UNKNOWN_CLIENT: real('a clientId nobody registered', ask({ partnerId: 'nobody-registered' })),
  VERIFY_CLIENT_SECRET_FAIL: real('a wrong clientSecret', ask({ clientSecret: 'not-the-secret' })),
  FUNCTION_MISMATCH: real('the function of another API on this path', ask({ function: 'dana.member.asset.queryAssetCardList' })),
  MSG_PARSE_ERROR: real('a body that is not JSON', (t) => send(t, { ...profileRequest(t), body: 'not json' })),
  TOO_MANY_REQUESTS: profileRule('TOO_MANY_REQUESTS'),
};

export const triggers: Readonly<Record<string, Provocations>> = {
  applyToken: APPLY_TOKEN_TRIGGERS,
  accountUnbinding: {
    ...snapCommon(unbinding),
    SUCCESS: real('the bound user\u2019s token', (t) => call(t, unbinding, unbinding.valid(t))),
    INVALID_CUSTOMER_TOKEN: unknownToken(unbinding),
    CUSTOMER_TOKEN_EXPIRED: expiredToken(unbinding),
  },
  balanceInquiry: {
    ...snapCommon(balance),
    SUCCESS: real('the bound user\u2019s token', (t) => call(t, balance, balance.valid(t))),
    INVALID_CUSTOMER_TOKEN: unknownToken(balance),
    DO_NOT_HONOR: sandboxUser(balance, '62855100800'),
    CUSTOMER_TOKEN_EXPIRED: expiredToken(balance),
  },
  applyOTT: {
    ...snapCommon(ott),
    SUCCESS: real('the bound user\u2019s token', (t) => call(t, ott, ott.valid(t))),
    INVALID_CUSTOMER_TOKEN: unknownToken(ott),
    CUSTOMER_TOKEN_EXPIRED: expiredToken(ott),
    DO_NOT_HONOR: sandboxUser(ott, '62855100800'),
    GENERAL_ERROR: sandboxUser(ott, '62815919191'),
    INTERNAL_SERVER_ERROR: sandboxUser(ott, '6281298055132'),
  },
  queryUserProfile: QUERY_USER_PROFILE_TRIGGERS,
};
