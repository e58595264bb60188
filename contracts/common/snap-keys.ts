import type { SnapKey } from '../response-codes.ts';

/**
 * Header, signature, token and server failures every SNAP endpoint can answer with (auth.md section 7):
 * symmetric signatures with B2B tokens are accepted on all of them, so the token codes are common too.
 */
export const SNAP_COMMON_KEYS: readonly SnapKey[] = [
  'BAD_REQUEST',
  'INVALID_FIELD_FORMAT',
  'INVALID_MANDATORY_FIELD',
  'INVALID_SIGNATURE',
  'UNKNOWN_CLIENT',
  'INVALID_TOKEN',
  'TOKEN_NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'GENERAL_ERROR',
  'INTERNAL_SERVER_ERROR',
  'TIMEOUT',
];
