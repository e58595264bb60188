import { describe, expect, it } from 'vitest';
import { testKeys } from '../../test/helpers.ts';
import { ControlError } from '../core/product.ts';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { findMerchant } from './find.ts';
import { putMerchant, type MerchantRecord } from './merchants.ts';

const merchant = (merchantId: string, partnerId: string, createdAt: number): MerchantRecord => ({
  merchantId,
  partnerId,
  clientSecret: 's',
  publicKeyPem: testKeys().merchant.publicKeyPem,
  name: 'Toko',
  origin: 'http://localhost',
  createdAt,
});

describe('finding the merchant a control call names', () => {
  it('finds by merchant id or partner id, and takes the oldest when none is named', async () => {
    const db = await Database.open(new MemoryStore());
    const late = merchant('216600000000000000002', 'partner-late', 20);
    const early = merchant('216600000000000000001', 'partner-early', 10);
    db.transact((tx) => {
      putMerchant(tx, late);
      putMerchant(tx, early);
    });
    expect(findMerchant(db, '216600000000000000002')).toEqual(late);
    expect(findMerchant(db, 'partner-early')).toEqual(early);
    expect(findMerchant(db)).toEqual(early);
    expect(() => findMerchant(db, 'nobody')).toThrow(/^no merchant nobody; merchants: \d{21} \(partner \S+\)/);
  });

  it('says no merchant is provisioned when the directory is empty', async () => {
    const db = await Database.open(new MemoryStore());
    expect(() => findMerchant(db)).toThrow(new ControlError('no merchant provisioned'));
  });
});
