// The one response-code catalogue. Every code the simulator emits comes from here by typed key.
//
// SNAP codes are `<HTTP status><service code><case code>` (dana-api/README.md, convention 1): the
// catalogue holds HTTP status, case code and DANA's exact message; the service code comes from the
// endpoint contract. Messages follow DANA's observed wording (auth.md section 7.2, disbursement.md);
// an endpoint contract may override a message where DANA words it differently for that service.

export interface SnapCase {
  readonly httpStatus: number;
  readonly caseCode: string;
  readonly message: string;
}

export const SNAP_CASES = {
  SUCCESS: { httpStatus: 200, caseCode: '00', message: 'Successful' },
  IN_PROGRESS: { httpStatus: 202, caseCode: '00', message: 'Request In Progress' },
  BAD_REQUEST: { httpStatus: 400, caseCode: '00', message: 'Bad Request' },
  INVALID_FIELD_FORMAT: { httpStatus: 400, caseCode: '01', message: 'Invalid Field Format' },
  INVALID_MANDATORY_FIELD: { httpStatus: 400, caseCode: '02', message: 'Invalid Mandatory Field' },
  INVALID_SIGNATURE: { httpStatus: 401, caseCode: '00', message: 'Unauthorized. Invalid Signature' },
  UNKNOWN_CLIENT: { httpStatus: 401, caseCode: '00', message: 'Unauthorized. Unknown Client' },
  /** Widget's Apply Token says why after it: `Unauthorized. Auth Code Used` (UAT fixture Widget.json, IPG.json). */
  UNAUTHORIZED: { httpStatus: 401, caseCode: '00', message: 'Unauthorized.' },
  INVALID_TOKEN: { httpStatus: 401, caseCode: '01', message: 'Invalid Token (B2B)' },
  INVALID_CUSTOMER_TOKEN: { httpStatus: 401, caseCode: '02', message: 'Invalid Customer Token' },
  /** Widget: a customer token past its expiry (UAT fixture Widget.json ApplyOttFailTokenExpired). */
  CUSTOMER_TOKEN_EXPIRED: { httpStatus: 401, caseCode: '01', message: 'Token Expired' },
  TOKEN_NOT_FOUND: { httpStatus: 401, caseCode: '03', message: 'Token Not Found (B2B)' },
  TRANSACTION_EXPIRED: { httpStatus: 403, caseCode: '00', message: 'Transaction Expired' },
  EXCEEDS_AMOUNT_LIMIT: { httpStatus: 403, caseCode: '02', message: 'Exceed maximum limit amount' },
  SUSPECTED_FRAUD: { httpStatus: 403, caseCode: '03', message: 'Suspected Fraud' },
  DO_NOT_HONOR: { httpStatus: 403, caseCode: '05', message: 'Do Not Honor' },
  INSUFFICIENT_FUNDS: { httpStatus: 403, caseCode: '14', message: 'Insufficient Fund' },
  TRANSACTION_NOT_PERMITTED: { httpStatus: 403, caseCode: '15', message: 'Transaction Not Permitted' },
  INACTIVE_ACCOUNT: { httpStatus: 403, caseCode: '18', message: 'Inactive Account Merchant' },
  NOT_FOUND: { httpStatus: 404, caseCode: '00', message: 'Not Found' },
  /** Payment Gateway's cancel and refund answer a wrong order state with case 00 (UAT fixture PaymentGateway.json). */
  INVALID_TRANSACTION_STATUS: { httpStatus: 404, caseCode: '00', message: 'Invalid Transaction Status' },
  TRANSACTION_NOT_FOUND: { httpStatus: 404, caseCode: '01', message: 'Transaction Not Found' },
  INVALID_MERCHANT: { httpStatus: 404, caseCode: '08', message: 'Invalid Merchant' },
  INVALID_ACCOUNT: { httpStatus: 404, caseCode: '11', message: 'Invalid Card/Account/Customer Number/Virtual Account' },
  INVALID_BILL: { httpStatus: 404, caseCode: '12', message: 'Invalid Bill/Virtual Account' },
  INVALID_AMOUNT: { httpStatus: 404, caseCode: '13', message: 'Invalid Amount' },
  PAID_BILL: { httpStatus: 404, caseCode: '14', message: 'Paid Bill' },
  INCONSISTENT_REQUEST: { httpStatus: 404, caseCode: '18', message: 'Inconsistent Request' },
  EXPIRED_BILL: { httpStatus: 404, caseCode: '19', message: 'Invalid Bill/Virtual Account' },
  CONFLICT: { httpStatus: 409, caseCode: '00', message: 'Conflict' },
  DUPLICATE_PARTNER_REFERENCE: { httpStatus: 409, caseCode: '01', message: 'Duplicate partnerReferenceNo' },
  TOO_MANY_REQUESTS: { httpStatus: 429, caseCode: '00', message: 'Too Many Requests' },
  GENERAL_ERROR: { httpStatus: 500, caseCode: '00', message: 'General Error' },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, caseCode: '01', message: 'Internal Server Error' },
  TIMEOUT: { httpStatus: 504, caseCode: '00', message: 'Timeout' },
} as const satisfies Record<string, SnapCase>;

