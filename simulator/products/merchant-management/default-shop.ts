import { UAT_EXTERNAL_SHOP_ID } from '../../../contracts/payment-gateway/common.ts';
import type { Transaction } from '../../ledger/database.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { SHOP_KIND, innerIdOf, putRecord, type ShopRecord } from './state.ts';

// Every merchant starts with the shop DANA's UAT uses when no store is configured (its QRIS order
// sends externalStoreId `default_external_shop_id`), as the sandbox dashboard's merchant has one.

/** A fixed DANA id: seeding has no id source, and the key is per merchant anyway. */
const DEFAULT_SHOP_ID = '216600000000000000001';

export function seedDefaultShops(tx: Transaction, now: number): void {
  for (const merchant of tx.values<MerchantRecord>(MERCHANTS)) {
    const { merchantId } = merchant;
    if (innerIdOf(tx, SHOP_KIND, merchantId, UAT_EXTERNAL_SHOP_ID, 'EXTERNAL_ID')) continue;
    const record: ShopRecord = {
      shopId: DEFAULT_SHOP_ID,
      merchantId,
      externalShopId: UAT_EXTERNAL_SHOP_ID,
      parentRoleType: 'MERCHANT',
      nmid: `ID${DEFAULT_SHOP_ID.slice(-13)}`,
      attributes: { mainName: 'Default Shop' },
      createdAt: now,
      updatedAt: now,
    };
    putRecord(tx, SHOP_KIND, { merchantId, innerId: DEFAULT_SHOP_ID, externalId: UAT_EXTERNAL_SHOP_ID, value: record });
  }
}
