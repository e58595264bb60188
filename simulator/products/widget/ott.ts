import { randomBytes } from 'node:crypto';
import type { Transaction } from '../../ledger/database.ts';
import type { BoundCustomer } from './tokens.ts';

// One-time tokens (OTT) from Apply OTT: each logs its user in on the payment page of one of the
// issuing merchant's Widget orders, once, within a few minutes on the simulator clock. They live in
// the ledger database (a restart keeps them). DANA documents neither lifetime nor reuse (issue-17
// facts section 9): 10 minutes and single use are simulator choices, recorded in contracts/README.md.

export const OTTS = 'widgetOtts';

const OTT_TTL_MS = 10 * 60_000;

interface OttRecord {
  readonly ott: string;
  readonly customerNumber: string;
  readonly partnerId: string;
  readonly expiresAt: number;
  /** Set when the OTT logged its user in. */
  readonly usedAt?: number;
  /** Set when the binding it came from ended (Account Unbinding) before it was used. */
  readonly endedAt?: number;
}

/** A new OTT for the bound user. URL-safe: dana-node 1.5.11 appends it to webRedirectUrl as it is. */
export function issueOtt(tx: Transaction, customer: BoundCustomer, now: number): string {
  const ott = randomBytes(24).toString('base64url');
  tx.put(OTTS, ott, {
    ott,
    customerNumber: customer.customerNumber,
    partnerId: customer.partnerId,
    expiresAt: now + OTT_TTL_MS,
  } satisfies OttRecord);
  return ott;
}

/** Why an OTT logs nobody in, in the words the payment page shows. */
const OTT_REFUSALS = {
  unknown: 'The login link is not valid for this payment.',
  used: 'The login link was already used.',
  expired: 'The login link has expired.',
} as const;

/**
 * Spends an OTT on a payment page of the merchant's order: the user it names, or why none. An OTT
 * of another merchant is unknown here (it leaves the OTT unspent).
 */
export function redeemOtt(
  tx: Transaction,
  ott: string,
  order: { readonly partnerId: string; readonly now: number },
): { readonly customerNumber: string } | { readonly refused: string } {
  const found = tx.get<OttRecord>(OTTS, ott);
  if (!found || found.partnerId !== order.partnerId || found.endedAt !== undefined) return { refused: OTT_REFUSALS.unknown };
  if (found.usedAt !== undefined) return { refused: OTT_REFUSALS.used };
  if (order.now >= found.expiresAt) return { refused: OTT_REFUSALS.expired };
  tx.put(OTTS, ott, { ...found, usedAt: order.now } satisfies OttRecord);
  return { customerNumber: found.customerNumber };
}

/** Ends the unused OTTs of a binding that ended: an unbound user is no longer logged in by them. */
export function endOtts(tx: Transaction, partnerId: string, customerNumber: string, now: number): void {
  for (const record of tx.values<OttRecord>(OTTS)) {
    if (record.partnerId !== partnerId || record.customerNumber !== customerNumber) continue;
    if (record.usedAt !== undefined || record.endedAt !== undefined || now >= record.expiresAt) continue;
    tx.put(OTTS, record.ott, { ...record, endedAt: now } satisfies OttRecord);
  }
}
