// Calls DANA makes to the bank (virtual-account.md sections 6 and 7), relative to the bank's
// callback base URL, signed with DANA's key like every SNAP request.

export const VA_INQUIRY_STATUS = {
  kind: 'vaInquiryStatus',
  path: '/v1.0/transfer-va/status',
  serviceCode: '26',
  /** The bank's success reply; `virtualAccountData.paymentFlagStatus` then says paid (`00`) or not. */
  successCode: '2002600',
} as const;

export const VA_CREATE = {
  kind: 'vaCreate',
  path: '/v1.0/transfer-va/create-va',
  serviceCode: '27',
  successCode: '2002700',
} as const;

/** paymentFlagStatus values (BI): 00 success, 01 reject, 02 timeout. */
export const PAYMENT_FLAG = { PAID: '00', REJECTED: '01', TIMEOUT: '02' } as const;
