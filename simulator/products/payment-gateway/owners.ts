import type { TransactionRecord } from '../../core/idempotency.ts';
import type { Transaction } from '../../ledger/database.ts';

// Orders another product opens for itself (an aggregator's payment underneath its own intent): the
// owning product learns the outcome in the very transaction that pays, closes or cancels the order,
// so its own state changes atomically with the money. Such orders send no Finish Notify: the owner is
// the merchant that would have received it.

export type OrderOutcome = 'paid' | 'closed' | 'cancelled';

export interface OrderOwner {
  settled(tx: Transaction, order: TransactionRecord, outcome: OrderOutcome): void;
}

const owners = new Map<string, OrderOwner>();

/** Registers (or replaces) the product that owns orders marked `owner: name`. */
export function registerOrderOwner(name: string, owner: OrderOwner): void {
  owners.set(name, owner);
}

/** Tells an order's owner its outcome; false when the order has none (DANA's Finish Notify then applies). */
export function tellOwner(tx: Transaction, order: TransactionRecord, outcome: OrderOutcome): boolean {
  const name = (order.details as { owner?: string } | undefined)?.owner;
  if (name === undefined) return false;
  // An owner not registered (its product not served) still owns the order: nobody else is told.
  owners.get(name)?.settled(tx, order, outcome);
  return true;
}
