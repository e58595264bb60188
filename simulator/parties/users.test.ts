import { describe, expect, it } from 'vitest';
import { FUNDING_ACCOUNT, userBalance } from '../ledger/accounts.ts';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { CASHIER_TEST_USER, SEEDED_USERS, customerName, customerNumberOfPhone, localPhone, seedUsers } from './users.ts';

describe('DANA users', () => {
  it('generate a name from the seed and the number: the same pair always gives the same name, another seed or number another', () => {
    const name = customerName('seed-a', '62811742234');
    expect(name).toMatch(/\S+ \S+/);
    expect(customerName('seed-a', '62811742234')).toBe(name);
    expect(customerName('seed-b', '62811742234')).not.toBe(name);
    expect(customerName('seed-a', '62811742235')).not.toBe(name);
  });

  it('generate the same name in every run: the seed and number fix it', () => {
    expect(customerName('seed-literal', '62811700099')).toBe('Kasim Halim');
  });

  it("start the UAT's valid customers and the cashier's test user with 100,000.00 each, drawn from the funding account", async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => seedUsers(tx, 1_000));
    expect(SEEDED_USERS).toEqual(['62811742234', '62817345544', '62817345545', '6283811223355']);
    for (const customer of SEEDED_USERS) expect(db.ledger.balance(userBalance(customer)), customer).toBe(10_000_000);
    expect(db.ledger.balance(FUNDING_ACCOUNT)).toBe(-10_000_000 * SEEDED_USERS.length);
    expect(db.ledger.totalMinor()).toBe(0);
  });

  it('read a phone as typed (628…, +628…, 08…, or the number after +62) as one customerNumber, and refuse anything else', () => {
    for (const typed of ['6283811223355', '+62 838-1122-3355', '083811223355', '83811223355'])
      expect(customerNumberOfPhone(typed), typed).toBe(CASHIER_TEST_USER);
    for (const typed of ['', '12345', '0738112233', '62838', 'abc83811223355', '8381122335512345'])
      expect(customerNumberOfPhone(typed), typed).toBeUndefined();
  });

  it('show a customerNumber the way DANA shows its user a phone', () => {
    expect(localPhone(CASHIER_TEST_USER)).toBe('0838-1122-3355');
    expect(localPhone('62811742234')).toBe('0811-7422-34');
  });
});
