import { UAT_CUSTOMERS, UAT_CUSTOMER_BALANCE } from '../../contracts/sandbox-identities.ts';
import { hashString } from '../core/random.ts';
import { userBalance } from '../ledger/accounts.ts';
import type { Transaction } from '../ledger/database.ts';
import { fund } from '../ledger/funding.ts';
import { minorOf } from '../ledger/money.ts';
import { fakeFullName } from './fake-names.ts';

// DANA users, named by phone number (customerNumber). Any well-formed number is a DANA user: the
// real sandbox answers inquiries for numbers nobody registered, and integrators use made-up ones.
// Names are generated from the simulator seed and the number, so they repeat across runs and
// restarts without being stored. A user's money is its ledger account; refusals such as a frozen
// user are DANA's sandbox magic values (contracts/sandbox-rules.ts), not state.

/** Generated names by seed and number: generating one costs more than the rest of a top up's bookkeeping. */
const generatedNames = new Map<string, string>();
const GENERATED_NAMES_KEPT = 50_000;

export function customerName(seed: string, customerNumber: string): string {
  const key = `${seed}:${customerNumber}`;
  let name = generatedNames.get(key);
  if (name === undefined) {
    name = fakeFullName(hashString(key));
    if (generatedNames.size >= GENERATED_NAMES_KEPT) generatedNames.clear();
    generatedNames.set(key, name);
  }
  return name;
}

/** The UAT's valid customers start with a positive balance (at first start and after a reset). */
export function seedUsers(tx: Transaction, now: number): void {
  for (const customerNumber of UAT_CUSTOMERS) {
    fund(tx, userBalance(customerNumber), minorOf(UAT_CUSTOMER_BALANCE), now, 'UAT customer starting balance');
  }
}
