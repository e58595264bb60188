import type { ClientDirectory, KnownClient } from '../core/envelopes/snap.ts';
import type { Database } from '../ledger/database.ts';
import { PublicKeyCache } from '../signature/key-cache.ts';
import { PARTNERS, type PartnerRecord } from './banks.ts';
import { MERCHANTS, type MerchantRecord } from './merchants.ts';

// Everyone DANA knows, in one registry every product and the pipeline use: merchants and banks by
// partner id (the pipeline finds the caller here; public keys are parsed once and cached). DANA users
// need no registration: any well-formed phone number is one (users.ts).

const byAge = <T extends { createdAt: number }>(records: T[]) => records.sort((a, b) => a.createdAt - b.createdAt);

export class Parties implements ClientDirectory {
  private readonly keys = new PublicKeyCache();
  /**
   * The caller built from each stored record, built again only when the record changes: records are
   * never changed in place (a change puts a new object), and every request looks its caller up.
   */
  private readonly callers = new WeakMap<MerchantRecord | PartnerRecord, KnownClient>();

  constructor(private readonly db: Database) {}

  /** The caller with this partner id: merchants first, then banks. */
  find(partnerId: string): KnownClient | undefined {
    const merchant = this.db.get<MerchantRecord>(MERCHANTS, partnerId);
    if (merchant)
      return this.caller(merchant, () => ({ ...merchant, kind: 'merchant', publicKey: this.keys.get(partnerId, merchant.publicKeyPem) }));
    const bank = this.db.get<PartnerRecord>(PARTNERS, partnerId);
    if (!bank) return undefined;
    return this.caller(bank, () => ({
      kind: 'bank',
      partnerId,
      clientSecret: bank.clientSecret,
      publicKeyPem: bank.publicKeyPem,
      publicKey: this.keys.get(partnerId, bank.publicKeyPem),
    }));
  }

  all(): KnownClient[] {
    return [...this.merchants(), ...this.banks()].flatMap((record) => this.find(record.partnerId) ?? []);
  }

  private caller(record: MerchantRecord | PartnerRecord, build: () => KnownClient): KnownClient {
    let known = this.callers.get(record);
    if (!known) {
      known = build();
      this.callers.set(record, known);
    }
    return known;
  }

  /** Oldest first: the first is the merchant provisioned at first start. */
  merchants(): MerchantRecord[] {
    return byAge([...this.db.values<MerchantRecord>(MERCHANTS)]);
  }

  merchantById(merchantId: string): MerchantRecord | undefined {
    return this.merchants().find((merchant) => merchant.merchantId === merchantId);
  }

  /** Oldest first: the first is the bank provisioned at first start. */
  banks(): PartnerRecord[] {
    return byAge([...this.db.values<PartnerRecord>(PARTNERS)]);
  }

  /** The merchant the credentials file describes. */
  defaultMerchant(): MerchantRecord {
    return this.merchants()[0];
  }

  /** The bank bank.env describes. */
  defaultBank(): PartnerRecord {
    return this.banks()[0];
  }
}
