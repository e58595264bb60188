import type { InputOf } from '../../../contracts/common/endpoint.ts';
import type { queryUserProfile as queryUserProfileContract } from '../../../contracts/widget/query-user-profile.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Handled, HandlerContext } from '../../core/route.ts';
import { userBalance } from '../../ledger/accounts.ts';
import { money } from '../../ledger/money.ts';
import { customerName, localPhone } from '../../parties/users.ts';
import { customerOf } from './tokens.ts';

// queryUserProfile (Open API): facts about the bound user, one value per requested resource. DANA
// documents neither the value formats nor the failure codes (issue-17 facts section 3.8): values are
// plain strings, an unknown or revoked token is INVALID_ACCESS_TOKEN, and a resource the simulator has
// no value for (OTT: Apply OTT issues those; the photo data) is PARAM_ILLEGAL userResources.

type Resource = InputOf<typeof queryUserProfileContract>['userResources'][number];

const mask = (text: string) => text.replace(/(?<=^.{4}).+(?=.{4}$)/, (middle) => '*'.repeat(middle.length));

function valueOf(resource: Resource, customerNumber: string, context: HandlerContext): string | undefined {
  const name = customerName(context.services.seed, customerNumber);
  const pages = context.services.pagesUrl();
  switch (resource) {
    case 'BALANCE':
      return money(context.tx.balance(userBalance(customerNumber))).value;
    case 'TRANSACTION_URL':
      return `${pages}/m/portal/transactions`;
    case 'TOPUP_URL':
      return `${pages}/m/portal/topup`;
    case 'MASK_DANA_ID':
      return mask(localPhone(customerNumber).replace(/-/g, ''));
    case 'LOGIN_ID':
    case 'CLEAR_TEXT_DANA_ID':
      return localPhone(customerNumber).replace(/-/g, '');
    case 'USER_KYC':
      return 'KYC2';
    case 'NICKNAME':
      return name.split(' ')[0];
    case 'FULLNAME':
      return name;
    case 'MASKED_FULLNAME':
      return name.replace(/\B\w/g, '*');
    case 'KTP_NUMBER':
      return `3171${customerNumber.slice(-12).padStart(12, '0')}`;
    default:
      return undefined;
  }
}

export function queryUserProfile(input: InputOf<typeof queryUserProfileContract>, context: HandlerContext): Result<Handled> {
  const customer = customerOf(context, input.accessToken);
  if (!customer.ok) return customer;
  const userResourceInfos: { resourceType: string; value: string }[] = [];
  for (const resource of input.userResources) {
    const value = valueOf(resource, customer.value.customerNumber, context);
    if (value === undefined) return fail('PARAM_ILLEGAL', { detail: `userResources ${resource}` });
    userResourceInfos.push({ resourceType: resource, value });
  }
  return ok({ reply: { key: 'SUCCESS', fields: { userResourceInfos } } });
}
