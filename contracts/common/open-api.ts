import type { OpenApiKey } from '../response-codes.ts';
import { mandatory, type Fields } from './fields.ts';

// Open API envelope head (auth.md section 6.1). `reserve` is a string per DANA, but dana-node
// v1.4.0-v2.0.0 sends an object, so its type is not checked.
export const OPEN_API_HEAD: Fields = {
  version: mandatory.string({ maxLength: 8 }),
  function: mandatory.string({ maxLength: 128 }),
  clientId: mandatory.string({ maxLength: 36 }),
  clientSecret: mandatory.string({ maxLength: 64 }),
  // Any offset is accepted for the same reason as X-TIMESTAMP; only the shape is checked.
  reqTime: mandatory.string({ maxLength: 32 }),
  reqMsgId: mandatory.string({ maxLength: 64 }),
};

/** What any Open API endpoint may answer about its envelope (merchant.md section 2), and throttling. */
export const OPEN_API_ENVELOPE_KEYS: readonly OpenApiKey[] = [
  'INVALID_SIGNATURE',
  'UNKNOWN_CLIENT',
  'VERIFY_CLIENT_SECRET_FAIL',
  'FUNCTION_MISMATCH',
  'MSG_PARSE_ERROR',
  'TOO_MANY_REQUESTS',
];
