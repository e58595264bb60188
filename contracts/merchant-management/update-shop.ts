import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import {
  ADDRESS,
  ID_TYPES,
  LOOSE_ADDRESS,
  MERCHANT_ID,
  MERCHANT_MANAGEMENT_RESULT_KEYS,
  OWNER_FIELDS,
  SHOP_BIZ_TYPES,
  SHOP_OWNING,
  SIZE_TYPES,
  TRUE_FALSE,
} from './common.ts';

// Update Shop (payment-gateway.md 12.2; DANA page update-shop, 3 s). shopId names the shop by
// shopIdType: INNER_ID = the shopId createShop returned (at most 21), EXTERNAL_ID = the merchant's
// externalShopId (at most 64); the length per type is checked by the handler.
//
// Left open by DANA and decided here:
// - Fields sent replace the stored ones; fields left out keep their value (shopAddress is always sent).
// - newExternalShopId renames the shop's external id; a name another shop of the merchant already
//   uses is PARAM_ILLEGAL newExternalShopId (DANA's code for it is not documented).
// - An unknown shop is PARAM_ILLEGAL shopId (DANA's code for it is not documented).
export const updateShop = {
  key: 'updateShop',
  title: 'Update Shop',
  envelope: 'open-api',
  function: 'dana.merchant.shop.updateShop',
  paths: ['/dana/merchant/shop/updateShop.htm'],
  timeoutMs: 3000,
  request: {
    shopId: mandatory.string({ maxLength: 64 }),
    merchantId: mandatory.string({ minLength: 21, maxLength: 21, pattern: MERCHANT_ID }),
    shopIdType: mandatory.string({ oneOf: ID_TYPES }),
    mainName: optional.string({ maxLength: 256 }),
    shopAddress: mandatory.object(ADDRESS),
    shopDesc: optional.string({ maxLength: 1024 }),
    newExternalShopId: optional.string({ maxLength: 64 }),
    mccCodes: optional.array(mandatory.string({ maxLength: 64 })),
    logoUrlMap: optional.object(),
    extInfo: optional.object(),
    sizeType: optional.string({ oneOf: SIZE_TYPES }),
    ln: optional.string({ maxLength: 10 }),
    lat: optional.string({ maxLength: 10 }),
    loyalty: optional.string({ oneOf: TRUE_FALSE }),
    ...OWNER_FIELDS,
    deviceNumber: optional.string({ maxLength: 64 }),
    posNumber: optional.string({ maxLength: 64 }),
    apiVersion: optional.string({ maxLength: 8 }),
    shopOwning: optional.string({ oneOf: SHOP_OWNING }),
    shopBizType: optional.string({ oneOf: SHOP_BIZ_TYPES }),
    businessEndDate: optional.string({ maxLength: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ }),
    taxNo: optional.string({ pattern: /^\d{15}$/ }),
    taxAddress: optional.object(LOOSE_ADDRESS),
    brandName: optional.string({ maxLength: 256 }),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