export type SnapKey = keyof typeof SNAP_CASES;

// Open API envelope results (merchant.md section 2). resultCodeId values other than the four in
// DANA's table are the ids DANA's Open API gateway uses for the same conditions as seen in public
// integrations; the simulator needs them for envelope-level failures (signature, client, parse).
export interface OpenApiResult {
  readonly resultStatus: 'S' | 'F' | 'U';
  readonly resultCodeId: string;
  readonly resultCode: string;
  readonly resultMsg: string;
}

export const OPEN_API_RESULTS = {
  SUCCESS: { resultStatus: 'S', resultCodeId: '00000000', resultCode: 'SUCCESS', resultMsg: 'success' },
  PARAM_MISSING: { resultStatus: 'F', resultCodeId: '00000002', resultCode: 'PARAM_MISSING', resultMsg: 'param missing' },
  PARAM_ILLEGAL: { resultStatus: 'F', resultCodeId: '00000004', resultCode: 'PARAM_ILLEGAL', resultMsg: 'param illegal' },
  INVALID_SIGNATURE: { resultStatus: 'F', resultCodeId: '00000007', resultCode: 'INVALID_SIGNATURE', resultMsg: 'invalid signature' },
  KEY_NOT_FOUND: { resultStatus: 'F', resultCodeId: '00000008', resultCode: 'KEY_NOT_FOUND', resultMsg: 'key not found' },
  MSG_PARSE_ERROR: { resultStatus: 'F', resultCodeId: '00000015', resultCode: 'MSG_PARSE_ERROR', resultMsg: 'message parse error' },
  FUNCTION_MISMATCH: { resultStatus: 'F', resultCodeId: '00000017', resultCode: 'FUNCTION_MISMATCH', resultMsg: 'function mismatch' },
  TOO_MANY_REQUESTS: { resultStatus: 'F', resultCodeId: '00000026', resultCode: 'TOO_MANY_REQUESTS', resultMsg: 'too many requests' },
  VERIFY_CLIENT_SECRET_FAIL: {
    resultStatus: 'F',
    resultCodeId: '12014151',
    resultCode: 'VERIFY_CLIENT_SECRET_FAIL',
    resultMsg: 'verify client secret fail',
  },
  UNKNOWN_CLIENT: { resultStatus: 'F', resultCodeId: '12014155', resultCode: 'UNKNOWN_CLIENT', resultMsg: 'unknown client' },
  // Widget's queryUserProfile with a missing, unknown or revoked customer token; DANA documents no code (simulator choice).
  INVALID_ACCESS_TOKEN: {
    resultStatus: 'F',
    resultCodeId: '00000011',
    resultCode: 'INVALID_ACCESS_TOKEN',
    resultMsg: 'invalid access token',
  },
  MERCHANT_NOT_EXIST: { resultStatus: 'F', resultCodeId: '12158006901', resultCode: 'MERCHANT_NOT_EXIST', resultMsg: 'merchant not exist' },
  SYSTEM_ERROR: { resultStatus: 'U', resultCodeId: '00000900', resultCode: 'SYSTEM_ERROR', resultMsg: 'system error' },
} as const satisfies Record<string, OpenApiResult>;

