import { ControlError } from '../core/product.ts';
import type { Database } from '../ledger/database.ts';
import type { MerchantRecord } from './merchants.ts';
import { Parties } from './registry.ts';

/** The merchant a control call names by merchant or partner id; the first provisioned when it names none. */
export function findMerchant(db: Database, merchantOrPartnerId?: string): MerchantRecord {
  const merchants = new Parties(db).merchants();
  const merchant = merchantOrPartnerId
    ? merchants.find((candidate) => candidate.merchantId === merchantOrPartnerId || candidate.partnerId === merchantOrPartnerId)
    : merchants[0];
  if (!merchant && merchantOrPartnerId) {
    const known = merchants.map((candidate) => `${candidate.merchantId} (partner ${candidate.partnerId})`).join(', ');
    throw new ControlError(`no merchant ${merchantOrPartnerId}; merchants: ${known || 'none yet'}`);
  }
  if (!merchant) throw new ControlError('no merchant provisioned');
  return merchant;
}
