import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import { createOrder } from '../payment-gateway/create-order.ts';

// Widget Payment, SNAP service 54 (DANA Widget, issue-17 facts section 3.2): an order the user pays on
// DANA's payment page (webRedirectUrl), optionally with an OTT appended by the SDK. The order is a
// Payment Gateway order record (same idempotency family), so the one Query Payment, Cancel Order and
// Refund Order handlers find it. Sandbox magic amounts: contracts/sandbox-rules.ts.
// The members Widget Payment shares with Payment Gateway's Create Order (same svc 54 fields).
const { partnerReferenceNo, merchantId, subMerchantId, amount, externalStoreId, disabledPayMethods, payOptionDetails } =
  createOrder.request;

export const widgetPayment = {
  key: 'widgetPayment',
  title: 'Widget Payment',
  envelope: 'snap',
  serviceCode: '54',
  paths: ['/rest/redirection/v1.0/debit/payment-host-to-host'],
  timeoutMs: 8000,
  request: {
    partnerReferenceNo,
    merchantId,
    subMerchantId,
    amount,
    externalStoreId,
    // Mandatory here (Payment Gateway: optional).
    validUpTo: mandatory.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    pointOfInitiation: optional.string({ maxLength: 20 }),
    disabledPayMethods,
    payOptionDetails,
    // Optional here: DANA's UAT sends none (so no Finish Notify for those orders).
    urlParams: optional.array(createOrder.request.urlParams.items),
    additionalInfo: mandatory.object({
      productCode: mandatory.string({ maxLength: 32 }),
      // DANA documents mcc as mandatory, but its UAT sends "" and the sandbox accepts that: optional here.
      mcc: optional.string({ maxLength: 64 }),
      order: mandatory.object({ orderTitle: mandatory.string({ maxLength: 64 }) }),
      envInfo: optional.object(),
      extendInfo: optional.string({ maxLength: 4096 }),
      phoneNumber: optional.string({ maxLength: 32 }),
      publicUserId: optional.string({ maxLength: 64 }),
    }),
  },
  resultKeys: [
    'SUCCESS',
    'INVALID_MERCHANT',
    'INCONSISTENT_REQUEST',
    'TRANSACTION_NOT_PERMITTED',
    'EXCEEDS_AMOUNT_LIMIT',
    ...SNAP_COMMON_KEYS,
  ],
  messages: { EXCEEDS_AMOUNT_LIMIT: 'Exceeds Transaction Amount Limit' },
  echoOnError: ['partnerReferenceNo'],
  idempotency: {
    // One order store with Payment Gateway: query, cancel and refund find widget orders too.
    family: createOrder.idempotency.family,
    keyField: 'partnerReferenceNo',
    compare: ['merchantId', 'amount', 'payOptionDetails', 'validUpTo'],
    recordFailures: false,
  },
  // A completion rule (the sandbox's amount 205502.00) creates the order PAYING (02).
  asynchronous: true,
} satisfies SnapEndpoint;
