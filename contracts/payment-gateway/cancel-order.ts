import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// Cancel Order, SNAP service 57 (Payment Gateway). An unpaid order closes (05 CANCELLED) and its VA
// with it; a paid order is refunded in full (what is left of it) and closes. A fully refunded order
// answers 4045700. Cancelling a cancelled order again answers 2005700 with the first cancelTime
// (the merchant's goal is reached; a retry after a lost reply must not fail); an order closed by
// expiry, or still PAYING, answers 4045700. Sandbox magic references: contracts/sandbox-rules.ts.
export const cancelOrder = {
  key: 'cancelOrder',
  title: 'Payment Gateway Cancel Order',
  envelope: 'snap',
  serviceCode: '57',
  // The second path is Widget's Cancel Order (svc 57), the same contract (issue-17 facts section 3.4).
  paths: ['/payment-gateway/v1.0/debit/cancel.htm', '/v1.0/debit/cancel.htm'],
  timeoutMs: 8000,
  request: {
    originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
    originalReferenceNo: optional.string({ maxLength: 64 }),
    originalExternalId: optional.string({ maxLength: 36 }),
    merchantId: mandatory.string({ maxLength: 64 }),
    subMerchantId: optional.string({ maxLength: 32 }),
    reason: optional.string({ maxLength: 256 }),
    externalStoreId: optional.string({ maxLength: 64 }),
    amount: optional.money({ namedErrors: true }),
    additionalInfo: optional.object(),
  },
  resultKeys: [
    'SUCCESS',
    'IN_PROGRESS',
    'TRANSACTION_EXPIRED',
    'DO_NOT_HONOR',
    'INSUFFICIENT_FUNDS',
    'TRANSACTION_NOT_PERMITTED',
    'INVALID_TRANSACTION_STATUS',
    'TRANSACTION_NOT_FOUND',
    'INVALID_MERCHANT',
    ...SNAP_COMMON_KEYS,
  ],
  // DANA's Payment Gateway words these differently from the SNAP catalogue (UAT fixture, sandbox log).
  messages: { SUCCESS: 'Success', INSUFFICIENT_FUNDS: 'Insufficient Funds' },
  // Widget's path answers success as the SNAP catalogue does (Widget.json CancelOrderValidScenario).
  pathWording: { '/v1.0/debit/cancel.htm': { messages: { SUCCESS: 'Successful' } } },
  // The SDK's reply model requires originalPartnerReferenceNo, also on 202 (parsed as a success).
  echoOnError: ['originalPartnerReferenceNo'],
  // A completion rule (the sandbox's 2025700) answers 202; see the cancel handler.
  asynchronous: true,
} satisfies SnapEndpoint;
