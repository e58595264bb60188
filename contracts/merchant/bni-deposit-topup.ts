import type { BniEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';

// The sandbox-only merchant deposit top-up (merchant.md section 5): DANA's sandbox imitates BNI's
// e-collection callback for the merchant's BNI deposit VA. The UAT suite uses it to fund the deposit.
export const bniDepositTopUp = {
  key: 'bniDepositTopUp',
  title: 'BNI VA merchant deposit top-up (sandbox)',
  envelope: 'bni',
  paths: ['/ifcsupergw/bni/topup/merchant/request.htm'],
  timeoutMs: 8000,
  audience: 'any',
  request: {
    trx_id: mandatory.string({ maxLength: 64 }),
    virtual_account: mandatory.string({ maxLength: 32, pattern: /^\d+$/ }),
    // Which amount is credited is not documented; payment_amount is, because the UAT's threshold only
    // makes sense that way (contracts/README.md).
    payment_amount: mandatory.string({ maxLength: 16, pattern: /^\d+$/ }),
    trx_amount: optional.string({ maxLength: 16 }),
    customer_name: optional.string({ maxLength: 255 }),
    cumulative_payment_amount: optional.string({ maxLength: 16 }),
    payment_ntb: optional.string({ maxLength: 32 }),
    datetime_payment: optional.string({ maxLength: 32 }),
    datetime_payment_iso8601: optional.string({ maxLength: 32 }),
  },
  resultKeys: ['SUCCESS', 'BNI_INVALID_PARAMETER', 'BNI_INVALID_CLIENT', 'BNI_INVALID_VA', 'BNI_TECHNICAL_FAILURE'],
  idempotency: { family: 'bniTopUp', keyField: 'trx_id', compare: ['virtual_account', 'payment_amount'] },
} satisfies BniEndpoint;

/** BNI's default e-collection client id in the UAT helper; the secret is generated per simulator. */
export const BNI_DEFAULT_CLIENT_ID = '910';

/** A merchant's BNI deposit VA number: 988 + the last 13 digits of its merchant id. */
export const depositVaNumber = (merchantId: string) => `988${merchantId.slice(-13)}`;
