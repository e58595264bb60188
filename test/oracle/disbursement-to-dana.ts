import type { SnapRow } from './rows.ts';

// What DANA answers on Disbursement to DANA balance, written by hand from ../shared/dana-api/
// (never from contracts/ or simulator/). Sources: `disbursement.md §n` is that file's code table,
// `magic §n` is sandbox-magic-values.md, `auth.md §7.x` the SNAP catalogue DANA uses where a
// service's own table is silent, `README` a choice recorded in contracts/README.md. Field errors
// name the field of the trigger the digest documents; where it documents none, X-TIMESTAMP.

export const DANA_ACCOUNT_INQUIRY: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2003700', httpStatus: 200, responseMessage: 'Successful', source: 'disbursement.md §4' },
  { key: 'EXCEEDS_AMOUNT_LIMIT', responseCode: '4033702', httpStatus: 403, responseMessage: 'Exceed maximum limit amount', source: 'disbursement.md §4' },
  { key: 'DO_NOT_HONOR', responseCode: '4033705', httpStatus: 403, responseMessage: 'Do Not Honor', source: 'disbursement.md §4' },
  { key: 'INVALID_CUSTOMER_TOKEN', responseCode: '4013702', httpStatus: 401, responseMessage: 'Invalid Customer Token', source: 'auth.md §7.2, README customerNumber' },
  { key: 'BAD_REQUEST', responseCode: '4003700', httpStatus: 400, responseMessage: 'Bad Request', source: 'disbursement.md §4' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4003701', httpStatus: 400, responseMessage: 'Invalid Field Format', source: 'magic §1 non-IDR currency' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4003702', httpStatus: 400, responseMessage: 'Invalid Mandatory Field X-TIMESTAMP', source: 'auth.md §2.3 X-TIMESTAMP' },
  { key: 'INVALID_SIGNATURE', responseCode: '4013700', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §4' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4013700', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4013701', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4013703', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4093700', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4293700', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5003700', httpStatus: 500, responseMessage: 'General Error', source: 'disbursement.md §4' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5003701', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'disbursement.md §4' },
  { key: 'TIMEOUT', responseCode: '5043700', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];

export const TRANSFER_TO_DANA: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2003800', httpStatus: 200, responseMessage: 'Successful', source: 'disbursement.md §5' },
  { key: 'EXCEEDS_AMOUNT_LIMIT', responseCode: '4033802', httpStatus: 403, responseMessage: 'Exceed maximum limit amount', source: 'disbursement.md §5' },
  { key: 'DO_NOT_HONOR', responseCode: '4033805', httpStatus: 403, responseMessage: 'Do Not Honor', source: 'disbursement.md §5' },
  { key: 'INSUFFICIENT_FUNDS', responseCode: '4033814', httpStatus: 403, responseMessage: 'Insufficient Fund', source: 'disbursement.md §5' },
  { key: 'INACTIVE_ACCOUNT', responseCode: '4033818', httpStatus: 403, responseMessage: 'Inactive Account Merchant', source: 'auth.md §7.2 disbursement wording' },
  { key: 'INCONSISTENT_REQUEST', responseCode: '4043818', httpStatus: 404, responseMessage: 'Inconsistent Request', source: 'disbursement.md §5' },
  { key: 'INVALID_CUSTOMER_TOKEN', responseCode: '4013802', httpStatus: 401, responseMessage: 'Invalid Customer Token', source: 'auth.md §7.2, README customerNumber' },
  { key: 'BAD_REQUEST', responseCode: '4003800', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4003801', httpStatus: 400, responseMessage: 'Invalid Field Format', source: 'disbursement.md §5' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4003802', httpStatus: 400, responseMessage: 'Invalid Mandatory Field customerNumber', source: 'disbursement.md §5' },
  { key: 'INVALID_SIGNATURE', responseCode: '4013800', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §5' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4013800', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4013801', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4013803', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4093800', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4293800', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5003800', httpStatus: 500, responseMessage: 'General Error', source: 'disbursement.md §5' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5003801', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'disbursement.md §5' },
  { key: 'TIMEOUT', responseCode: '5043800', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];

export const TOP_UP_STATUS: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2003900', httpStatus: 200, responseMessage: 'Successful', source: 'disbursement.md §6' },
  { key: 'TRANSACTION_NOT_FOUND', responseCode: '4043901', httpStatus: 404, responseMessage: 'Transaction Not Found', source: 'disbursement.md §6' },
  { key: 'BAD_REQUEST', responseCode: '4003900', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4003901', httpStatus: 400, responseMessage: 'Invalid Field Format serviceCode', source: 'disbursement.md §6' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4003902', httpStatus: 400, responseMessage: 'Invalid Mandatory Field X-TIMESTAMP', source: 'disbursement.md §6' },
  { key: 'INVALID_SIGNATURE', responseCode: '4013900', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §6' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4013900', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4013901', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4013903', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4093900', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4293900', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5003900', httpStatus: 500, responseMessage: 'General Error', source: 'auth.md §7.2' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5003901', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'auth.md §7.2' },
  { key: 'TIMEOUT', responseCode: '5043900', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];
