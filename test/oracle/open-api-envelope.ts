import type { OpenApiRow } from './rows.ts';

// What every Open API endpoint answers when the envelope itself is wrong, and when DANA throttles.

export const OPEN_API_ENVELOPE_ROWS: readonly OpenApiRow[] = [
  {
    key: 'INVALID_SIGNATURE',
    resultStatus: 'F',
    resultCodeId: '00000007',
    resultCode: 'INVALID_SIGNATURE',
    resultMsg: 'invalid signature',
    source: 'README envelope failures; id and text pinned',
  },
  {
    key: 'UNKNOWN_CLIENT',
    resultStatus: 'F',
    resultCodeId: '12014155',
    resultCode: 'UNKNOWN_CLIENT',
    resultMsg: 'unknown client',
    source: 'README envelope failures; id and text pinned',
  },
  {
    key: 'VERIFY_CLIENT_SECRET_FAIL',
    resultStatus: 'F',
    resultCodeId: '12014151',
    resultCode: 'VERIFY_CLIENT_SECRET_FAIL',
    resultMsg: 'verify client secret fail',
    source: 'README envelope failures; id and text pinned',
  },
  {
    key: 'FUNCTION_MISMATCH',
    resultStatus: 'F',
    resultCodeId: '00000017',
    resultCode: 'FUNCTION_MISMATCH',
    resultMsg: 'function mismatch',
    source: 'README envelope failures; id and text pinned',
  },
  {
    key: 'MSG_PARSE_ERROR',
    resultStatus: 'F',
    resultCodeId: '00000015',
    resultCode: 'MSG_PARSE_ERROR',
    resultMsg: 'message parse error',
    source: 'README envelope failures; id and text pinned',
  },
  {
    key: 'TOO_MANY_REQUESTS',
    resultStatus: 'F',
    resultCodeId: '00000026',
    resultCode: 'TOO_MANY_REQUESTS',
    resultMsg: 'too many requests',
    source: 'pinned',
  },
];
