import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';
import { DIVISION_TYPES, PARENT_ROLE_TYPES, SIZE_TYPES, TRUE_FALSE } from './common.ts';
import { ASSET_TYPES, CONTACT_BIZ_TYPES } from './query-asset-card-list.ts';
import { MERCHANT_ACCOUNT_TYPES } from './query-merchant-info.ts';

// Reply constraints of Merchant Management (Open API `response.body` beside resultInfo):
// dana-python `dana/merchant_management/v1/models/*_response_response_body.py` and the models they
// nest (DivisionResourceInfo, ShopResourceInfo, MerchantInformation, MerchantAccountInfo, AssetCardListItem).

/** The SDK's DivisionResourceInfo.divisionType enum: DANA's pages add SUBMERCHANT, which the SDK models refuse. */
const SDK_DIVISION_TYPES = DIVISION_TYPES.filter((type) => type !== 'SUBMERCHANT');

const FREEZE_STATUSES = ['ENABLE', 'FROZEN', 'CLOSE'] as const;

const address = optional.object({
  country: optional.string(),
  province: optional.string(),
  city: optional.string(),
  area: optional.string(),
  address1: optional.string(),
  address2: optional.string(),
  postcode: optional.string(),
  subDistrict: optional.string(),
});

export const MERCHANT_MANAGEMENT_REPLIES = {
  createShop: { source: 'dana-python CreateShopResponseResponseBody', success: { shopId: optional.string() } },
  updateShop: { source: 'dana-python UpdateDivisionResponseResponseBody (UpdateShop reuses it)', success: {} },
  queryShop: {
    source: 'dana-python QueryShopResponseResponseBody, ShopResourceInfo',
    success: {
      shopResourceInfo: optional.object({
        merchantId: optional.string(),
        parentDivisionId: optional.string(),
        parentRoleType: optional.string({ oneOf: PARENT_ROLE_TYPES }),
        mainName: optional.string(),
        sizeType: optional.string({ oneOf: SIZE_TYPES }),
        shopAddress: address,
        externalShopId: optional.string(),
        logoUrlMap: optional.object(),
        extInfo: optional.object(),
        ln: optional.string(),
        lat: optional.string(),
        nmid: optional.string(),
      }),
    },
  },
  createDivision: { source: 'dana-python CreateDivisionResponseResponseBody', success: { divisionId: optional.string({ maxLength: 21 }) } },
  updateDivision: { source: 'dana-python UpdateDivisionResponseResponseBody', success: {} },
  queryDivision: {
    source: 'dana-python QueryDivisionResponseResponseBody, DivisionResourceInfo',
    success: {
      divisionResourceInfo: optional.object({
        divisionId: optional.string(),
        merchantId: optional.string(),
        parentRoleType: optional.string({ oneOf: PARENT_ROLE_TYPES }),
        contactAddress: address,
        divisionDescription: optional.string(),
        divisionType: optional.string({ oneOf: SDK_DIVISION_TYPES }),
        divisionName: optional.string(),
        externalDivisionId: optional.string(),
        pgDivisionFlag: optional.string({ oneOf: TRUE_FALSE }),
      }),
    },
  },
  queryMerchantInfo: {
    source: 'dana-python QueryMerchantInfoResponseResponseBody, MerchantInformation, MerchantAccountInfo',
    success: {
      merchantInformation: optional.object({
        phoneNumber: optional.string({ maxLength: 64 }),
        merchantId: optional.string({ maxLength: 21 }),
        merchantType: optional.string({ maxLength: 14, oneOf: ['INDIVIDUAL', 'CORPORATION', 'FINANCIAL_INST'] }),
        merchantSubType: optional.string({ maxLength: 32 }),
        shortNameCode: optional.string({ maxLength: 16 }),
        officialName: optional.string({ maxLength: 128 }),
        englishName: optional.string({ maxLength: 128 }),
        localName: optional.string({ maxLength: 128 }),
        createdTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
        modifiedTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
        merchantStatus: optional.string({ maxLength: 7, oneOf: ['PENDING', 'ACTIVE', 'FROZEN'] }),
        sizeType: optional.string({ maxLength: 3, oneOf: SIZE_TYPES }),
        taxNo: optional.string({ maxLength: 15, pattern: /^[0-9]{15}$/ }),
        brandName: optional.string({ maxLength: 256 }),
        accounts: optional.array(
          mandatory.object({
            accountNo: optional.string({ maxLength: 32 }),
            status: optional.string({ maxLength: 6, oneOf: FREEZE_STATUSES }),
            debitFreezeStatus: optional.string({ maxLength: 6, oneOf: FREEZE_STATUSES }),
            creditFreezeStatus: optional.string({ maxLength: 6, oneOf: FREEZE_STATUSES }),
            totalAmount: optional.string(),
            availableAmount: optional.string(),
            currency: optional.string({ maxLength: 3 }),
            accountType: optional.string({ maxLength: 64, oneOf: MERCHANT_ACCOUNT_TYPES }),
          }),
        ),
      }),
    },
  },
  queryAssetCardList: {
    source: 'dana-python QueryAssetCardListResponseResponseBody, AssetCardListItem',
    success: {
      assetCardList: optional.array(
        mandatory.object({
          contactBizType: mandatory.string({ oneOf: CONTACT_BIZ_TYPES }),
          cardIndexNo: mandatory.string({ maxLength: 20 }),
          cardNoLength: mandatory.string({ maxLength: 2 }),
          maskedCardNo: mandatory.string({ maxLength: 256 }),
          assetType: mandatory.string({ oneOf: ASSET_TYPES }),
          holderName: mandatory.object(),
          instLogoUrl: optional.string(),
          instId: mandatory.string({ maxLength: 32 }),
          instOfficialName: mandatory.string({ maxLength: 32 }),
          expiryYear: mandatory.string({ maxLength: 4 }),
          expiryMonth: mandatory.string({ maxLength: 2 }),
          verified: mandatory.string({ maxLength: 5, oneOf: TRUE_FALSE }),
          bindingId: optional.string({ maxLength: 21 }),
          defaultAsset: optional.string({ maxLength: 5, oneOf: TRUE_FALSE }),
          enableStatus: optional.string({ maxLength: 5, oneOf: TRUE_FALSE }),
          directDebit: optional.string({ maxLength: 5, oneOf: TRUE_FALSE }),
        }),
      ),
    },
  },
} satisfies ReplySpecs;
