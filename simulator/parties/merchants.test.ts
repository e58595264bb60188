import { describe, expect, it } from 'vitest';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { testKeys } from '../../test/helpers.ts';
import { putPartner } from './banks.ts';
import { Parties } from './registry.ts';
import { MERCHANTS, newClientSecret, newMerchantId, newPartnerId, putMerchant, type MerchantRecord } from './merchants.ts';

function merchant(overrides: Partial<MerchantRecord> = {}): MerchantRecord {
  return {
    merchantId: '216600000000000000001',
    partnerId: '2026000000000000000001',
    clientSecret: 'secret',
    publicKeyPem: testKeys().merchant.publicKeyPem,
    name: 'Toko',
    origin: 'https://toko.example',
    createdAt: 0,
    ...overrides,
  };
}

describe('merchant directory', () => {
  it('finds a merchant by partnerId as a merchant client with its parsed public key', async () => {
    const db = await Database.open(new MemoryStore());
    const record = merchant();
    db.transact((tx) => putMerchant(tx, record));
    const directory = new Parties(db);
    const found = directory.find(record.partnerId);
    expect(found).toMatchObject({ ...record, kind: 'merchant' });
    expect(found!.publicKey.type).toBe('public');
    expect(directory.find('2026000000000000000002')).toBeUndefined();
  });

  it('finds by merchantId and lists every merchant', async () => {
    const db = await Database.open(new MemoryStore());
    const first = merchant();
    const second = merchant({ merchantId: '216600000000000000002', partnerId: '2026000000000000000002' });
    db.transact((tx) => {
      putMerchant(tx, first);
      putMerchant(tx, second);
    });
    const directory = new Parties(db);
    expect(directory.merchantById('216600000000000000002')).toEqual(second);
    expect(directory.merchantById('216600000000000000001')).toEqual(first);
    expect(directory.merchantById('216600000000000000003')).toBeUndefined();
    expect(directory.merchants()).toEqual([first, second]);
  });

  it('answers for a merchant before a bank with the same partner id', async () => {
    const db = await Database.open(new MemoryStore());
    const record = merchant({ partnerId: 'shared' });
    db.transact((tx) => {
      putMerchant(tx, record);
      putPartner(tx, {
        partnerId: 'shared',
        name: 'Bank',
        clientSecret: 'bank-secret',
        publicKeyPem: testKeys().bank.publicKeyPem,
        partnerServiceId: '   12345',
        createdAt: 0,
      });
    });
    expect(new Parties(db).find('shared')).toMatchObject({ kind: 'merchant', clientSecret: 'secret' });
    expect(new Parties(db).defaultBank().clientSecret).toBe('bank-secret');
    expect(new Parties(db).defaultMerchant()).toEqual(record);
  });

  it('refuses to store a merchant whose public key does not parse', async () => {
    const db = await Database.open(new MemoryStore());
    expect(() => db.transact((tx) => putMerchant(tx, merchant({ publicKeyPem: 'not a key' })))).toThrow();
    expect(db.size(MERCHANTS)).toBe(0);
  });
});

describe('new merchant credentials', () => {
  it('merchant ids are 21 digits starting 2166, partner ids 22 digits starting 2026, and they differ between calls', () => {
    const merchantId = newMerchantId();
    expect(merchantId).toMatch(/^2166\d{17}$/);
    expect(newMerchantId()).not.toBe(merchantId);
    const partnerId = newPartnerId();
    expect(partnerId).toMatch(/^2026\d{18}$/);
    expect(newPartnerId()).not.toBe(partnerId);
  });

  it('client secrets are 64 hex characters, fresh each time', () => {
    const secret = newClientSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(newClientSecret()).not.toBe(secret);
  });
});
