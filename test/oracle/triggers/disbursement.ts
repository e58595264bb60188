import type { Provocations } from '../provoke.ts';
import {
  BANK_ACCOUNT_INQUIRY_TRIGGERS,
  TRANSFER_TO_BANK_STATUS_TRIGGERS,
  TRANSFER_TO_BANK_TRIGGERS,
} from '../triggers-disbursement-to-bank.ts';
import { DANA_ACCOUNT_INQUIRY_TRIGGERS, TOP_UP_STATUS_TRIGGERS, TRANSFER_TO_DANA_TRIGGERS } from '../triggers-disbursement-to-dana.ts';

export const triggers: Readonly<Record<string, Provocations>> = {
  danaAccountInquiry: DANA_ACCOUNT_INQUIRY_TRIGGERS,
  transferToDana: TRANSFER_TO_DANA_TRIGGERS,
  transferToDanaInquiryStatus: TOP_UP_STATUS_TRIGGERS,
  bankAccountInquiry: BANK_ACCOUNT_INQUIRY_TRIGGERS,
  transferToBank: TRANSFER_TO_BANK_TRIGGERS,
  transferToBankInquiryStatus: TRANSFER_TO_BANK_STATUS_TRIGGERS,
};
