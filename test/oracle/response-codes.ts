import { ACCESS_TOKEN_B2B } from './auth.ts';
import { BANK_ACCOUNT_INQUIRY, TRANSFER_TO_BANK, TRANSFER_TO_BANK_STATUS } from './disbursement-to-bank.ts';
import { DANA_ACCOUNT_INQUIRY, TOP_UP_STATUS, TRANSFER_TO_DANA } from './disbursement-to-dana.ts';
import { BNI_DEPOSIT_TOP_UP, QUERY_MERCHANT_RESOURCE } from './merchant.ts';
import { CREATE_ORDER, QUERY_PAYMENT } from './payment-gateway.ts';
import type { BniRow, OpenApiRow, SnapRow } from './rows.ts';
import { VA_INQUIRY, VA_PAYMENT } from './virtual-account.ts';

// The independent oracle of the catalogue test: every code each endpoint can answer, keyed by the
// endpoint's contract key, as literal values written from ../shared/dana-api/. Nothing here (or in
// the files it gathers) imports contracts/ or simulator/, so a change to the product's catalogue
// cannot change what the test expects.

export type { BniRow, OpenApiRow, SnapRow } from './rows.ts';

export type OracleEntry =
  | { readonly envelope: 'snap'; readonly rows: readonly SnapRow[] }
  | { readonly envelope: 'open-api'; readonly rows: readonly OpenApiRow[] }
  | { readonly envelope: 'bni'; readonly rows: readonly BniRow[] };

export const RESPONSE_CODE_ORACLE: Readonly<Record<string, OracleEntry>> = {
  queryMerchantResource: { envelope: 'open-api', rows: QUERY_MERCHANT_RESOURCE },
  danaAccountInquiry: { envelope: 'snap', rows: DANA_ACCOUNT_INQUIRY },
  transferToDana: { envelope: 'snap', rows: TRANSFER_TO_DANA },
  transferToDanaInquiryStatus: { envelope: 'snap', rows: TOP_UP_STATUS },
  bankAccountInquiry: { envelope: 'snap', rows: BANK_ACCOUNT_INQUIRY },
  transferToBank: { envelope: 'snap', rows: TRANSFER_TO_BANK },
  transferToBankInquiryStatus: { envelope: 'snap', rows: TRANSFER_TO_BANK_STATUS },
  accessTokenB2b: { envelope: 'snap', rows: ACCESS_TOKEN_B2B },
  vaInquiry: { envelope: 'snap', rows: VA_INQUIRY },
  vaPayment: { envelope: 'snap', rows: VA_PAYMENT },
  bniDepositTopUp: { envelope: 'bni', rows: BNI_DEPOSIT_TOP_UP },
  createOrder: { envelope: 'snap', rows: CREATE_ORDER },
  queryPayment: { envelope: 'snap', rows: QUERY_PAYMENT },
};
