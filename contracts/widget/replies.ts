import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';

// Reply constraints of Widget's account calls: dana-python `dana/widget/v1/models/*.py` (v2.2.1) and
// dana-php `lib/Widget/v1/Model`, which agree (issue-17 facts sections 2.2, 3.6-3.8). Widget Payment and
// its after-care are declared by their own branch.

const expiry = optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME });

export const WIDGET_ACCOUNT_REPLIES = {
  applyToken: {
    source: 'dana-python ApplyTokenResponse',
    success: {
      tokenType: optional.string({ maxLength: 7 }),
      accessToken: mandatory.string({ maxLength: 512 }),
      accessTokenExpiryTime: expiry,
      refreshToken: optional.string({ maxLength: 512 }),
      refreshTokenExpiryTime: expiry,
      additionalInfo: optional.object({ userInfo: optional.object({ publicUserId: optional.string({ maxLength: 64 }) }) }),
    },
  },
  accountUnbinding: {
    source: 'dana-python AccountUnbindingResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: optional.string({ maxLength: 64 }),
      merchantId: optional.string({ maxLength: 64 }),
      subMerchantId: optional.string({ maxLength: 32 }),
      linkId: optional.string({ maxLength: 24 }),
      unlinkResult: optional.string({ maxLength: 64 }),
      additionalInfo: optional.object(),
    },
  },
  balanceInquiry: {
    source: 'dana-python BalanceInquiryResponse, AccountInfo',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: optional.string({ maxLength: 64 }),
      name: optional.string({ maxLength: 140 }),
      accountInfos: optional.array(
        mandatory.object({
          balanceType: optional.string({ maxLength: 70 }),
          amount: optional.money(),
          floatAmount: optional.money(),
          holdAmount: optional.money(),
          availableBalance: optional.money(),
          ledgerBalance: optional.money(),
          currentMultilateralLimit: optional.money(),
          registrationStatusCode: optional.string({ maxLength: 4 }),
          status: optional.string({ maxLength: 4, oneOf: ['1', '2', '4', '6', '7'] }),
        }),
      ),
      additionalInfo: optional.object(),
    },
  },
  applyOTT: {
    source: 'dana-python ApplyOTTResponse, UserResource',
    success: {
      userResources: mandatory.array(
        mandatory.object({
          resourceType: mandatory.string({ maxLength: 32, oneOf: ['OTT'] }),
          value: mandatory.string({ maxLength: 128 }),
        }),
      ),
      additionalInfo: optional.object(),
    },
  },
  queryUserProfile: {
    source: 'dana-python QueryUserProfileResponseBody, UserResourceInfo',
    success: {
      userResourceInfos: optional.array(mandatory.object({ resourceType: mandatory.string(), value: mandatory.string() })),
    },
  },
} satisfies ReplySpecs;
