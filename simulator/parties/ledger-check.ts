import type { Database } from '../ledger/database.ts';
import { ledgerProblems } from '../ledger/verify.ts';
import { MERCHANTS, type MerchantRecord } from './merchants.ts';

/** The ledger invariants over stored state, a merchant's accounts required to name a known merchant. */
export function storedLedgerProblems(db: Database): string[] {
  const merchants = new Set<string>();
  for (const merchant of db.values<MerchantRecord>(MERCHANTS)) merchants.add(merchant.merchantId);
  return ledgerProblems(db, (merchantId) => merchants.has(merchantId));
}