export type OpenApiKey = keyof typeof OPEN_API_RESULTS;

// Pipeline steps raise envelope-neutral keys (a header check does not know the envelope); for an
// Open API endpoint these are rendered as the Open API result that means the same thing.
export const OPEN_API_EQUIVALENT: Partial<Record<SnapKey, OpenApiKey>> = {
  BAD_REQUEST: 'MSG_PARSE_ERROR',
  INVALID_FIELD_FORMAT: 'PARAM_ILLEGAL',
  INVALID_MANDATORY_FIELD: 'PARAM_ILLEGAL',
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  UNKNOWN_CLIENT: 'UNKNOWN_CLIENT',
  INVALID_CUSTOMER_TOKEN: 'INVALID_ACCESS_TOKEN',
  CUSTOMER_TOKEN_EXPIRED: 'INVALID_ACCESS_TOKEN',
  INVALID_MERCHANT: 'MERCHANT_NOT_EXIST',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  GENERAL_ERROR: 'SYSTEM_ERROR',
  INTERNAL_SERVER_ERROR: 'SYSTEM_ERROR',
  TIMEOUT: 'SYSTEM_ERROR',
};

// BNI e-collection callback statuses, for the sandbox-only BNI merchant deposit top-up
// (merchant.md section 5): the UAT helper accepts only `000` (or an empty status) as success.
export interface BniResult {
  readonly status: string;
  readonly message: string;
}

export const BNI_RESULTS = {
  SUCCESS: { status: '000', message: 'Success' },
  BNI_INVALID_PARAMETER: { status: '001', message: 'Incomplete/invalid Parameter(s)' },
  BNI_INVALID_CLIENT: { status: '002', message: 'IP address not allowed or wrong Client ID' },
  BNI_INVALID_VA: { status: '006', message: 'Invalid VA Number' },
  BNI_TECHNICAL_FAILURE: { status: '008', message: 'Technical Failure' },
} as const satisfies Record<string, BniResult>;

export type BniKey = keyof typeof BNI_RESULTS;

export const BNI_EQUIVALENT: Partial<Record<SnapKey, BniKey>> = {
  BAD_REQUEST: 'BNI_INVALID_PARAMETER',
  INVALID_FIELD_FORMAT: 'BNI_INVALID_PARAMETER',
  INVALID_MANDATORY_FIELD: 'BNI_INVALID_PARAMETER',
  UNKNOWN_CLIENT: 'BNI_INVALID_CLIENT',
  INVALID_SIGNATURE: 'BNI_INVALID_CLIENT',
  INVALID_ACCOUNT: 'BNI_INVALID_VA',
  GENERAL_ERROR: 'BNI_TECHNICAL_FAILURE',
  INTERNAL_SERVER_ERROR: 'BNI_TECHNICAL_FAILURE',
  TIMEOUT: 'BNI_TECHNICAL_FAILURE',
};

export type ResultKey = SnapKey | OpenApiKey | BniKey;

export function isBniKey(key: string): key is BniKey {
  return Object.hasOwn(BNI_RESULTS, key);
}

export function isSnapKey(key: string): key is SnapKey {
  return Object.hasOwn(SNAP_CASES, key);
}

export function isOpenApiKey(key: string): key is OpenApiKey {
  return Object.hasOwn(OPEN_API_RESULTS, key);
}

/** Builds the 7-character SNAP responseCode for a case on a service. */
export function snapResponseCode(key: SnapKey, serviceCode: string): string {
  const entry = SNAP_CASES[key];
  return `${entry.httpStatus}${serviceCode}${entry.caseCode}`;
}
