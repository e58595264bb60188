import type { OpenApiEndpoint } from '../common/endpoint.ts';
import { mandatory, optional } from '../common/fields.ts';
import { MERCHANT_MANAGEMENT_RESULT_KEYS, TRUE_FALSE } from './common.ts';

export const CONTACT_BIZ_TYPES = [
  'TRANSFER_HIS',
  'DIRECT_TRANSFER',
  'GENERAL_CARD',
  'DIRECTPAY_CARD',
  'PAYMENT_CARD',
  'CASHOUT_CARD',
  'IMPS_ACCOUNT',
  'INVESTMENT_ACCOUNT',
] as const;
export type ContactBizType = (typeof CONTACT_BIZ_TYPES)[number];

export const ASSET_TYPES = [
  'CHECKING_ACCOUNT',
  'SAVINGS_ACCOUNT',
  'LOAN_ACCOUNT',
  'IMPS_ACCOUNT',
  'DEBIT_CARD',
  'CREDIT_CARD',
  'SECURED_CREDIT_CARD',
  'VA_ACCOUNT',
  'OTC_ACCOUNT',
  'REFUND_ACCOUNT',
  'CREDIT_ACCOUNT',
  'LOAN',
  'MUTUAL_FUNDS_ACCOUNT',
  'INVESTMENT',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** BNI's institution id on DANA asset cards; the UAT picks the VA card with this instId. */
export const BNI_INST_ID = 'BNIC1ID';

// Query Asset Card List (merchant.md section 4). The UAT setup asks for the merchant's own cards
// (memberId = MERCHANT_ID, enableOnly "true", assetTypeList ["VA_ACCOUNT"]) and takes the BNI VA's
// cardIndexNo as the deposit top-up VA. Timeout undocumented; 8 s as for the other member APIs.
export const queryAssetCardList = {
  key: 'queryAssetCardList',
  title: 'Query Asset Card List',
  envelope: 'open-api',
  function: 'dana.member.asset.queryAssetCardList',
  paths: ['/dana/member/asset/queryAssetCardList.htm'],
  timeoutMs: 8000,
  request: {
    memberId: mandatory.string({ maxLength: 21 }),
    bindingId: optional.string({ maxLength: 32 }),
    // Strings, not booleans: DANA's enum is "true" / "false".
    enableOnly: optional.string({ oneOf: TRUE_FALSE }),
    contactBizTypeList: optional.array(mandatory.string({ oneOf: CONTACT_BIZ_TYPES })),
    assetTypeList: optional.array(mandatory.string({ oneOf: ASSET_TYPES })),
  },
  resultKeys: MERCHANT_MANAGEMENT_RESULT_KEYS,
} satisfies OpenApiEndpoint;
