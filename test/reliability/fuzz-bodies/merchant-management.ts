import { createDivisionBody, createShopBody, updateDivisionBody, updateShopBody } from '../../merchant-management-bodies.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  queryMerchantInfo: () => ({ roleId: merchantId, loginType: 'ROLE', isQueryAccount: true }),
  queryAssetCardList: () => ({ memberId: merchantId, enableOnly: 'true', assetTypeList: ['VA_ACCOUNT'] }),
  createShop: (random) => createShopBody(merchantId, { externalShopId: id(random, 'shop') }),
  updateShop: (random) => updateShopBody(merchantId, id(random, 'shop'), { shopIdType: 'EXTERNAL_ID' }),
  queryShop: (random) => ({ merchantId, shopId: id(random, 'shop'), shopIdType: 'EXTERNAL_ID' }),
  createDivision: (random) => createDivisionBody(merchantId, { externalDivisionId: id(random, 'division') }),
  updateDivision: (random) =>
    updateDivisionBody(merchantId, id(random, 'division'), id(random, 'division'), {
      divisionIdType: 'EXTERNAL_ID',
      divisionId: undefined,
      externalDivisionId: id(random, 'division'),
    }),
  queryDivision: (random) => ({ merchantId, divisionId: id(random, 'division'), divisionIdType: 'EXTERNAL_ID' }),
});
