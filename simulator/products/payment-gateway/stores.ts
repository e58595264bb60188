import type { Transaction } from '../../ledger/database.ts';
import { DIVISION_KIND, SHOP_KIND, innerIdOf } from '../merchant-management/state.ts';

// Payment Gateway's externalStoreId is a Merchant Management externalShopId and subMerchantId an
// externalDivisionId; both must exist for the merchant (created by the API or seeded). An empty
// value means not given (DANA's UAT sends "" everywhere).

export function isKnownStore(tx: Transaction, merchantId: string, externalStoreId: string): boolean {
  return innerIdOf(tx, SHOP_KIND, merchantId, externalStoreId, 'EXTERNAL_ID') !== undefined;
}

/** Whether the store and sub-merchant a request names (if any) are the merchant's. */
export function storesKnown(
  tx: Transaction,
  merchantId: string,
  input: { readonly externalStoreId?: string; readonly subMerchantId?: string },
): boolean {
  if (input.externalStoreId && !isKnownStore(tx, merchantId, input.externalStoreId)) return false;
  return !input.subMerchantId || innerIdOf(tx, DIVISION_KIND, merchantId, input.subMerchantId, 'EXTERNAL_ID') !== undefined;
}
