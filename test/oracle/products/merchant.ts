import { BNI_DEPOSIT_TOP_UP, QUERY_MERCHANT_RESOURCE } from '../merchant.ts';
import type { OracleEntry } from '../response-codes.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  queryMerchantResource: { envelope: 'open-api', rows: QUERY_MERCHANT_RESOURCE },
  bniDepositTopUp: { envelope: 'bni', rows: BNI_DEPOSIT_TOP_UP },
};
