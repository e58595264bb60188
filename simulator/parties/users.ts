import { faker } from '@faker-js/faker/locale/id_ID';
import { hashString } from '../core/random.ts';
import type { Database, Transaction } from '../ledger/database.ts';

// DANA users, named by phone number (customerNumber). Any well-formed number is a DANA user: the
// real sandbox answers inquiries for numbers nobody registered, and integrators use made-up ones.
// Names are generated from the simulator seed and the number, so they repeat across runs and
// restarts without being stored; the `users` table holds only what was set explicitly.

export const USERS = 'users';

export type UserStatus = 'ACTIVE' | 'FROZEN';

export interface UserRecord {
  readonly customerNumber: string;
  readonly name?: string;
  readonly status: UserStatus;
}

/** Generated names by seed and number: generating one costs more than the rest of a top up's bookkeeping. */
const generatedNames = new Map<string, string>();
const GENERATED_NAMES_KEPT = 50_000;

export function customerName(db: Database, seed: string, customerNumber: string): string {
  const record = db.get<UserRecord>(USERS, customerNumber);
  if (record?.name) return record.name;
  const key = `${seed}:${customerNumber}`;
  let name = generatedNames.get(key);
  if (name === undefined) {
    faker.seed(hashString(key));
    name = faker.person.fullName();
    if (generatedNames.size >= GENERATED_NAMES_KEPT) generatedNames.clear();
    generatedNames.set(key, name);
  }
  return name;
}

export function userStatus(db: Database, customerNumber: string): UserStatus {
  return db.get<UserRecord>(USERS, customerNumber)?.status ?? 'ACTIVE';
}

export function putUser(tx: Transaction, user: UserRecord): void {
  tx.put(USERS, user.customerNumber, user);
}
