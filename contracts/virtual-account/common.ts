import type { SnapKey } from '../response-codes.ts';

// Virtual Account conventions (virtual-account.md sections 2, 3, 9). Where DANA's VA tables were not
// reachable the Bank Indonesia SNAP VA codes for services 24-27 are used; contracts/README.md lists
// each choice.

/** The window between a successful inquiry and its payment: DANA's "5-minute timer". */
export const VA_INQUIRY_WINDOW_MS = 5 * 60 * 1000;

/** `partnerServiceId`: exactly 8 characters, a biller code of digits left-padded with spaces. */
export const PARTNER_SERVICE_ID = /^ *\d{1,8}$/;
export const CUSTOMER_NO = /^\d{1,20}$/;
/** BI pattern for `virtualAccountNo`: digits and spaces only, at most 28 characters. */
export const VIRTUAL_ACCOUNT_NO = /^[ \d]{1,28}$/;

export function padPartnerServiceId(code: string): string {
  return code.trim().padStart(8, ' ');
}

/** BI wording for the limit case on VA services (DANA's disbursement wording differs). */
export const VA_MESSAGES: Partial<Record<SnapKey, string>> = { EXCEEDS_AMOUNT_LIMIT: 'Exceeds Transaction Amount Limit' };

/** Reason objects in VA replies: BI SNAP gives them in English and Indonesian. */
export const VA_REASONS = {
  success: { english: 'Success', indonesia: 'Sukses' },
} as const;
