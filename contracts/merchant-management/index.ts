export { createDivision } from './create-division.ts';
export { createShop } from './create-shop.ts';
export { queryAssetCardList, BNI_INST_ID, type AssetType, type ContactBizType } from './query-asset-card-list.ts';
export { queryDivision } from './query-division.ts';
export { queryMerchantInfo, type MerchantAccountType } from './query-merchant-info.ts';
export { queryShop } from './query-shop.ts';
export { updateDivision } from './update-division.ts';
export { updateShop } from './update-shop.ts';
export * from './common.ts';
