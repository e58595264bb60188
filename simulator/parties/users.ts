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

/**
 * DANA's sandbox test user, the one DANA's UAT browser scripts log in to the hosted cashier with
 * (phone 083811223355, typed as 83811223355 after the page's +62).
 */
export const CASHIER_TEST_USER = '6283811223355';

/** The users seeded with a starting balance: the UAT's valid customers and the cashier's test user. */
export const SEEDED_USERS: readonly string[] = [...UAT_CUSTOMERS, CASHIER_TEST_USER];

/**
 * The PIN the hosted cashier asks for. DANA's sandbox test user has 181818; the simulator gives every
 * user that PIN (any well-formed number is a user here), so a test can log in as any customer it topped up.
 */
export const USER_PIN = '181818';

/**
 * A customerNumber from a phone as a person types it: `628…`, `+628…`, `08…`, or the national
 * number after DANA's +62 prefix (`8…`, what DANA's UAT scripts type). Undefined when it is not one.
 */
export function customerNumberOfPhone(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '').replace(/^\+/, '');
  if (/^628\d{7,12}$/.test(digits)) return digits;
  if (/^08\d{7,12}$/.test(digits)) return `62${digits.slice(1)}`;
  if (/^8\d{7,12}$/.test(digits)) return `62${digits}`;
  return undefined;
}

/** A customerNumber as DANA shows it to its user: `0838-1122-3355`. */
export function localPhone(customerNumber: string): string {
  const national = customerNumber.startsWith('62') ? `0${customerNumber.slice(2)}` : customerNumber;
  return national.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
}

/** The seeded users start with a positive balance (at first start and after a reset). */
export function seedUsers(tx: Transaction, now: number): void {
  for (const customerNumber of SEEDED_USERS) {
    fund(tx, userBalance(customerNumber), minorOf(UAT_CUSTOMER_BALANCE), now, 'UAT customer starting balance');
  }
}
