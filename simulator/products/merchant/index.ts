import { bniDepositTopUp as bniContract } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import { route, type Route } from '../../core/route.ts';
import { bniDepositTopUp } from './bni-topup.ts';
import { queryMerchantResource } from './handlers.ts';

export const merchantRoutes: readonly Route[] = [
  route(contract, queryMerchantResource),
  route(bniContract, bniDepositTopUp),
];
