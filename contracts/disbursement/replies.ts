import { JAKARTA_DATE_TIME, mandatory, optional } from '../common/fields.ts';
import type { ReplySpecs } from '../common/reply-spec.ts';
import { TRANSACTION_STATUS } from '../common/transaction-status.ts';

// Reply constraints of the Disbursement endpoints: dana-python `dana/disbursement/v1/models/*_response.py`
// (v2.2.1; dana-php `lib/Disbursement/v1/Model` has the same limits).

const STATUS_CODES = Object.values(TRANSACTION_STATUS).map((status) => status.code);

const statusReply = {
  originalPartnerReferenceNo: optional.string({ maxLength: 64 }),
  originalReferenceNo: optional.string({ maxLength: 64 }),
  originalExternalId: optional.string({ maxLength: 36 }),
  serviceCode: mandatory.string({ maxLength: 2 }),
  amount: optional.money(),
  latestTransactionStatus: mandatory.string({ maxLength: 2, oneOf: STATUS_CODES }),
  transactionStatusDesc: optional.string({ maxLength: 50 }),
  additionalInfo: optional.object(),
};

export const DISBURSEMENT_REPLIES = {
  danaAccountInquiry: {
    source: 'dana-python DanaAccountInquiryResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: optional.string({ maxLength: 64 }),
      sessionId: optional.string({ maxLength: 25 }),
      customerNumber: optional.string({ maxLength: 32 }),
      customerName: mandatory.string({ maxLength: 255 }),
      customerMonthlyInLimit: optional.string({ maxLength: 17 }),
      minAmount: mandatory.money(),
      maxAmount: mandatory.money(),
      amount: mandatory.money(),
      feeAmount: mandatory.money(),
      feeType: optional.string({ maxLength: 25 }),
      additionalInfo: optional.object(),
    },
  },
  transferToDana: {
    source: 'dana-python TransferToDanaResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: mandatory.string({ maxLength: 64 }),
      sessionId: optional.string({ maxLength: 25 }),
      customerNumber: optional.string({ maxLength: 32 }),
      customerName: optional.string({ maxLength: 255 }),
      amount: mandatory.money(),
      additionalInfo: optional.object(),
    },
  },
  transferToDanaInquiryStatus: {
    source: 'dana-python TransferToDanaInquiryStatusResponse',
    success: {
      ...statusReply,
      originalPartnerReferenceNo: mandatory.string({ maxLength: 64 }),
      amount: mandatory.money(),
      transactionStatusDesc: mandatory.string({ maxLength: 50 }),
    },
  },
  bankAccountInquiry: {
    source: 'dana-python BankAccountInquiryResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: optional.string({ maxLength: 64 }),
      accountType: optional.string({ maxLength: 25 }),
      beneficiaryAccountNumber: mandatory.string({ maxLength: 32 }),
      beneficiaryAccountName: mandatory.string({ maxLength: 64 }),
      beneficiaryBankCode: optional.string({ maxLength: 8 }),
      beneficiaryBankShortName: optional.string({ maxLength: 25 }),
      beneficiaryBankName: optional.string({ maxLength: 25 }),
      amount: mandatory.money(),
      additionalInfo: optional.object({ feeAmount: mandatory.money() }),
    },
  },
  transferToBank: {
    source: 'dana-python TransferToBankResponse',
    success: {
      referenceNo: optional.string({ maxLength: 64 }),
      partnerReferenceNo: optional.string({ maxLength: 64 }),
      transactionDate: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
      referenceNumber: optional.string({ maxLength: 64 }),
      additionalInfo: optional.object(),
    },
  },
  transferToBankInquiryStatus: { source: 'dana-python TransferToBankInquiryStatusResponse', success: statusReply },
} satisfies ReplySpecs;
