import { describe, expect, it } from 'vitest';
import { UAT_CUSTOMERS } from '../../contracts/sandbox-identities.ts';
import { FUNDING_ACCOUNT, userBalance } from '../ledger/accounts.ts';
import { Database } from '../ledger/database.ts';
import { MemoryStore } from '../ledger/store.ts';
import { customerName, seedUsers } from './users.ts';

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

  it("start the UAT's valid customers with 100,000.00 each, drawn from the funding account", async () => {
    const db = await Database.open(new MemoryStore());
    db.transact((tx) => seedUsers(tx, 1_000));
    for (const customer of UAT_CUSTOMERS) expect(db.ledger.balance(userBalance(customer)), customer).toBe(10_000_000);
    expect(db.ledger.balance(FUNDING_ACCOUNT)).toBe(-10_000_000 * UAT_CUSTOMERS.length);
    expect(db.ledger.totalMinor()).toBe(0);
  });
});
