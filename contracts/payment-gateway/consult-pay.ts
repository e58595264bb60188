import { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';
import type { SnapEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// Consult Pay (Payment Gateway): the pay methods and options the merchant can offer for an amount.
// DANA's page names service code 00, and its sandbox answers errors so (4000001, 4000002), yet a
// success is 2005700 `Successful` (UAT fixture and the python SDK's test); SUCCESS_SERVICE_CODE holds
// that quirk. The list: BALANCE, the VA options, and QRIS only when externalStoreId names a shop of
// the merchant (DANA's hint: "QRIS not showing unless externalStoreId is filled"); an unknown store
// is not refused here (the python SDK's test expects 2005700 for `test_shop`).
export const consultPay = {
  key: 'consultPay',
  title: 'Payment Gateway Consult Pay',
  envelope: 'snap',
  serviceCode: '00',
  paths: ['/v1.0/payment-gateway/consult-pay.htm'],
  timeoutMs: 8000,
  request: {
    // Optional here: DANA answers an empty merchantId with a bare 4000001 Invalid Field Format (UAT), so the handler does.
    merchantId: optional.string({ maxLength: 64 }),
    amount: mandatory.money({ namedErrors: true }),
    externalStoreId: optional.string({ maxLength: 64 }),
    additionalInfo: mandatory.object({
      buyer: optional.object({
        externalUserType: optional.string({ maxLength: 32 }),
        nickname: optional.string({ maxLength: 64 }),
        externalUserId: optional.string({ maxLength: 32 }),
        userId: optional.string({ maxLength: 32 }),
      }),
      envInfo: mandatory.object({ terminalType: mandatory.string({ oneOf: ['APP', 'WEB', 'WAP', 'SYSTEM'] }) }),
      merchantTransType: optional.string({ maxLength: 64 }),
    }),
  },
  // DANA's sandbox answers success with 2005700 although its errors carry service code 00.
  successServiceCode: '57',
  resultKeys: ['SUCCESS', 'INVALID_MERCHANT', ...SNAP_COMMON_KEYS],
  echoOnError: [],
} satisfies SnapEndpoint;

/** Options listed by Consult Pay: the VA banks dana-sim issues order VAs for, and QRIS with a known store. */
export const CONSULT_PAY_VA_OPTIONS = [
  'VIRTUAL_ACCOUNT_BCA',
  'VIRTUAL_ACCOUNT_BNI',
  'VIRTUAL_ACCOUNT_BRI',
  'VIRTUAL_ACCOUNT_MANDIRI',
  'VIRTUAL_ACCOUNT_CIMB',
  'VIRTUAL_ACCOUNT_PERMATA',
] as const;
