import type { SnapRow } from './rows.ts';

// What DANA answers on Disbursement to bank accounts, written by hand from ../shared/dana-api/
// (never from contracts/ or simulator/); sources as in disbursement-to-dana.ts. Note DANA's
// success text differs by service: `Success` on 42 and 43, `Successful` on 00.

export const BANK_ACCOUNT_INQUIRY: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2004200', httpStatus: 200, responseMessage: 'Success', source: 'disbursement.md §7' },
  { key: 'INSUFFICIENT_FUNDS', responseCode: '4034214', httpStatus: 403, responseMessage: 'Insufficient Fund', source: 'disbursement.md §7' },
  { key: 'INACTIVE_ACCOUNT', responseCode: '4034218', httpStatus: 403, responseMessage: 'Inactive Account Merchant', source: 'disbursement.md §7' },
  { key: 'SUSPECTED_FRAUD', responseCode: '4034203', httpStatus: 403, responseMessage: 'Suspected Fraud', source: 'auth.md §7.2' },
  { key: 'INVALID_MERCHANT', responseCode: '4044208', httpStatus: 404, responseMessage: 'Invalid Merchant', source: 'disbursement.md §7' },
  { key: 'INVALID_ACCOUNT', responseCode: '4044211', httpStatus: 404, responseMessage: 'Invalid Card/Account/Customer Number/Virtual Account', source: 'disbursement.md §7' },
  { key: 'BAD_REQUEST', responseCode: '4004200', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4004201', httpStatus: 400, responseMessage: 'Invalid Field Format', source: 'disbursement.md §7' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4004202', httpStatus: 400, responseMessage: 'Invalid Mandatory Field additionalInfo.fundType', source: 'disbursement.md §7' },
  { key: 'INVALID_SIGNATURE', responseCode: '4014200', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §7' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4014200', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4014201', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4014203', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4094200', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4294200', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5004200', httpStatus: 500, responseMessage: 'General Error', source: 'disbursement.md §7' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5004201', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'disbursement.md §7' },
  { key: 'TIMEOUT', responseCode: '5044200', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];

export const TRANSFER_TO_BANK: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2004300', httpStatus: 200, responseMessage: 'Success', source: 'disbursement.md §8' },
  { key: 'IN_PROGRESS', responseCode: '2024300', httpStatus: 202, responseMessage: 'Request In Progress', source: 'disbursement.md §8' },
  { key: 'SUSPECTED_FRAUD', responseCode: '4034303', httpStatus: 403, responseMessage: 'Suspected Fraud', source: 'disbursement.md §8' },
  { key: 'INSUFFICIENT_FUNDS', responseCode: '4034314', httpStatus: 403, responseMessage: 'Insufficient Fund', source: 'disbursement.md §8' },
  { key: 'INACTIVE_ACCOUNT', responseCode: '4034318', httpStatus: 403, responseMessage: 'Inactive Account Merchant', source: 'disbursement.md §8' },
  { key: 'INVALID_ACCOUNT', responseCode: '4044311', httpStatus: 404, responseMessage: 'Invalid Card/Account/Customer Number/Virtual Account', source: 'auth.md §7.2, README unknown bank accounts' },
  { key: 'INVALID_MERCHANT', responseCode: '4044308', httpStatus: 404, responseMessage: 'Invalid Merchant', source: 'auth.md §7.2' },
  { key: 'INCONSISTENT_REQUEST', responseCode: '4044318', httpStatus: 404, responseMessage: 'Inconsistent Request', source: 'disbursement.md §8' },
  { key: 'BAD_REQUEST', responseCode: '4004300', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4004301', httpStatus: 400, responseMessage: 'Invalid Field Format', source: 'disbursement.md §8' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4004302', httpStatus: 400, responseMessage: 'Invalid Mandatory Field beneficiaryAccountNumber', source: 'disbursement.md §8' },
  { key: 'INVALID_SIGNATURE', responseCode: '4014300', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §8' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4014300', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4014301', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4014303', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4094300', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4294300', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5004300', httpStatus: 500, responseMessage: 'General Error', source: 'disbursement.md §8' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5004301', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'disbursement.md §8' },
  { key: 'TIMEOUT', responseCode: '5044300', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];

export const TRANSFER_TO_BANK_STATUS: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2000000', httpStatus: 200, responseMessage: 'Successful', source: 'disbursement.md §9' },
  { key: 'TRANSACTION_NOT_FOUND', responseCode: '4040001', httpStatus: 404, responseMessage: 'Transaction Not Found', source: 'disbursement.md §9' },
  { key: 'BAD_REQUEST', responseCode: '4000000', httpStatus: 400, responseMessage: 'Bad Request', source: 'auth.md §7.2' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4000001', httpStatus: 400, responseMessage: 'Invalid Field Format serviceCode', source: 'disbursement.md §9 (field named as on svc 39)' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4000002', httpStatus: 400, responseMessage: 'Invalid Mandatory Field X-SIGNATURE', source: 'disbursement.md §9, auth.md §2.3 X-SIGNATURE' },
  { key: 'INVALID_SIGNATURE', responseCode: '4010000', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'disbursement.md §9' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4010000', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4010001', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4010003', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4090000', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4290000', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'auth.md §7.2' },
  { key: 'GENERAL_ERROR', responseCode: '5000000', httpStatus: 500, responseMessage: 'General Error', source: 'auth.md §7.2' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5000001', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'auth.md §7.2' },
  { key: 'TIMEOUT', responseCode: '5040000', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];
