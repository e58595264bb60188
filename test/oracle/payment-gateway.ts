import type { SnapRow } from './rows.ts';

// What DANA answers on Payment Gateway Create Order (svc 54) and Query Payment (svc 55), written by
// hand from ../shared/dana-api/payment-gateway.md (never from contracts/ or simulator/).

export const CREATE_ORDER: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2005400', httpStatus: 200, responseMessage: 'Successful', source: 'payment-gateway.md §2.7' },
  { key: 'INVALID_MERCHANT', responseCode: '4045408', httpStatus: 404, responseMessage: 'Invalid Merchant', source: 'payment-gateway.md §2.7' },
  { key: 'INCONSISTENT_REQUEST', responseCode: '4045418', httpStatus: 404, responseMessage: 'Inconsistent Request', source: 'payment-gateway.md §2.7' },
  { key: 'TRANSACTION_NOT_PERMITTED', responseCode: '4035415', httpStatus: 403, responseMessage: 'Transaction Not Permitted', source: 'payment-gateway.md §2.7' },
  { key: 'BAD_REQUEST', responseCode: '4005400', httpStatus: 400, responseMessage: 'Bad Request', source: 'payment-gateway.md §2.7' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4005401', httpStatus: 400, responseMessage: 'Invalid Field Format amount', source: 'payment-gateway.md §2.7' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4005402', httpStatus: 400, responseMessage: 'Invalid Mandatory Field X-TIMESTAMP', source: 'payment-gateway.md §2.7' },
  { key: 'INVALID_SIGNATURE', responseCode: '4015400', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'payment-gateway.md §2.7' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4015400', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4015401', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'auth.md §3' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4015403', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4095400', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4295400', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'payment-gateway.md §2.7' },
  { key: 'GENERAL_ERROR', responseCode: '5005400', httpStatus: 500, responseMessage: 'General Error', source: 'payment-gateway.md §2.7' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5005401', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'payment-gateway.md §2.7' },
  { key: 'TIMEOUT', responseCode: '5045400', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];

export const QUERY_PAYMENT: readonly SnapRow[] = [
  { key: 'SUCCESS', responseCode: '2005500', httpStatus: 200, responseMessage: 'Successful', source: 'payment-gateway.md §3.4' },
  { key: 'TRANSACTION_NOT_FOUND', responseCode: '4045501', httpStatus: 404, responseMessage: 'Transaction Not Found', source: 'payment-gateway.md §3.4' },
  { key: 'INVALID_MERCHANT', responseCode: '4045508', httpStatus: 404, responseMessage: 'Invalid Merchant', source: 'auth.md §7.2' },
  { key: 'BAD_REQUEST', responseCode: '4005500', httpStatus: 400, responseMessage: 'Bad Request', source: 'payment-gateway.md §3.4' },
  { key: 'INVALID_FIELD_FORMAT', responseCode: '4005501', httpStatus: 400, responseMessage: 'Invalid Field Format X-TIMESTAMP', source: 'payment-gateway.md §3.4' },
  { key: 'INVALID_MANDATORY_FIELD', responseCode: '4005502', httpStatus: 400, responseMessage: 'Invalid Mandatory Field X-TIMESTAMP', source: 'payment-gateway.md §3.4' },
  { key: 'INVALID_SIGNATURE', responseCode: '4015500', httpStatus: 401, responseMessage: 'Unauthorized. Invalid Signature', source: 'payment-gateway.md §3.4' },
  { key: 'UNKNOWN_CLIENT', responseCode: '4015500', httpStatus: 401, responseMessage: 'Unauthorized. Unknown Client', source: 'README unknown X-PARTNER-ID' },
  { key: 'INVALID_TOKEN', responseCode: '4015501', httpStatus: 401, responseMessage: 'Invalid Token (B2B)', source: 'payment-gateway.md §3.4' },
  { key: 'TOKEN_NOT_FOUND', responseCode: '4015503', httpStatus: 401, responseMessage: 'Token Not Found (B2B)', source: 'auth.md §3' },
  { key: 'CONFLICT', responseCode: '4095500', httpStatus: 409, responseMessage: 'Conflict', source: 'auth.md §7.3, README reused X-EXTERNAL-ID' },
  { key: 'TOO_MANY_REQUESTS', responseCode: '4295500', httpStatus: 429, responseMessage: 'Too Many Requests', source: 'payment-gateway.md §3.4' },
  { key: 'GENERAL_ERROR', responseCode: '5005500', httpStatus: 500, responseMessage: 'General Error', source: 'payment-gateway.md §3.4' },
  { key: 'INTERNAL_SERVER_ERROR', responseCode: '5005501', httpStatus: 500, responseMessage: 'Internal Server Error', source: 'payment-gateway.md §3.4' },
  { key: 'TIMEOUT', responseCode: '5045500', httpStatus: 504, responseMessage: 'Timeout', source: 'auth.md §7.2' },
];
