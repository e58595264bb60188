import type { TransactionRecord } from '../../core/idempotency.ts';
import type { Runtime } from '../../core/product.ts';
import type { Transaction } from '../../ledger/database.ts';
import { registerOrderOwner, type OrderOutcome } from '../payment-gateway/owners.ts';
import type { EmitEvent } from './events-port.ts';
import { OWNER, intentView } from './intents.ts';
import { SESSIONS_TABLE, sessionOfIntent, sessionView, type SessionRow } from './sessions.ts';
import { PENDING_EVENTS_TABLE, intentRow, putIntent, type PendingEvent } from './state.ts';

// What happens to an intent when the DANA order underneath ends: paid → `succeeded`, closed at its
// validUpTo → `canceled` (`abandoned`, the choice), cancelled → `canceled`. Payment Gateway
// tells us inside the transaction that moved the order, where no Runtime is at hand, so the event is
// kept in a table and emitted by the product's due work, which settle() runs before anyone looks.

function settled(tx: Transaction, order: TransactionRecord, outcome: OrderOutcome): void {
  const row = intentRow(tx, order.partnerReferenceNo);
  // Canceled through the API already (which cancelled the order), or not ours: nothing to change.
  if (!row || row.status !== 'requires_action') return;
  const at = Math.floor(order.updatedAt / 1000);
  const next =
    outcome === 'paid'
      ? putIntent(tx, { ...row, status: 'succeeded' })
      : putIntent(tx, {
          ...row,
          status: 'canceled',
          cancellationReason: outcome === 'closed' ? 'abandoned' : row.cancellationReason,
          canceledAt: at,
        });
  const type = outcome === 'paid' ? 'payment_intent.succeeded' : 'payment_intent.canceled';
  const key = `${order.updatedAt}:${row.id}:${type}`;
  tx.put(PENDING_EVENTS_TABLE, key, { key, type, object: { id: next.id } } satisfies PendingEvent);
  const session = outcome === 'paid' ? sessionOfIntent(tx, row.id) : undefined;
  if (!session) return;
  tx.put(SESSIONS_TABLE, session.id, { ...session, status: 'complete', paymentStatus: 'paid' } satisfies SessionRow);
  // `~` sorts after the intent's event type: the session completes after its intent succeeded.
  const completed = `${order.updatedAt}:${row.id}:~checkout.session.completed`;
  tx.put(PENDING_EVENTS_TABLE, completed, {
    key: completed,
    type: 'checkout.session.completed',
    object: { id: session.id },
  } satisfies PendingEvent);
}

registerOrderOwner(OWNER, { settled });

/** Emits the events owner hooks decided, with the intent as it is now; for the product's due work. */
export function emitPending(runtime: Runtime, emit: EmitEvent): void {
  if (runtime.db.size(PENDING_EVENTS_TABLE) === 0) return;
  runtime.db.transact((tx) => {
    for (const pending of tx.values<PendingEvent>(PENDING_EVENTS_TABLE).sort((a, b) => (a.key < b.key ? -1 : 1))) {
      tx.delete(PENDING_EVENTS_TABLE, pending.key);
      const id = String(pending.object.id);
      const session = tx.get<SessionRow>(SESSIONS_TABLE, id);
      if (session) emit(tx, runtime, pending.type, sessionView(runtime, session));
      const row = intentRow(tx, id);
      if (row) emit(tx, runtime, pending.type, intentView(runtime, row));
    }
  });
}
