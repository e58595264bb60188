import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// Refund Order, SNAP service 58 (Payment Gateway): money back from the merchant's settlement account
// to the account the payment came from. Several partial refunds are allowed up to the paid amount
// (beyond: 4035802), within REFUND_WINDOW_MS of payment (beyond: 4035815). `partnerRefundNo` is the
// idempotency key per merchant: the same request again gets the first reply (same refundNo), a changed
// one 4045818. The key is checked by the handler after the sandbox magic amounts, which DANA answers
// whatever was sent before under the key (UAT RefundOrderIdempotent). Magic amounts: sandbox-rules.ts.
export const refundOrder = {
  key: 'refundOrder',
  title: 'Payment Gateway Refund Order',
  envelope: 'snap',
  serviceCode: '58',
  // The second path is Widget's Refund Order (svc 58), the same contract (issue-17 facts section 3.5).
  paths: ['/payment-gateway/v1.0/debit/refund.htm', '/v1.0/debit/refund.htm'],
  timeoutMs: 8000,
  request: {
    merchantId: mandatory.string({ maxLength: 64 }),
    subMerchantId: optional.string({ maxLength: 32 }),
    originalReferenceNo: optional.string({ maxLength: 64 }),
    originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
    originalExternalId: optional.string({ maxLength: 36 }),
    originalCaptureNo: optional.string({ maxLength: 64 }),
    partnerRefundNo: mandatory.string({ maxLength: 64 }),
    refundAmount: mandatory.money({ namedErrors: true }),
    externalStoreId: optional.string({ maxLength: 64 }),
    reason: optional.string({ maxLength: 256 }),
    additionalInfo: optional.object(),
  },
  resultKeys: [
    'SUCCESS',
    'IN_PROGRESS',
    'EXCEEDS_AMOUNT_LIMIT',
    'INSUFFICIENT_FUNDS',
    'TRANSACTION_NOT_PERMITTED',
    'INVALID_TRANSACTION_STATUS',
    'TRANSACTION_NOT_FOUND',
    'INVALID_MERCHANT',
    'INCONSISTENT_REQUEST',
    ...SNAP_COMMON_KEYS,
  ],
  messages: { EXCEEDS_AMOUNT_LIMIT: 'Exceeds Transaction Amount Limit', INSUFFICIENT_FUNDS: 'Insufficient Funds' },
  // Widget's path answers an unknown order 4045812 Invalid Bill where Payment Gateway's says 4045801
  // Transaction Not Found (Widget.json RefundFailOrderNotExist, PaymentGateway.json RefundOrderInvalidBill).
  pathWording: {
    '/v1.0/debit/refund.htm': { keys: { TRANSACTION_NOT_FOUND: 'INVALID_BILL' }, messages: { INVALID_BILL: 'Invalid Bill' } },
  },
  // The SDK's reply model requires these three, also on 202; refundAmount is echoed by the handler or rule.
  echoOnError: ['originalPartnerReferenceNo', 'partnerRefundNo'],
  // A completion rule (the sandbox's 225800.00) answers 202; see the refund handler.
  asynchronous: true,
} satisfies SnapEndpoint;

/** What makes two refund requests under one partnerRefundNo the same refund. */
export const REFUND_COMPARED_FIELDS = ['originalPartnerReferenceNo', 'refundAmount'] as const;
