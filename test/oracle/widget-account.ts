import { OPEN_API_ENVELOPE_ROWS } from './open-api-envelope.ts';
import type { OpenApiRow, SnapRow } from './rows.ts';

// What DANA answers on Widget's Apply Token (svc 74), Account Unbinding (09), Balance Inquiry (11) and
// queryUserProfile, written by hand from /work/notes/issue-17-facts.md sections 2-3, DANA's UAT
// fixture Widget.json (and legacy IPG.json) and contracts/README.md's Widget choices (never from
// contracts/ or simulator/ code).

const row = (key: string, responseCode: string, responseMessage: string, source: string): SnapRow => ({
  key,
  responseCode,
  httpStatus: Number(responseCode.slice(0, 3)),
  responseMessage,
  source,
});

/** The header, signature, token and server rows of a SNAP service. */
function commonRows(service: string): SnapRow[] {
  return [
    row('BAD_REQUEST', `400${service}00`, 'Bad Request', 'README unparsable SNAP body'),
    row('INVALID_FIELD_FORMAT', `400${service}01`, 'Invalid Field Format X-TIMESTAMP', 'facts §3.3 (same rule)'),
    row('INVALID_MANDATORY_FIELD', `400${service}02`, 'Invalid Mandatory Field X-TIMESTAMP', 'facts §2.3, §3.1 (IPG.json)'),
    row('INVALID_SIGNATURE', `401${service}00`, 'Unauthorized. Invalid Signature', 'facts §2.3, §3.1'),
    row('UNKNOWN_CLIENT', `401${service}00`, 'Unauthorized. Unknown Client', 'README unknown X-PARTNER-ID'),
    row('INVALID_TOKEN', `401${service}01`, 'Invalid Token (B2B)', 'auth.md §3'),
    row('TOKEN_NOT_FOUND', `401${service}03`, 'Token Not Found (B2B)', 'auth.md §3'),
    row('CONFLICT', `409${service}00`, 'Conflict', 'auth.md §7.3, README reused X-EXTERNAL-ID'),
    row('TOO_MANY_REQUESTS', `429${service}00`, 'Too Many Requests', 'SNAP catalogue'),
    row('GENERAL_ERROR', `500${service}00`, 'General Error', 'SNAP catalogue'),
    row('INTERNAL_SERVER_ERROR', `500${service}01`, 'Internal Server Error', 'SNAP catalogue'),
    row('TIMEOUT', `504${service}00`, 'Timeout', 'auth.md §7.2'),
  ];
}

const tokenRequestRows = commonRows('74').filter((r) => !['INVALID_TOKEN', 'TOKEN_NOT_FOUND', 'CONFLICT'].includes(r.key));

export const APPLY_TOKEN: readonly SnapRow[] = [
  ...tokenRequestRows,
  row('SUCCESS', '2007400', 'Successful', 'facts §2.3, UAT ApplyTokenSuccess'),
  row('UNAUTHORIZED', '4017400', 'Unauthorized. Invalid Auth Code', 'facts §2.3 (IPG.json ApplyTokenFailAuthcodeInvalid)'),
];

const expiredToken = (service: string) =>
  row(
    'CUSTOMER_TOKEN_EXPIRED',
    `401${service}01`,
    'Token Expired',
    'facts §3.1 (Widget.json ApplyOttFailTokenExpired), README token lifetime',
  );

export const ACCOUNT_UNBINDING: readonly SnapRow[] = [
  ...commonRows('09'),
  row('SUCCESS', '2000900', 'Successful', 'facts §3.7, UAT AccountUnbindSuccess'),
  row('INVALID_CUSTOMER_TOKEN', '4010902', 'Invalid Customer Token', 'facts §3.7 (SNAP catalogue)'),
  expiredToken('09'),
];

export const APPLY_OTT: readonly SnapRow[] = [
  ...commonRows('49'),
  row('SUCCESS', '2004900', 'Successful', 'facts §3.1, UAT ApplyOttSuccess'),
  row('INVALID_CUSTOMER_TOKEN', '4014902', 'Invalid Customer Token', 'facts §3.1, UAT ApplyOttFailTokenNotFound'),
  expiredToken('49'),
  row('DO_NOT_HONOR', '4034905', 'Do Not Honor', 'facts §3.1 (IPG.json), user 0855100800'),
];

export const BALANCE_INQUIRY: readonly SnapRow[] = [
  ...commonRows('11'),
  row('SUCCESS', '2001100', 'Successful', 'facts §3.6'),
  row('INVALID_CUSTOMER_TOKEN', '4011102', 'Invalid Customer Token', 'facts §3.6, user 0815919191'),
  row('DO_NOT_HONOR', '4031105', 'Do Not Honor', 'facts §3.6, user 0855100800'),
  expiredToken('11'),
];

const openApi = (
  key: string,
  resultStatus: OpenApiRow['resultStatus'],
  resultCodeId: string,
  resultMsg: string,
  source: string,
): OpenApiRow => ({
  key,
  resultStatus,
  resultCodeId,
  resultCode: key,
  resultMsg,
  source,
});

export const QUERY_USER_PROFILE: readonly OpenApiRow[] = [
  ...OPEN_API_ENVELOPE_ROWS,
  openApi('SUCCESS', 'S', '00000000', 'success', 'facts §3.8'),
  openApi('PARAM_ILLEGAL', 'F', '00000004', 'param illegal userResources OTT', 'contracts/README.md Widget queryUserProfile'),
  openApi('INVALID_ACCESS_TOKEN', 'F', '00000011', 'invalid access token', 'facts §3.8 (G), contracts/README.md Widget'),
  openApi('SYSTEM_ERROR', 'U', '00000900', 'system error', 'merchant.md §2'),
];
