export { accountInquiry } from './account-inquiry.ts';
export { topUp } from './top-up.ts';
export { topUpStatus } from './top-up-status.ts';
export { DISBURSEMENT_LIMITS, FUND_TYPE_TOP_UP } from './common.ts';
