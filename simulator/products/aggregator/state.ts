import type { Transaction } from '../../ledger/database.ts';
import type { Params } from './form.ts';

// The aggregator's stored objects and the tables holding them. Rows keep what the API shows plus the
// DANA order underneath; views (intents.ts, refunds.ts) turn rows into Stripe-shaped objects.

export const INTENTS_TABLE = 'aggregatorIntents';
export const REFUNDS_TABLE = 'aggregatorRefunds';
export const ACCOUNTS_TABLE = 'aggregatorAccounts';
/** Events decided where no Runtime is at hand (an order's owner hook), emitted by the product's due work. */
export const PENDING_EVENTS_TABLE = 'aggregatorPendingEvents';

/** The one seeded account: its keys come from the seed (ids.ts). */
export const ACCOUNT = 'acct_dana_sim';

export interface AccountRow {
  readonly account: string;
  readonly secretKey: string;
  readonly publishableKey: string;
}

export interface IntentRow {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: string;
  /** Unix seconds, as Stripe and WooshPay's webhook objects show. */
  readonly created: number;
  readonly description: string | null;
  readonly metadata: Params;
  readonly returnUrl: string | null;
  /** `dana` once a payment method was given. */
  readonly methodType: string | null;
  /** `pm_…` once confirmed with DANA. */
  readonly paymentMethod: string | null;
  readonly cancellationReason: string | null;
  readonly canceledAt: number | null;
  /** The DANA order underneath: its transaction key, its cashier URL. */
  readonly orderKey: string | null;
  readonly cashierUrl: string | null;
}

export interface RefundRow {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly paymentIntent: string;
  readonly reason: string | null;
  readonly metadata: Params;
  readonly status: string;
  readonly created: number;
}

export interface PendingEvent {
  readonly key: string;
  readonly type: string;
  readonly object: Record<string, unknown>;
}

export function intentRow(tx: Transaction, id: string): IntentRow | undefined {
  return tx.get<IntentRow>(INTENTS_TABLE, id);
}

export function putIntent(tx: Transaction, row: IntentRow): IntentRow {
  tx.put(INTENTS_TABLE, row.id, row);
  return row;
}
