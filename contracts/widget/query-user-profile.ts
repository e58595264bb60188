import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { OPEN_API_ENVELOPE_KEYS } from '../common/open-api.ts';
import { mandatory, optional } from '../common/fields.ts';

/** dana-node v2's resource types (1.5.11 knows the first six). */
const USER_RESOURCES = [
  'BALANCE',
  'TRANSACTION_URL',
  'MASK_DANA_ID',
  'TOPUP_URL',
  'OTT',
  'USER_KYC',
  'LOGIN_ID',
  'CLEAR_TEXT_DANA_ID',
  'NICKNAME',
  'FULLNAME',
  'KTP_NUMBER',
  'KTP_PHOTO_DATA',
  'SELFIE_PHOTO_DATA',
  'AVATAR_URL',
  'MASKED_FULLNAME',
] as const;

// Widget queryUserProfile, Open API (issue-17 facts section 3.8). The customer token comes in
// `head.accessToken` (dana-node v2) or, as dana-node 1.5.11 has no such field, in the body.
export const queryUserProfile = {
  key: 'queryUserProfile',
  title: 'Widget Query User Profile',
  envelope: 'open-api',
  function: 'dana.member.query.queryUserProfile',
  paths: ['/dana/member/query/queryUserProfile.htm'],
  timeoutMs: 3000,
  request: {
    userResources: mandatory.array(mandatory.string({ oneOf: USER_RESOURCES }), { minItems: 1 }),
    accessToken: optional.string({ maxLength: 512 }),
  },
  resultKeys: ['SUCCESS', 'PARAM_ILLEGAL', 'INVALID_ACCESS_TOKEN', 'SYSTEM_ERROR', ...OPEN_API_ENVELOPE_KEYS],
} satisfies OpenApiEndpoint;
