import { queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import type { Route } from '../../core/route.ts';
import { queryMerchantResource } from './handlers.ts';

export const merchantRoutes: readonly Route[] = [{ contract, handler: queryMerchantResource }];
