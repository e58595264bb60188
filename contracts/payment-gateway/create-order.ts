import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import { PAY_METHODS } from './common.ts';

// Create Order, SNAP service 54 (Payment Gateway). A VIRTUAL_ACCOUNT pay option gets a VA number in
// additionalInfo.paymentCode; other options get a webRedirectUrl to the (simulated) DANA cashier.
export const createOrder = {
  key: 'createOrder',
  title: 'Payment Gateway Create Order',
  envelope: 'snap',
  serviceCode: '54',
  paths: ['/payment-gateway/v1.0/debit/payment-host-to-host.htm', '/v1.0/debit/payment-host-to-host.htm'],
  timeoutMs: 8000,
  request: {
    partnerReferenceNo: mandatory.string({ maxLength: 64 }),
    merchantId: mandatory.string({ maxLength: 64 }),
    subMerchantId: optional.string({ maxLength: 32 }),
    amount: mandatory.money({ namedErrors: true }),
    externalStoreId: optional.string({ maxLength: 64 }),
    validUpTo: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
    disabledPayMethods: optional.string({ maxLength: 64 }),
    urlParams: mandatory.array(
      mandatory.object({
        url: mandatory.string({ maxLength: 512 }),
        type: mandatory.string({ oneOf: ['PAY_RETURN', 'NOTIFICATION'] }),
        isDeeplink: optional.string({ maxLength: 1 }),
      }),
      { minItems: 1 },
    ),
    payOptionDetails: optional.array(
      mandatory.object({
        payMethod: mandatory.string({ oneOf: PAY_METHODS }),
        payOption: optional.string({ maxLength: 64 }),
        transAmount: mandatory.money({ namedErrors: true }),
        feeAmount: optional.object(),
        cardToken: optional.string({ maxLength: 2048 }),
        merchantToken: optional.string({ maxLength: 2048 }),
        additionalInfo: optional.object(),
      }),
    ),
    additionalInfo: optional.object({
      mcc: optional.string({ maxLength: 64 }),
      extendInfo: optional.string({ maxLength: 4096 }),
      envInfo: optional.object(),
      order: optional.object({ orderTitle: optional.string({ maxLength: 64 }) }),
    }),
  },
  resultKeys: ['SUCCESS', 'INVALID_MERCHANT', 'INCONSISTENT_REQUEST', 'TRANSACTION_NOT_PERMITTED', ...SNAP_COMMON_KEYS],
  echoOnError: ['partnerReferenceNo'],
  idempotency: {
    family: 'pgOrder',
    keyField: 'partnerReferenceNo',
    // UAT's inconsistent case changes only payOptionDetails[0].transAmount.
    compare: ['merchantId', 'amount', 'payOptionDetails', 'validUpTo'],
    recordFailures: false,
  },
  // A completion rule (the sandbox's amount 205502.00) creates the order PAYING (02); see the handler.
  asynchronous: true,
} satisfies SnapEndpoint;
