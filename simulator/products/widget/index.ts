import { accountUnbinding as accountUnbindingContract } from '../../../contracts/widget/account-unbinding.ts';
import { applyToken as applyTokenContract } from '../../../contracts/widget/apply-token.ts';
import { balanceInquiry as balanceInquiryContract } from '../../../contracts/widget/balance-inquiry.ts';
import { queryUserProfile as queryUserProfileContract } from '../../../contracts/widget/query-user-profile.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { applyToken } from './apply-token.ts';
import { balanceInquiry } from './balance-inquiry.ts';
import { BINDING_ROUTES } from './binding.ts';
import { WIDGET_TOKEN_TABLES } from './tokens.ts';
import { accountUnbinding } from './unbinding.ts';
import { queryUserProfile } from './user-profile.ts';

// DANA Widget: a user binds their DANA account to a merchant on the hosted binding page, the merchant
// applies the authCode for a customer token, and calls the user's balance, profile and unbinding with it.

export const widget: Product = {
  name: 'widget',
  routes: [
    route(applyTokenContract, applyToken),
    route(accountUnbindingContract, accountUnbinding),
    route(balanceInquiryContract, balanceInquiry),
    route(queryUserProfileContract, queryUserProfile),
  ],
  tables: [...WIDGET_TOKEN_TABLES],
  pages: { hosts: ['https://m.sandbox.dana.id'], routes: BINDING_ROUTES },
};
