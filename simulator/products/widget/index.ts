import {
  accountUnbinding as accountUnbindingContract,
  applyOTT as applyOttContract,
  applyToken as applyTokenContract,
  balanceInquiry as balanceInquiryContract,
  queryUserProfile as queryUserProfileContract,
} from '../../../contracts/widget/index.ts';
import type { Product } from '../../core/product.ts';
import { route, type HandlerContext } from '../../core/route.ts';
import { applyOTT } from './apply-ott.ts';
import { applyToken } from './apply-token.ts';
import { balanceInquiry } from './balance-inquiry.ts';
import { BINDING_ROUTES } from './binding.ts';
import { customerNumberOf, WIDGET_TOKEN_TABLES } from './tokens.ts';
import { OTTS, redeemOtt } from './ott.ts';
import { accountUnbinding } from './unbinding.ts';
import { WIDGET_PAYMENT_ROUTES } from './payment-routes.ts';
import { queryUserProfile } from './user-profile.ts';

// DANA Widget: a user binds their DANA account to a merchant on the hosted binding page, the merchant
// applies the authCode for a customer token, and calls the user's balance, profile and unbinding with it,
// or an OTT that logs the user in on a Widget order's payment page.
// Widget Payment opens Payment Gateway orders the user pays on the cashier page (payment-routes.ts).

/** Who a customer call is for, so rules can match DANA's sandbox users (contracts/sandbox-rules.ts). */
const bodyCustomer = (input: { readonly additionalInfo: { readonly accessToken?: string } }, context: HandlerContext) =>
  customerNumberOf(context, input.additionalInfo.accessToken);

export const widget: Product = {
  name: 'widget',
  routes: [
    route(applyTokenContract, applyToken),
    route(accountUnbindingContract, accountUnbinding, { customer: bodyCustomer }),
    route(balanceInquiryContract, balanceInquiry, { customer: bodyCustomer }),
    route(applyOttContract, applyOTT, { customer: bodyCustomer }),
    route(queryUserProfileContract, queryUserProfile),
    ...WIDGET_PAYMENT_ROUTES,
  ],
  tables: [...WIDGET_TOKEN_TABLES, OTTS],
  // `webRedirectUrl&ott=<value>` opens the cashier logged in as the OTT's user.
  pageLogins: { ott: redeemOtt },
  pages: { hosts: ['https://m.sandbox.dana.id'], routes: BINDING_ROUTES },
};
