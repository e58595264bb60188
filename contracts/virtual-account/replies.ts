import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';

// Reply constraints of the bank-facing Virtual Account endpoints. The official SDKs are merchant SDKs
// and ship no model for them, so these are the BI SNAP Transfer VA lengths DANA's pages repeat
// (virtual-account.md sections 4 and 5).

const reason = optional.object({ english: optional.string({ maxLength: 64 }), indonesia: optional.string({ maxLength: 64 }) });

const vaIdentity = {
  partnerServiceId: mandatory.string({ maxLength: 8 }),
  customerNo: mandatory.string({ maxLength: 20 }),
  virtualAccountNo: mandatory.string({ maxLength: 28 }),
  virtualAccountName: optional.string({ maxLength: 255 }),
};

export const VIRTUAL_ACCOUNT_REPLIES = {
  vaInquiry: {
    source: 'BI SNAP Transfer VA Inquiry response (no SDK model)',
    success: {
      virtualAccountData: mandatory.object({
        inquiryStatus: optional.string({ maxLength: 2 }),
        inquiryReason: reason,
        ...vaIdentity,
        inquiryRequestId: mandatory.string({ maxLength: 128 }),
        totalAmount: mandatory.money(),
        feeAmount: optional.money(),
        virtualAccountTrxType: optional.string({ maxLength: 1 }),
        additionalInfo: optional.object(),
      }),
      additionalInfo: optional.object(),
    },
  },
  vaPayment: {
    source: 'BI SNAP Transfer VA Payment response (no SDK model)',
    success: {
      virtualAccountData: mandatory.object({
        paymentFlagStatus: optional.string({ maxLength: 2 }),
        paymentFlagReason: reason,
        ...vaIdentity,
        paymentRequestId: mandatory.string({ maxLength: 128 }),
        trxId: optional.string({ maxLength: 64 }),
        referenceNo: optional.string({ maxLength: 64 }),
        paidAmount: mandatory.money(),
        totalAmount: optional.money(),
        trxDateTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
      }),
      additionalInfo: optional.object(),
    },
  },
} satisfies ReplySpecs;
