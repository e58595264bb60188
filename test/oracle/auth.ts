import type { SnapRow } from './rows.ts';

// What the B2B access-token endpoint answers, written by hand from ../shared/dana-api/auth.md
// (never from contracts/ or simulator/). DANA's page was unreachable: service 73 and the success
// reply are the BI SNAP standard the digest gives in §4; failures follow the catalogue of §7.

export const ACCESS_TOKEN_B2B: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2007300', httpStatus: 200, responseMessage: 'Successful', source: 'auth.md §4' },
  { key: 'BAD_REQUEST', responseCode: '4007300', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  {
    key: 'INVALID_FIELD_FORMAT',
    responseCode: '4007301',
    httpStatus: 400,
    responseMessage: 'Invalid Field Format X-TIMESTAMP',
    source: 'auth.md §2.3, §7.1 X-TIMESTAMP',
  },
  {
    key: 'INVALID_MANDATORY_FIELD',
    responseCode: '4007302',
    httpStatus: 400,
    responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
    source: 'auth.md §2.3, §7.1 X-TIMESTAMP',
  },
  {
    key: 'INVALID_SIGNATURE',
    responseCode: '4017300',
    httpStatus: 401,
    responseMessage: 'Unauthorized. Invalid Signature',
    source: 'auth.md §7.1',
  },
  {
    key: 'UNKNOWN_CLIENT',
    responseCode: '4017300',
    httpStatus: 401,
    responseMessage: 'Unauthorized. Unknown Client',
    source: 'README unknown X-PARTNER-ID',
  },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4297300', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5007300', httpStatus: 500, responseMessage: 'General Error', source: 'auth.md §7.2' },
  {
    key: 'INTERNAL_SERVER_ERROR',
    responseCode: '5007301',
    httpStatus: 500,
    responseMessage: 'Internal Server Error',
    source: 'auth.md §7.2',
  },
  { key: 'TIMEOUT', responseCode: '5047300', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];
