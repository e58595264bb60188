import { bniDepositTopUp as bniContract } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import type { Route } from '../../core/route.ts';
import { bniDepositTopUp } from './bni-topup.ts';
import { queryMerchantResource } from './handlers.ts';

export const merchantRoutes: readonly Route[] = [
  { contract, handler: queryMerchantResource },
  { contract: bniContract, handler: bniDepositTopUp },
];
