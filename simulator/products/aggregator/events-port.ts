import type { Transaction } from '../../ledger/database.ts';
import type { Runtime } from '../../core/product.ts';

// How the aggregator's handlers announce an event (`payment_intent.succeeded`): the webhook outbox
// (webhooks.ts) implements it; the handlers only need this shape, so they do not depend on delivery.
export type EmitEvent = (tx: Transaction, runtime: Runtime, type: string, object: Record<string, unknown>) => void;
