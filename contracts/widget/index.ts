export { applyToken } from './apply-token.ts';
export { accountUnbinding } from './account-unbinding.ts';
export { balanceInquiry } from './balance-inquiry.ts';
export { queryUserProfile } from './query-user-profile.ts';
export { widgetPayment } from './payment.ts';
export { applyOTT } from './apply-ott.ts';
