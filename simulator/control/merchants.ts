import { depositVaNumber } from '../../contracts/merchant/bni-deposit-topup.ts';
import { ControlError } from '../core/product.ts';
import type { Database } from '../ledger/database.ts';
import { MERCHANTS, putMerchant, type MerchantRecord } from '../parties/merchants.ts';
import { newMerchant, type MerchantSeed } from '../parties/provision.ts';
import { toPublicKey } from '../signature/keys.ts';

// Merchants through the control API: listed without private keys, and registered with a team's
// existing sandbox credentials so their real keys work unchanged.

/** A merchant as shown to users: never the private key. */
export function publicMerchant(merchant: MerchantRecord) {
  return {
    merchantId: merchant.merchantId,
    partnerId: merchant.partnerId,
    clientSecret: merchant.clientSecret,
    name: merchant.name,
    origin: merchant.origin,
    notifyUrl: merchant.notifyUrl,
    depositVaNumber: depositVaNumber(merchant.merchantId),
    publicKeyPem: merchant.publicKeyPem,
  };
}

export interface MerchantRegistration {
  readonly partnerId: string;
  readonly publicKeyPem: string;
  readonly merchantId?: string;
  readonly clientSecret?: string;
  readonly origin?: string;
}

export function addMerchant(db: Database, registration: MerchantRegistration, now: number): MerchantRecord {
  if (!/^\S{1,36}$/.test(registration.partnerId)) throw new ControlError('partner id must be 1-36 characters without spaces');
  if (registration.merchantId !== undefined && !/^\d{21}$/.test(registration.merchantId))
    throw new ControlError('merchant id must be 21 digits');
  try {
    toPublicKey(registration.publicKeyPem);
  } catch (error) {
    throw new ControlError(`public key is not readable: ${(error as Error).message}`);
  }
  if (db.get(MERCHANTS, registration.partnerId)) throw new ControlError(`partner ${registration.partnerId} is already registered`);
  const seed: MerchantSeed = {
    partnerId: registration.partnerId,
    merchantId: registration.merchantId,
    clientSecret: registration.clientSecret,
    origin: registration.origin,
  };
  const generated = newMerchant(seed, now);
  const merchant: MerchantRecord = {
    ...generated,
    publicKeyPem: registration.publicKeyPem,
    privateKeyPem: undefined,
    name: 'registered merchant',
  };
  db.transact((tx) => putMerchant(tx, merchant));
  return merchant;
}
