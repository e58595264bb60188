import { TRANSACTIONS } from '../core/idempotency.ts';
import { merchantDeposit } from '../ledger/accounts.ts';
import { POSTINGS, type Database } from '../ledger/database.ts';
import { toMinor } from '../ledger/money.ts';
import { MERCHANTS, putMerchant, type MerchantRecord } from '../parties/merchants.ts';
import { USERS } from '../parties/users.ts';
import { PENDING_TRANSFERS } from '../products/disbursement/bank-transfers.ts';
import { NOTIFICATIONS } from '../notifications/outbox.ts';
import { VA_BILLS } from '../products/virtual-account/bills.ts';
import { VA_INQUIRIES, VA_TIMERS } from '../products/virtual-account/sessions.ts';
import { ORDER_TIMERS } from '../products/payment-gateway/orders.ts';
import { toPublicKey } from '../signature/keys.ts';
import { fund, newMerchant, seedUsers, type MerchantSeed } from '../parties/provision.ts';

// Operations shared by the CLI and the control API, so both change state the same way.

export class ControlError extends Error {
  override name = 'ControlError';
}

export function findMerchant(db: Database, merchantOrPartnerId?: string): MerchantRecord {
  const merchants = [...db.values<MerchantRecord>(MERCHANTS)];
  const merchant = merchantOrPartnerId
    ? merchants.find((candidate) => candidate.merchantId === merchantOrPartnerId || candidate.partnerId === merchantOrPartnerId)
    : merchants.sort((a, b) => a.createdAt - b.createdAt)[0];
  if (!merchant) throw new ControlError(merchantOrPartnerId ? `no merchant ${merchantOrPartnerId}` : 'no merchant provisioned');
  return merchant;
}

/** Replaces "ask the DANA team to top up the sandbox deposit". */
export function topUpDeposit(db: Database, amountValue: string, now: number, merchantOrPartnerId?: string): { merchantId: string; depositMinor: number } {
  const amount = toMinor(amountValue);
  if (amount === undefined || amount <= 0) throw new ControlError(`amount must look like 1000000.00, got "${amountValue}"`);
  const merchant = findMerchant(db, merchantOrPartnerId);
  db.transact((tx) => fund(tx, merchantDeposit(merchant.merchantId), amount, now, 'deposit top up (control)'));
  return { merchantId: merchant.merchantId, depositMinor: db.ledger.balance(merchantDeposit(merchant.merchantId)) };
}

export interface MerchantRegistration {
  readonly partnerId: string;
  readonly publicKeyPem: string;
  readonly merchantId?: string;
  readonly clientSecret?: string;
  readonly origin?: string;
}

/** Registers existing sandbox credentials so a team's real keys work unchanged. */
export function addMerchant(db: Database, registration: MerchantRegistration, now: number): MerchantRecord {
  if (!/^\S{1,36}$/.test(registration.partnerId)) throw new ControlError('partner id must be 1-36 characters without spaces');
  if (registration.merchantId !== undefined && !/^\d{21}$/.test(registration.merchantId)) throw new ControlError('merchant id must be 21 digits');
  try {
    toPublicKey(registration.publicKeyPem);
  } catch (error) {
    throw new ControlError(`public key is not readable: ${(error as Error).message}`);
  }
  if (db.get(MERCHANTS, registration.partnerId)) throw new ControlError(`partner ${registration.partnerId} is already registered`);
  const seed: MerchantSeed = { partnerId: registration.partnerId, merchantId: registration.merchantId, clientSecret: registration.clientSecret, origin: registration.origin };
  const generated = newMerchant(seed, now);
  const merchant: MerchantRecord = { ...generated, publicKeyPem: registration.publicKeyPem, privateKeyPem: undefined, name: 'registered merchant' };
  db.transact((tx) => putMerchant(tx, merchant));
  return merchant;
}

/** Wipes transactions, balances, users and notifications; keeps identities, credentials and bank accounts, then re-seeds. */
export function reset(db: Database, now: number, initialDepositMinor: number): void {
  // One transaction: a crash can never leave the world wiped but not re-seeded.
  db.transact((tx) => {
    for (const table of [TRANSACTIONS, POSTINGS, USERS, PENDING_TRANSFERS, NOTIFICATIONS, VA_BILLS, VA_INQUIRIES, VA_TIMERS, ORDER_TIMERS]) tx.clear(table);
    for (const merchant of db.values<MerchantRecord>(MERCHANTS)) fund(tx, merchantDeposit(merchant.merchantId), initialDepositMinor, now, 'initial merchant deposit');
    seedUsers(tx, now);
  });
}
