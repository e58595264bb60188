import { BANK_ACCOUNT_INQUIRY, TRANSFER_TO_BANK, TRANSFER_TO_BANK_STATUS } from '../disbursement-to-bank.ts';
import { DANA_ACCOUNT_INQUIRY, TOP_UP_STATUS, TRANSFER_TO_DANA } from '../disbursement-to-dana.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  danaAccountInquiry: { envelope: 'snap', rows: DANA_ACCOUNT_INQUIRY },
  transferToDana: { envelope: 'snap', rows: TRANSFER_TO_DANA },
  transferToDanaInquiryStatus: { envelope: 'snap', rows: TOP_UP_STATUS },
  bankAccountInquiry: { envelope: 'snap', rows: BANK_ACCOUNT_INQUIRY },
  transferToBank: { envelope: 'snap', rows: TRANSFER_TO_BANK },
  transferToBankInquiryStatus: { envelope: 'snap', rows: TRANSFER_TO_BANK_STATUS },
};
