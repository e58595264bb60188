import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Transaction } from '../ledger/database.ts';
import { toPublicKey } from '../signature/keys.ts';

// Merchants (DANA's "clients"): credentials and identity.

export const MERCHANTS = 'merchants';

export interface MerchantRecord {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly clientSecret: string;
  readonly publicKeyPem: string;
  /** Kept only for merchants the simulator provisioned, to write their credentials file. */
  readonly privateKeyPem?: string;
  readonly name: string;
  readonly origin: string;
  /** Where DANA's Transfer to Bank Notify goes; a bare base URL gets DANA's documented path. */
  readonly notifyUrl?: string;
  readonly createdAt: number;
}

export function putMerchant(tx: Transaction, merchant: MerchantRecord): void {
  toPublicKey(merchant.publicKeyPem);
  tx.put(MERCHANTS, merchant.partnerId, merchant);
}

/** DANA merchant ids are 21 digits; ids in DANA's SDK examples start with 2166. */
export function newMerchantId(): string {
  let id = '2166';
  while (id.length < 21) id += String(randomInt(10));
  return id;
}

/** Partner ids (clientId) in DANA's README example are 22 digits. */
export function newPartnerId(): string {
  let id = '2026';
  while (id.length < 22) id += String(randomInt(10));
  return id;
}

export function newClientSecret(): string {
  return createHash('sha256').update(randomBytes(32)).digest('hex');
}
