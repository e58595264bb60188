import {
  createDivision as createDivisionContract,
  createShop as createShopContract,
  queryAssetCardList as queryAssetCardListContract,
  queryDivision as queryDivisionContract,
  queryMerchantInfo as queryMerchantInfoContract,
  queryShop as queryShopContract,
  updateDivision as updateDivisionContract,
  updateShop as updateShopContract,
} from '../../../contracts/merchant-management/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { seedDefaultShops } from './default-shop.ts';
import { createDivision, queryDivision, updateDivision } from './divisions.ts';
import { queryAssetCardList, queryMerchantInfo } from './member.ts';
import { createShop, queryShop, updateShop } from './shops.ts';
import { MERCHANT_MANAGEMENT_TABLES } from './state.ts';

// DANA Merchant Management (Open API envelope): the merchant's profile and asset cards, which the
// UAT disbursement setup reads, and its shops and divisions, stored per merchant.
export const merchantManagement: Product = {
  name: 'merchant-management',
  routes: [
    route(queryMerchantInfoContract, queryMerchantInfo),
    route(queryAssetCardListContract, queryAssetCardList),
    route(createShopContract, createShop),
    route(updateShopContract, updateShop),
    route(queryShopContract, queryShop),
    route(createDivisionContract, createDivision),
    route(updateDivisionContract, updateDivision),
    route(queryDivisionContract, queryDivision),
  ],
  tables: MERCHANT_MANAGEMENT_TABLES,
  seed: (tx, { now }) => seedDefaultShops(tx, now),
};
