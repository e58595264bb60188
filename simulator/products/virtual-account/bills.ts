import { randomInt } from 'node:crypto';
import type { Database, Transaction } from '../../ledger/database.ts';
import { defineIndex } from '../../ledger/indexes.ts';
import { customerName } from '../../parties/users.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';

// VA bills. Static top-up VAs are not stored: every DANA user has one at every bank, numbered
// partnerServiceId + the user's phone number, open amount, never expiring. Dynamic VAs are created
// per transaction ("DANA creates a VA and shows it to the user"), fixed or open amount, with an
// expiry and a trxId; they are paid once.

export const VA_BILLS = 'vaBills';

export type VaBillStatus = 'ACTIVE' | 'PAID' | 'EXPIRED';

export interface VaBill {
  readonly virtualAccountNo: string;
  readonly partnerServiceId: string;
  readonly customerNo: string;
  readonly partnerId: string;
  /** The DANA user the payment credits (a top-up VA). */
  readonly customerNumber?: string;
  /** The Payment Gateway order the payment pays (an order VA); the merchant is credited instead. */
  readonly orderKey?: string;
  readonly name: string;
  /** Fixed amount; undefined for an open-amount VA. */
  readonly amountMinor?: number;
  readonly expiresAt?: number;
  readonly trxId: string;
  readonly status: VaBillStatus;
  readonly createdAt: number;
  /** Outcome of Create VA (svc 27) when the bank has a callback URL. */
  readonly createVa?: 'pending' | 'acknowledged' | 'failed';
}

export interface ResolvedVa {
  readonly kind: 'static' | 'dynamic';
  readonly partnerId: string;
  readonly virtualAccountNo: string;
  /** Undefined for an order VA. */
  readonly customerNumber?: string;
  readonly name: string;
  readonly bill?: VaBill;
}

/** A DANA user's phone in local (08…) or international (628…) form, as a customerNumber. */
function phoneOf(customerNo: string): string | undefined {
  if (/^628\d{7,12}$/.test(customerNo)) return customerNo;
  if (/^08\d{7,12}$/.test(customerNo)) return `62${customerNo.slice(1)}`;
  return undefined;
}

/** Bills by their VA number without spaces (a payment code is the number as DANA shows it). */
const BY_NUMBER = defineIndex<VaBill>(VA_BILLS, (bill) => bill.virtualAccountNo.replace(/ /g, ''));

export function billByPaymentCode(db: Database, paymentCode: string): VaBill | undefined {
  return db.find(BY_NUMBER, paymentCode.replace(/ /g, ''))[0];
}

/** Undefined when the VA does not exist at this bank. */
export function resolveVa(
  db: Database,
  seed: string,
  partnerId: string,
  partnerServiceId: string,
  customerNo: string,
): ResolvedVa | undefined {
  const partner = db.get<PartnerRecord>(PARTNERS, partnerId);
  if (!partner || partner.partnerServiceId !== partnerServiceId) return undefined;
  const virtualAccountNo = partnerServiceId + customerNo;
  const bill = db.get<VaBill>(VA_BILLS, virtualAccountNo);
  if (bill) return { kind: 'dynamic', partnerId, virtualAccountNo, customerNumber: bill.customerNumber, name: bill.name, bill };
  const phone = phoneOf(customerNo);
  if (!phone) return undefined;
  return { kind: 'static', partnerId, virtualAccountNo, customerNumber: phone, name: customerName(seed, phone) };
}

export interface NewDynamicVa {
  readonly partner: PartnerRecord;
  readonly customerNumber?: string;
  readonly orderKey?: string;
  /** Shown to the payer; default the user's name. */
  readonly name?: string;
  readonly amountMinor?: number;
  readonly expiresAt: number;
  readonly trxId: string;
  readonly now: number;
}

export function putDynamicVa(tx: Transaction, db: Database, seed: string, input: NewDynamicVa): VaBill {
  // Dynamic customer numbers start with 9 so they never collide with a phone-numbered static VA.
  let customerNo: string;
  do customerNo = `9${String(randomInt(10 ** 11)).padStart(11, '0')}`;
  while (tx.get(VA_BILLS, input.partner.partnerServiceId + customerNo));
  const bill: VaBill = {
    virtualAccountNo: input.partner.partnerServiceId + customerNo,
    partnerServiceId: input.partner.partnerServiceId,
    customerNo,
    partnerId: input.partner.partnerId,
    ...(input.customerNumber ? { customerNumber: input.customerNumber } : {}),
    ...(input.orderKey ? { orderKey: input.orderKey } : {}),
    name: input.name ?? customerName(seed, input.customerNumber ?? ''),
    amountMinor: input.amountMinor,
    expiresAt: input.expiresAt,
    trxId: input.trxId,
    status: 'ACTIVE',
    createdAt: input.now,
    ...(input.partner.callbackUrl ? { createVa: 'pending' as const } : {}),
  };
  tx.put(VA_BILLS, bill.virtualAccountNo, bill);
  return bill;
}

/**
 * The VA stops taking payments now (its order was cancelled or expired, or it was expired by hand): an
 * inquiry or payment finds it expired. Answers the expired bill, or undefined when it was not active.
 */
export function expireBill(tx: Transaction, db: Database, virtualAccountNo: string, now: number): VaBill | undefined {
  const found = billByPaymentCode(db, virtualAccountNo);
  const bill = found && tx.get<VaBill>(VA_BILLS, found.virtualAccountNo);
  if (bill?.status !== 'ACTIVE') return undefined;
  const expired: VaBill = { ...bill, status: 'EXPIRED', expiresAt: Math.min(bill.expiresAt ?? now, now) };
  tx.put(VA_BILLS, bill.virtualAccountNo, expired);
  return expired;
}

export function listVaBills(db: Database): VaBill[] {
  return [...db.values<VaBill>(VA_BILLS)].sort((a, b) => a.createdAt - b.createdAt);
}
