import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import type { NotificationTrigger, Runtime } from '../../core/product.ts';
import { ORDER_FAMILY, finishNotification } from './orders.ts';

// `dana-sim trigger order <partnerReferenceNo>`: Finish Notify about an order in its current state
// (paid, else closed), built as paying or closing it builds it.

function orders(runtime: Runtime, partnerId: string | undefined): TransactionRecord[] {
  return [...runtime.db.values<TransactionRecord>(TRANSACTIONS)].filter(
    (record) => record.family === ORDER_FAMILY && (partnerId === undefined || record.partnerId === partnerId),
  );
}

export const ORDER_TRIGGER: NotificationTrigger = {
  reference: 'partnerReferenceNo',
  build(runtime, reference, partnerId) {
    const record = orders(runtime, partnerId).find((candidate) => candidate.partnerReferenceNo === reference);
    return record && finishNotification(record, record.updatedAt);
  },
  known: (runtime, partnerId) => orders(runtime, partnerId).map((record) => record.partnerReferenceNo),
};
