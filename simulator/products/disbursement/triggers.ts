import { TRANSACTIONS, type TransactionRecord } from '../../core/idempotency.ts';
import type { NotificationTrigger, Runtime } from '../../core/product.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { FAMILY, transferNotification } from './bank-transfers.ts';

// `dana-sim trigger transfer <partnerReferenceNo>`: Transfer to Bank Notify about a transfer, as
// completing it would send it, so a merchant can test its handler on demand.

function transfers(runtime: Runtime, partnerId: string | undefined): Array<[string, TransactionRecord]> {
  return [...runtime.db.entries<TransactionRecord>(TRANSACTIONS)].filter(
    ([, record]) => record.family === FAMILY && (partnerId === undefined || record.partnerId === partnerId),
  );
}

export const TRANSFER_TRIGGER: NotificationTrigger = {
  reference: 'partnerReferenceNo',
  build(runtime, reference, partnerId) {
    const found = transfers(runtime, partnerId).find(([, record]) => record.partnerReferenceNo === reference);
    if (!found) return undefined;
    const [key, record] = found;
    const merchant = runtime.db.get<MerchantRecord>(MERCHANTS, record.partnerId);
    return transferNotification(record, key, merchant?.notifyUrl, record.updatedAt);
  },
  known: (runtime, partnerId) => transfers(runtime, partnerId).map(([, record]) => record.partnerReferenceNo),
};
