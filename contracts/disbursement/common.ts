import { JAKARTA_DATE_TIME, mandatory, optional, type Fields } from '../common/fields.ts';
import { USER_BALANCE_CAP } from '../common/user-limits.ts';

// Limits DANA applies to Disbursement to DANA balance (sandbox-magic-values.md section 1). They are
// data so a team can tune them per simulator (e.g. to mirror a production account tier).
export const DISBURSEMENT_LIMITS = {
  /** A user's DANA balance may not exceed this after a top up (`4033802`). */
  userBalanceCap: USER_BALANCE_CAP,
  /** Reported by account inquiry as the allowed range of one top up. */
  minTopUpAmount: '1.00',
  maxTopUpAmount: '20000000.00',
  /** DANA's fee for one transfer to a bank account, charged to the merchant deposit; reported by bank inquiry. */
  bankTransferFee: '2500.00',
} as const;

/** How long an accepted asynchronous transfer stays in progress before it completes (simulator clock). */
export const DEFAULT_TRANSFER_COMPLETION_MS = 3000;

export { SNAP_COMMON_KEYS } from '../common/snap-keys.ts';

/**
 * The customer is named by `customerNumber` unless the call carries a customer token, in which case
 * DANA resolves the user from the token (disbursement.md sections 4 and 5).
 */
export const customerNumber = optional.string({ minLength: 1, maxLength: 32, mandatoryUnless: ['additionalInfo.accessToken'] });

export const topUpAdditionalInfo = {
  extendInfo: optional.string({ maxLength: 4096 }),
  accountType: optional.string({ maxLength: 64 }),
  fundType: mandatory.string({ maxLength: 64 }),
  externalDivisionId: optional.string({ maxLength: 64 }),
  chargeTarget: optional.string({ maxLength: 64 }),
  accessToken: optional.string({ maxLength: 512 }),
  customerId: optional.string({ maxLength: 32 }),
} satisfies Fields;

export const transactionDate = optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME });
