export { accountInquiry } from './account-inquiry.ts';
export { topUp } from './top-up.ts';
export { topUpStatus } from './top-up-status.ts';
export { bankAccountInquiry } from './bank-account-inquiry.ts';
export { transferToBank } from './transfer-to-bank.ts';
export { transferToBankStatus } from './transfer-to-bank-status.ts';
export { DISBURSEMENT_LIMITS, DEFAULT_TRANSFER_COMPLETION_MS } from './common.ts';
