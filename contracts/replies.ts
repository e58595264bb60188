import { AUTH_REPLIES } from './auth/replies.ts';
import type { ReplySpecs } from './common/reply-spec.ts';
import { DISBURSEMENT_REPLIES } from './disbursement/replies.ts';
import { MERCHANT_MANAGEMENT_REPLIES } from './merchant-management/replies.ts';
import { MERCHANT_REPLIES } from './merchant/replies.ts';
import { PAYMENT_GATEWAY_REPLIES } from './payment-gateway/replies.ts';
import { VIRTUAL_ACCOUNT_REPLIES } from './virtual-account/replies.ts';
import { WIDGET_PAYMENT_REPLIES } from './widget/payment-replies.ts';
import { WIDGET_ACCOUNT_REPLIES } from './widget/replies.ts';

// Every product's reply constraints by endpoint key (contracts/common/reply-spec.ts). A key may be
// declared before its endpoint is served; a served endpoint without one fails test/reply-schema.test.ts.

export const REPLY_SPECS: ReplySpecs = {
  ...AUTH_REPLIES,
  ...DISBURSEMENT_REPLIES,
  ...MERCHANT_REPLIES,
  ...MERCHANT_MANAGEMENT_REPLIES,
  ...VIRTUAL_ACCOUNT_REPLIES,
  ...PAYMENT_GATEWAY_REPLIES,
  ...WIDGET_ACCOUNT_REPLIES,
  ...WIDGET_PAYMENT_REPLIES,
};
