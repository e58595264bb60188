import type { SnapRow } from './rows.ts';

// What DANA answers on Virtual Account (bank -> DANA), written by hand from
// ../shared/dana-api/virtual-account.md (never from contracts/ or simulator/). DANA's own VA tables
// were unreachable, so the digest gives the Bank Indonesia SNAP VA codes (§9) and the timer cases
// (§3); `README` marks a choice recorded in contracts/README.md.

export const VA_INQUIRY: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2002400', httpStatus: 200, responseMessage: 'Successful', source: 'virtual-account.md §9' },
  { key: 'INVALID_BILL', responseCode: '4042412', httpStatus: 404, responseMessage: 'Invalid Bill/Virtual Account', source: 'virtual-account.md §3, §9' },
  { key: 'INVALID_AMOUNT', responseCode: '4042413', httpStatus: 404, responseMessage: 'Invalid Amount', source: 'virtual-account.md §9' },
  { key: 'PAID_BILL', responseCode: '4042414', httpStatus: 404, responseMessage: 'Paid Bill', source: 'virtual-account.md §9' },
  { key: 'EXPIRED_BILL', responseCode: '4042419', httpStatus: 404, responseMessage: 'Invalid Bill/Virtual Account', source: 'virtual-account.md §9' },
  { key: 'EXCEEDS_AMOUNT_LIMIT', responseCode: '4032402', httpStatus: 403, responseMessage: 'Exceeds Transaction Amount Limit', source: 'virtual-account.md §9, README VA codes' },
  { key: 'INCONSISTENT_REQUEST', responseCode: '4042418', httpStatus: 404, responseMessage: 'Inconsistent Request', source: 'virtual-account.md §9' },
  { key: 'BAD_REQUEST', responseCode: '4002400', httpStatus: 400, responseMessage: 'Bad Request', source: 'virtual-account.md §9' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4002401', httpStatus: 400, responseMessage: 'Invalid Field Format partnerServiceId', source: 'virtual-account.md §9 (its example field)' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4002402', httpStatus: 400, responseMessage: 'Invalid Mandatory Field inquiryRequestId', source: 'virtual-account.md §9' },
  { key: 'INVALID_SIGNATURE', responseCode: '4012400', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'virtual-account.md §9' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4012400', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4012401', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'virtual-account.md §9' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4012403', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4092400', httpStatus: 409, responseMessage: 'Conflict', source: 'virtual-account.md §9' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4292400', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5002400', httpStatus: 500, responseMessage: 'General Error', source: 'virtual-account.md §9' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5002401', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'virtual-account.md §9' },
  { key: 'TIMEOUT', responseCode: '5042400', httpStatus: 504, responseMessage: 'Timeout', source: 'virtual-account.md §9' },
];

export const VA_PAYMENT: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2002500', httpStatus: 200, responseMessage: 'Successful', source: 'virtual-account.md §3, §9' },
  { key: 'INVALID_BILL', responseCode: '4042512', httpStatus: 404, responseMessage: 'Invalid Bill/Virtual Account', source: 'virtual-account.md §3' },
  { key: 'INVALID_AMOUNT', responseCode: '4042513', httpStatus: 404, responseMessage: 'Invalid Amount', source: 'virtual-account.md §9' },
  { key: 'PAID_BILL', responseCode: '4042514', httpStatus: 404, responseMessage: 'Paid Bill', source: 'virtual-account.md §3' },
  { key: 'EXPIRED_BILL', responseCode: '4042519', httpStatus: 404, responseMessage: 'Invalid Bill/Virtual Account', source: 'virtual-account.md §3' },
  { key: 'EXCEEDS_AMOUNT_LIMIT', responseCode: '4032502', httpStatus: 403, responseMessage: 'Exceeds Transaction Amount Limit', source: 'virtual-account.md §9, README VA codes' },
  { key: 'INCONSISTENT_REQUEST', responseCode: '4042518', httpStatus: 404, responseMessage: 'Inconsistent Request', source: 'virtual-account.md §9' },
  { key: 'BAD_REQUEST', responseCode: '4002500', httpStatus: 400, responseMessage: 'Bad Request', source: 'virtual-account.md §9' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4002501', httpStatus: 400, responseMessage: 'Invalid Field Format partnerServiceId', source: 'virtual-account.md §9 (its example field)' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4002502', httpStatus: 400, responseMessage: 'Invalid Mandatory Field virtualAccountName', source: 'virtual-account.md §9' },
  { key: 'INVALID_SIGNATURE', responseCode: '4012500', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'virtual-account.md §9' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4012500', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4012501', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'virtual-account.md §9' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4012503', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4092500', httpStatus: 409, responseMessage: 'Conflict', source: 'virtual-account.md §9' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4292500', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5002500', httpStatus: 500, responseMessage: 'General Error', source: 'virtual-account.md §9' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5002501', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'virtual-account.md §9' },
  { key: 'TIMEOUT', responseCode: '5042500', httpStatus: 504, responseMessage: 'Timeout', source: 'virtual-account.md §9' },
];
