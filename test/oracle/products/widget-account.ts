import type { OracleEntry } from '../response-codes.ts';
import { ACCOUNT_UNBINDING, APPLY_OTT, APPLY_TOKEN, BALANCE_INQUIRY, QUERY_USER_PROFILE } from '../widget-account.ts';

export const oracle: Readonly<Record<string, OracleEntry>> = {
  applyToken: { envelope: 'snap', rows: APPLY_TOKEN },
  accountUnbinding: { envelope: 'snap', rows: ACCOUNT_UNBINDING },
  balanceInquiry: { envelope: 'snap', rows: BALANCE_INQUIRY },
  applyOTT: { envelope: 'snap', rows: APPLY_OTT },
  queryUserProfile: { envelope: 'open-api', rows: QUERY_USER_PROFILE },
};
