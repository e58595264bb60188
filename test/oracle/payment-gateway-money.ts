import type { SnapRow } from './rows.ts';

// What DANA answers on Payment Gateway Cancel Order (svc 57), Refund Order (svc 58) and Consult Pay,
// written by hand from ../shared/dana-api/payment-gateway.md and DANA's UAT fixture PaymentGateway.json
// (never from contracts/ or simulator/). The header, token and server rows every SNAP service shares
// follow one pattern, spelled out once here.

function commonRows(service: string): SnapRow[] {
  const row = (key: string, httpStatus: number, caseCode: string, responseMessage: string, source: string): SnapRow => ({
    key,
    responseCode: `${httpStatus}${service}${caseCode}`,
    httpStatus,
    responseMessage,
    source,
  });
  return [
    row('BAD_REQUEST', 400, '00', 'Bad Request', 'README unparsable SNAP body'),
    row('INVALID_FIELD_FORMAT', 400, '01', 'Invalid Field Format X-TIMESTAMP', 'payment-gateway.md §3.4 (same rule)'),
    row('INVALID_MANDATORY_FIELD', 400, '02', 'Invalid Mandatory Field X-TIMESTAMP', 'UAT CancelOrderInvalidMandatoryField'),
    row('INVALID_SIGNATURE', 401, '00', 'Unauthorized. Invalid Signature', 'UAT CancelOrderUnauthorized / RefundOrderUnauthorized'),
    row('UNKNOWN_CLIENT', 401, '00', 'Unauthorized. Unknown Client', 'README unknown X-PARTNER-ID'),
    row('INVALID_TOKEN', 401, '01', 'Invalid Token (B2B)', 'auth.md §3'),
    row('TOKEN_NOT_FOUND', 401, '03', 'Token Not Found (B2B)', 'auth.md §3'),
    row('CONFLICT', 409, '00', 'Conflict', 'auth.md §7.3, README reused X-EXTERNAL-ID'),
    row('TOO_MANY_REQUESTS', 429, '00', 'Too Many Requests', 'SNAP catalogue'),
    row('GENERAL_ERROR', 500, '00', 'General Error', 'SNAP catalogue'),
    row('INTERNAL_SERVER_ERROR', 500, '01', 'Internal Server Error', 'UAT CancelOrderTimeout / RefundOrderTimeout'),
    row('TIMEOUT', 504, '00', 'Timeout', 'auth.md §7.2'),
  ];
}

const replaced = (rows: SnapRow[], own: readonly SnapRow[]) => [...rows.filter((row) => !own.some((mine) => mine.key === row.key)), ...own];

const uat = (key: string, responseCode: string, responseMessage: string, source: string): SnapRow => ({
  key,
  responseCode,
  httpStatus: Number(responseCode.slice(0, 3)),
  responseMessage,
  source,
});

export const CANCEL_ORDER: readonly SnapRow[] = [
  ...commonRows('57'),
  uat('SUCCESS', '2005700', 'Success', 'UAT CancelOrderValidScenario'),
  uat('IN_PROGRESS', '2025700', 'Request In Progress', 'UAT CancelOrderInProgress'),
  uat('TRANSACTION_EXPIRED', '4035700', 'Transaction Expired', 'UAT CancelOrderTransactionExpired'),
  uat('DO_NOT_HONOR', '4035705', 'Do Not Honor', 'UAT CancelOrderUserStatusAbnormal'),
  uat('INSUFFICIENT_FUNDS', '4035714', 'Insufficient Funds', 'UAT CancelOrderInsufficientFunds'),
  uat('TRANSACTION_NOT_PERMITTED', '4035715', 'Transaction Not Permitted', 'UAT CancelOrderNotAllowed'),
  uat('INVALID_TRANSACTION_STATUS', '4045700', 'Invalid Transaction Status', 'UAT CancelOrderInvalidTransactionStatus'),
  uat('TRANSACTION_NOT_FOUND', '4045701', 'Transaction Not Found', 'UAT CancelOrderTransactionNotFound'),
  uat('INVALID_MERCHANT', '4045708', 'Invalid Merchant', 'UAT CancelOrderMerchantStatusAbnormal'),
];

export const REFUND_ORDER: readonly SnapRow[] = replaced(commonRows('58'), [
  uat('INVALID_FIELD_FORMAT', '4005801', 'Invalid Field Format refundAmount', 'UAT RefundOrderIllegalParameter'),
  uat('SUCCESS', '2005800', 'Successful', 'UAT RefundOrderValidScenario'),
  uat('IN_PROGRESS', '2025800', 'Request In Progress', 'UAT RefundOrderInProgress'),
  uat('EXCEEDS_AMOUNT_LIMIT', '4035802', 'Exceeds Transaction Amount Limit', 'legacy IPG RefundFailExceedPaymentAmount'),
  uat('INSUFFICIENT_FUNDS', '4035814', 'Insufficient Funds', 'UAT RefundOrderInsufficientFunds'),
  uat('TRANSACTION_NOT_PERMITTED', '4035815', 'Transaction Not Permitted', 'UAT RefundOrderNotAllowed'),
  uat('INVALID_TRANSACTION_STATUS', '4045800', 'Invalid Transaction Status', 'UAT RefundOrderNotPaid'),
  uat('TRANSACTION_NOT_FOUND', '4045801', 'Transaction Not Found', 'UAT RefundOrderInvalidBill'),
  uat('INVALID_MERCHANT', '4045808', 'Invalid Merchant', 'UAT RefundOrderMerchantStatusAbnormal'),
  uat('INCONSISTENT_REQUEST', '4045818', 'Inconsistent Request', 'UAT RefundOrderDuplicateRequest'),
]);

export const CONSULT_PAY: readonly SnapRow[] = replaced(commonRows('00'), [
  uat('INVALID_FIELD_FORMAT', '4000001', 'Invalid Field Format', 'UAT ConsultPayBalancedInvalidFieldFormat'),
  uat('SUCCESS', '2005700', 'Successful', 'UAT ConsultPayBalancedSuccess'),
  uat('INVALID_MERCHANT', '4040008', 'Invalid Merchant', 'SNAP catalogue case 08'),
]);
