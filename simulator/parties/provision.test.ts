import { describe, expect, it } from 'vitest';
import { testKeys } from '../../test/helpers.ts';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { publicKeyPem, toPrivateKey } from '../signature/keys.ts';
import { BNI_KEY, META, keyPairsNeeded, newMerchant, newPartner, provision } from './provision.ts';
import { Parties } from './registry.ts';

describe('first-start provisioning', () => {
  it('creates DANA keys, BNI credentials, a seed, a test bank and a merchant, and seeds the world once in that transaction', async () => {
    const db = await Database.open(new MemoryStore());
    const seeded: string[] = [];
    const options = {
      danaKeys: testKeys().dana,
      merchant: { privateKeyPem: testKeys().merchant.privateKeyPem },
      now: 5,
      seedWorld: (_tx: unknown, seed: string) => void seeded.push(seed),
    };
    const first = provision(db, options);
    expect(first.danaKeys).toEqual(testKeys().dana);
    expect(first.settings.seed).toMatch(/^[0-9a-f]{8}$/);
    expect(db.get(META, BNI_KEY)).toEqual({ clientId: '910', secretKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const parties = new Parties(db);
    expect(parties.banks()).toHaveLength(1);
    expect(parties.defaultBank().name).toBe('dana-sim test bank');
    expect(parties.merchants()).toHaveLength(1);
    expect(parties.defaultMerchant().publicKeyPem).toBe(testKeys().merchant.publicKeyPem);
    expect(seeded).toEqual([first.settings.seed]);

    // A later start finds everything and seeds nothing; a seed passed at start replaces the stored one.
    const bni = db.get(META, BNI_KEY);
    const again = provision(db, { ...options, danaKeys: testKeys().bank, seed: 'fixed' });
    expect(again.danaKeys).toEqual(testKeys().dana);
    expect(again.settings.seed).toBe('fixed');
    expect(provision(db, options).settings.seed).toBe('fixed');
    expect(db.get(META, BNI_KEY)).toEqual(bni);
    expect(parties.merchants()).toHaveLength(1);
    expect(seeded).toHaveLength(1);
  });

  it('takes the key pairs made ahead, as many as keyPairsNeeded counts, and needs none on a later start', async () => {
    const db = await Database.open(new MemoryStore());
    const options = { now: 5, seedWorld: () => {} };
    expect(keyPairsNeeded(db, {})).toBe(3);
    expect(keyPairsNeeded(db, { danaKeys: testKeys().dana, merchant: { privateKeyPem: testKeys().merchant.privateKeyPem } })).toBe(1);
    const made = [testKeys().dana, testKeys().merchant, testKeys().bank];
    const { danaKeys } = provision(db, { ...options, keyPairs: made });
    const parties = new Parties(db);
    const used = [danaKeys.publicKeyPem, parties.defaultBank().publicKeyPem, parties.defaultMerchant().publicKeyPem];
    expect(used.sort()).toEqual(made.map((keys) => keys.publicKeyPem).sort());
    expect(keyPairsNeeded(db, {})).toBe(0);
  });
});

describe('new parties', () => {
  it('derive a merchant from a given private key, or generate ids, secret and keys', () => {
    const given = newMerchant(
      {
        privateKeyPem: testKeys().merchant.privateKeyPem,
        merchantId: '216600000000000000001',
        partnerId: 'p-1',
        clientSecret: 'c',
        origin: 'https://shop.example',
      },
      7,
    );
    expect(given).toMatchObject({
      merchantId: '216600000000000000001',
      partnerId: 'p-1',
      clientSecret: 'c',
      origin: 'https://shop.example',
      createdAt: 7,
      publicKeyPem: testKeys().merchant.publicKeyPem,
    });
    const generated = newMerchant({}, 8);
    expect(generated.merchantId).toMatch(/^2166\d{17}$/);
    expect(generated.origin).toBe('http://localhost');
    expect(publicKeyPem(toPrivateKey(generated.privateKeyPem!))).toBe(generated.publicKeyPem);
  });

  it('keep no private key for a bank registered by public key, derive one given a private key, and pad the biller code', () => {
    const registered = newPartner(
      { partnerId: 'bank-1', publicKeyPem: testKeys().bank.publicKeyPem, partnerServiceId: '123', callbackUrl: 'http://127.0.0.1:9/cb' },
      1,
    );
    expect(registered).not.toHaveProperty('privateKeyPem');
    expect(registered).toMatchObject({
      partnerId: 'bank-1',
      name: 'bank partner',
      partnerServiceId: '     123',
      callbackUrl: 'http://127.0.0.1:9/cb',
      createdAt: 1,
    });
    const provisioned = newPartner({ privateKeyPem: testKeys().bank.privateKeyPem }, 2);
    expect(provisioned.publicKeyPem).toBe(testKeys().bank.publicKeyPem);
    expect(provisioned.partnerId).toMatch(/^2027\d{18}$/);
    expect(provisioned).not.toHaveProperty('callbackUrl');
    expect(newPartner({}, 3).privateKeyPem).toBeDefined();
  });
});
