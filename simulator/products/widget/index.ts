import {
  accountUnbinding as accountUnbindingContract,
  applyToken as applyTokenContract,
  balanceInquiry as balanceInquiryContract,
  queryUserProfile as queryUserProfileContract,
} from '../../../contracts/widget/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { applyToken } from './apply-token.ts';
import { balanceInquiry } from './balance-inquiry.ts';
import { BINDING_ROUTES } from './binding.ts';
import { WIDGET_TOKEN_TABLES } from './tokens.ts';
import { accountUnbinding } from './unbinding.ts';
import { WIDGET_PAYMENT_ROUTES } from './payment-routes.ts';
import { queryUserProfile } from './user-profile.ts';

// DANA Widget: a user binds their DANA account to a merchant on the hosted binding page, the merchant
// applies the authCode for a customer token, and calls the user's balance, profile and unbinding with it.
// Widget Payment opens Payment Gateway orders the user pays on the cashier page (payment-routes.ts).

export const widget: Product = {
  name: 'widget',
  routes: [
    route(applyTokenContract, applyToken),
    route(accountUnbindingContract, accountUnbinding),
    route(balanceInquiryContract, balanceInquiry),
    route(queryUserProfileContract, queryUserProfile),
    ...WIDGET_PAYMENT_ROUTES,
  ],
  tables: [...WIDGET_TOKEN_TABLES],
  pages: { hosts: ['https://m.sandbox.dana.id'], routes: BINDING_ROUTES },
};
