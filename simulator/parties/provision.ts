import { randomBytes } from 'node:crypto';
import type { Database, Transaction } from '../ledger/database.ts';
import { MERCHANTS, newClientSecret, newMerchantId, newPartnerId, putMerchant, type MerchantRecord } from './merchants.ts';
import { generateRsaKeyPair, publicKeyPem, toPrivateKey, type RsaKeyPair } from '../signature/keys.ts';
import { PARTNERS, newPartnerServiceId, putPartner, type PartnerRecord } from './banks.ts';
import { padPartnerServiceId } from '../../contracts/virtual-account/common.ts';
import { BNI_DEFAULT_CLIENT_ID } from '../../contracts/merchant/bni-deposit-topup.ts';
import type { BniCredentials } from '../core/envelopes/bni.ts';

// First-start provisioning: the simulator's own "DANA" key pair, a sandbox merchant and a test bank
// with their credentials; then, in the same transaction, the world's starting state (funded
// deposit, UAT customers' balances, each product's seed), which the caller supplies. It runs once;
// later starts find the identity in the store.

export const META = 'meta';
/** The BNI e-collection client id and secret of the sandbox deposit top-up. */
export const BNI_KEY = 'bni';

export interface Settings {
  readonly seed: string;
}

export interface MerchantSeed {
  readonly merchantId?: string;
  readonly partnerId?: string;
  readonly clientSecret?: string;
  readonly privateKeyPem?: string;
  readonly origin?: string;
}

export interface ProvisionOptions {
  readonly seed?: string;
  readonly danaKeys?: RsaKeyPair;
  readonly merchant?: MerchantSeed;
  readonly partner?: PartnerSeed;
  readonly now: number;
  /** Key pairs made ahead (see keyPairsNeeded), used before any is generated here. */
  readonly keyPairs?: readonly RsaKeyPair[];
  /** Writes the starting state at first start, in the transaction that creates the first merchant. */
  readonly seedWorld: (tx: Transaction, seed: string) => void;
}

/**
 * How many key pairs provision() would generate on this store: three on a first start, none later.
 * The caller can make them ahead, all at once off the main thread, and pass them as `keyPairs`.
 */
export function keyPairsNeeded(db: Database, options: Pick<ProvisionOptions, 'danaKeys' | 'merchant' | 'partner'>): number {
  const dana = !options.danaKeys && !db.get(META, 'dana-keys');
  const partner = db.size(PARTNERS) === 0 && !options.partner?.publicKeyPem && !options.partner?.privateKeyPem;
  const merchant = db.size(MERCHANTS) === 0 && !options.merchant?.privateKeyPem;
  return [dana, partner, merchant].filter(Boolean).length;
}

export function provision(db: Database, options: ProvisionOptions): { settings: Settings; danaKeys: RsaKeyPair } {
  const spare = [...(options.keyPairs ?? [])];
  const newKeyPair = () => spare.pop() ?? generateRsaKeyPair();
  return db.transact((tx) => {
    let danaKeys = tx.get<RsaKeyPair>(META, 'dana-keys');
    if (!danaKeys) {
      danaKeys = options.danaKeys ?? newKeyPair();
      tx.put(META, 'dana-keys', danaKeys);
    }
    if (!tx.get(META, BNI_KEY))
      tx.put(META, BNI_KEY, { clientId: BNI_DEFAULT_CLIENT_ID, secretKey: randomBytes(16).toString('hex') } satisfies BniCredentials);
    const stored = tx.get<Settings>(META, 'settings');
    const settings: Settings = { seed: options.seed ?? stored?.seed ?? randomBytes(4).toString('hex') };
    if (settings.seed !== stored?.seed) tx.put(META, 'settings', settings);
    // Banks arrived after merchants: a data directory from an older version gets its test bank now.
    if (db.size(PARTNERS) === 0) putPartner(tx, newPartner({ name: 'dana-sim test bank', ...options.partner }, options.now, newKeyPair));
    if (db.size(MERCHANTS) === 0) {
      const merchant = newMerchant(options.merchant ?? {}, options.now, newKeyPair);
      putMerchant(tx, merchant);
      options.seedWorld(tx, settings.seed);
    }
    return { settings, danaKeys };
  });
}

export function newMerchant(seed: MerchantSeed, now: number, newKeyPair = generateRsaKeyPair): MerchantRecord {
  const keys = seed.privateKeyPem
    ? { privateKeyPem: seed.privateKeyPem, publicKeyPem: publicKeyPem(toPrivateKey(seed.privateKeyPem)) }
    : newKeyPair();
  return {
    merchantId: seed.merchantId ?? newMerchantId(),
    partnerId: seed.partnerId ?? newPartnerId(),
    clientSecret: seed.clientSecret ?? newClientSecret(),
    publicKeyPem: keys.publicKeyPem,
    privateKeyPem: keys.privateKeyPem,
    name: 'dana-sim sandbox merchant',
    origin: seed.origin ?? 'http://localhost',
    createdAt: now,
  };
}

export interface PartnerSeed {
  readonly partnerId?: string;
  readonly name?: string;
  readonly clientSecret?: string;
  readonly publicKeyPem?: string;
  /** For provisioned banks with fixed keys (tests); the public key is derived from it. */
  readonly privateKeyPem?: string;
  readonly partnerServiceId?: string;
  readonly callbackUrl?: string;
}

/** A bank partner; without a public key it gets a fresh key pair whose private half is kept for its credentials file. */
export function newPartner(seed: PartnerSeed, now: number, newKeyPair = generateRsaKeyPair): PartnerRecord {
  const keys = seed.publicKeyPem
    ? { publicKeyPem: seed.publicKeyPem, privateKeyPem: undefined }
    : seed.privateKeyPem
      ? { privateKeyPem: seed.privateKeyPem, publicKeyPem: publicKeyPem(toPrivateKey(seed.privateKeyPem)) }
      : newKeyPair();
  return {
    partnerId: seed.partnerId ?? `2027${newPartnerId().slice(4)}`,
    name: seed.name ?? 'bank partner',
    clientSecret: seed.clientSecret ?? newClientSecret(),
    publicKeyPem: keys.publicKeyPem,
    ...(keys.privateKeyPem ? { privateKeyPem: keys.privateKeyPem } : {}),
    partnerServiceId: seed.partnerServiceId ? padPartnerServiceId(seed.partnerServiceId) : newPartnerServiceId(),
    ...(seed.callbackUrl ? { callbackUrl: seed.callbackUrl } : {}),
    createdAt: now,
  };
}
