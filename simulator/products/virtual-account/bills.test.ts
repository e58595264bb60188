import { describe, expect, it } from 'vitest';
import { Database } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { testKeys } from '../../../test/helpers.ts';
import { customerName } from '../../parties/users.ts';
import { VA_BILLS, billByPaymentCode, listVaBills, putDynamicVa, resolveVa, type NewDynamicVa } from './bills.ts';
import { putPartner, type PartnerRecord } from '../../parties/banks.ts';

const BANK: PartnerRecord = {
  partnerId: 'bank-1',
  name: 'Bank',
  clientSecret: 's',
  publicKeyPem: testKeys().bank.publicKeyPem,
  partnerServiceId: '   12345',
  createdAt: 0,
};

async function setup(bank: PartnerRecord = BANK) {
  const db = await Database.open(new MemoryStore());
  db.transact((tx) => putPartner(tx, bank));
  const create = (input: Partial<NewDynamicVa> = {}) =>
    db.transact((tx) => putDynamicVa(tx, db, 'seed', { partner: bank, expiresAt: 5_000, trxId: 'trx-1', now: 100, ...input }));
  return { db, create };
}

describe('static top-up VAs', () => {
  it('exist for any DANA phone number, international or local form, named after the user', async () => {
    const { db } = await setup();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '62811742234')).toEqual({
      kind: 'static',
      partnerId: 'bank-1',
      virtualAccountNo: '   1234562811742234',
      customerNumber: '62811742234',
      name: customerName('seed', '62811742234'),
    });
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '0811742234')).toMatchObject({
      kind: 'static',
      virtualAccountNo: '   123450811742234',
      customerNumber: '62811742234',
    });
  });

  it('need a phone of 7 to 12 digits after 628 or 08', async () => {
    const { db } = await setup();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '6281234567')?.customerNumber).toBe('6281234567');
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '628123456')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '628123456789012')?.customerNumber).toBe('628123456789012');
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '6281234567890123')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '081234567')?.customerNumber).toBe('6281234567');
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '08123456')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '08123456789012')?.customerNumber).toBe('628123456789012');
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '081234567890123')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', 'x62811742234')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '62811742234x')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', 'x0811742234')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', '0811742234x')).toBeUndefined();
  });

  it("are only at the caller's own biller code, and only for a known bank", async () => {
    const { db } = await setup();
    expect(resolveVa(db, 'seed', 'bank-1', '   54321', '62811742234')).toBeUndefined();
    expect(resolveVa(db, 'seed', 'bank-2', '   12345', '62811742234')).toBeUndefined();
  });
});

describe('dynamic VAs', () => {
  it('are stored ACTIVE under a 9-prefixed 12-digit customer number, with what the creator gave', async () => {
    const { db, create } = await setup();
    const bill = create({ customerNumber: '62811742234', amountMinor: 5_000_000 });
    expect(bill.customerNo).toMatch(/^9\d{11}$/);
    expect(bill).toEqual({
      virtualAccountNo: `   12345${bill.customerNo}`,
      partnerServiceId: '   12345',
      customerNo: bill.customerNo,
      partnerId: 'bank-1',
      customerNumber: '62811742234',
      name: customerName('seed', '62811742234'),
      amountMinor: 5_000_000,
      expiresAt: 5_000,
      trxId: 'trx-1',
      status: 'ACTIVE',
      createdAt: 100,
    });
    expect(db.get(VA_BILLS, bill.virtualAccountNo)).toEqual(bill);
    expect(resolveVa(db, 'seed', 'bank-1', '   12345', bill.customerNo)).toEqual({
      kind: 'dynamic',
      partnerId: 'bank-1',
      virtualAccountNo: bill.virtualAccountNo,
      customerNumber: '62811742234',
      name: bill.name,
      bill,
    });
  });

  it('for an order carry the order key and the given name, and no customer', async () => {
    const { create } = await setup();
    const bill = create({ orderKey: 'pgOrder:p:1', name: 'Movie tickets' });
    expect(bill).toMatchObject({ orderKey: 'pgOrder:p:1', name: 'Movie tickets' });
    expect(bill).not.toHaveProperty('customerNumber');
    expect(bill).not.toHaveProperty('createVa');
  });

  it('without a name or a customer take the name generated for an empty number', async () => {
    const { create } = await setup();
    expect(create({ orderKey: 'pgOrder:p:2' }).name).toBe(customerName('seed', ''));
  });

  it('wait for Create VA when the bank has a callback URL', async () => {
    const { create } = await setup({ ...BANK, callbackUrl: 'http://bank.example' });
    expect(create({ customerNumber: '62811742234' }).createVa).toBe('pending');
  });

  it('are found by payment code with or without the padding spaces', async () => {
    const { db, create } = await setup();
    const bill = create({ customerNumber: '62811742234' });
    expect(billByPaymentCode(db, bill.virtualAccountNo)).toEqual(bill);
    expect(billByPaymentCode(db, `12345${bill.customerNo}`)).toEqual(bill);
    expect(billByPaymentCode(db, '1234562811742234')).toBeUndefined();
  });

  it('are listed oldest first', async () => {
    const { db, create } = await setup();
    const second = create({ now: 200, trxId: 'b' });
    const first = create({ now: 100, trxId: 'a' });
    expect(listVaBills(db)).toEqual([first, second]);
  });
});
