import { describe, expect, it } from 'vitest';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { testKeys } from '../../test/helpers.ts';
import { Parties } from './registry.ts';
import { PARTNERS, newPartnerServiceId, partnerByServiceId, putPartner, type PartnerRecord } from './banks.ts';

function partner(overrides: Partial<PartnerRecord> = {}): PartnerRecord {
  return {
    partnerId: 'bank-1',
    name: 'Bank',
    clientSecret: 'secret',
    publicKeyPem: testKeys().bank.publicKeyPem,
    partnerServiceId: '   12345',
    createdAt: 10,
    ...overrides,
  };
}

describe('bank partners', () => {
  it('are found by partnerId as bank clients carrying only their credentials', async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => putPartner(tx, partner()));
    const found = new Parties(db).find('bank-1');
    expect(found).toMatchObject({ kind: 'bank', partnerId: 'bank-1', clientSecret: 'secret', publicKeyPem: testKeys().bank.publicKeyPem });
    expect(Object.keys(found!).sort()).toEqual(['clientSecret', 'kind', 'partnerId', 'publicKey', 'publicKeyPem']);
    expect(found!.publicKey.type).toBe('public');
    expect(new Parties(db).find('bank-2')).toBeUndefined();
  });

  it('are listed oldest first and found by their partnerServiceId', async () => {
    const db = await Database.open(new MemoryStore());
    const late = partner({ partnerId: 'late', partnerServiceId: '   22222', createdAt: 30 });
    const early = partner({ partnerId: 'early', partnerServiceId: '   11111', createdAt: 20 });
    db.transact((tx) => {
      putPartner(tx, late);
      putPartner(tx, early);
    });
    expect(new Parties(db).banks()).toEqual([early, late]);
    expect(partnerByServiceId(db, '   22222')).toEqual(late);
    expect(partnerByServiceId(db, '   11111')).toEqual(early);
    expect(partnerByServiceId(db, '   33333')).toBeUndefined();
  });

  it('are refused when their public key does not parse', async () => {
    const db = await Database.open(new MemoryStore());
    expect(() => db.transact((tx) => putPartner(tx, partner({ publicKeyPem: 'nope' })))).toThrow();
    expect(db.size(PARTNERS)).toBe(0);
  });

  it('get a five-digit biller code padded to eight characters', () => {
    for (let i = 0; i < 20; i++) expect(newPartnerServiceId()).toMatch(/^ {3}[1-9]\d{4}$/);
  });
});
