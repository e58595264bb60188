import { randomInt } from 'node:crypto';
import { padPartnerServiceId } from '../../contracts/virtual-account/common.ts';
import type { Database, Transaction } from '../ledger/database.ts';
import { toPublicKey } from '../signature/keys.ts';

// Banks (partners) that integrate DANA Virtual Account: they call VA Inquiry and Payment, and DANA
// calls them back (Create VA, Inquiry Status) at their callback base URL.

export const PARTNERS = 'partners';

export interface PartnerRecord {
  readonly partnerId: string;
  readonly name: string;
  readonly clientSecret: string;
  readonly publicKeyPem: string;
  /** Kept only for banks the simulator provisioned, to write their credentials file. */
  readonly privateKeyPem?: string;
  /** The bank's biller code, 8 characters, space-padded: the first part of every VA number. */
  readonly partnerServiceId: string;
  /** Where DANA calls the bank: `<callbackUrl>/v1.0/transfer-va/status` and `/create-va`. */
  readonly callbackUrl?: string;
  readonly createdAt: number;
}

export function putPartner(tx: Transaction, partner: PartnerRecord): void {
  toPublicKey(partner.publicKeyPem);
  tx.put(PARTNERS, partner.partnerId, partner);
}

export function newPartnerServiceId(): string {
  return padPartnerServiceId(String(10000 + randomInt(90000)));
}

export function partnerByServiceId(db: Database, partnerServiceId: string): PartnerRecord | undefined {
  for (const partner of db.values<PartnerRecord>(PARTNERS)) if (partner.partnerServiceId === partnerServiceId) return partner;
  return undefined;
}
