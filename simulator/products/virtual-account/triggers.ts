import type { NotificationTrigger } from '../../core/product.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';
import { listVaBills } from './bills.ts';
import { createVaNotification } from './callbacks.ts';

// `dana-sim trigger va <virtualAccountNo>`: DANA's Create VA callback to the bank about a dynamic VA,
// so a bank can test its callback handler on demand. VAs belong to banks, so no merchant narrows them.

export const VA_TRIGGER: NotificationTrigger = {
  reference: 'virtualAccountNo',
  build(runtime, reference) {
    const bill = listVaBills(runtime.db).find((candidate) => candidate.virtualAccountNo.trim() === reference.trim());
    return bill && createVaNotification(runtime.db.get<PartnerRecord>(PARTNERS, bill.partnerId), bill);
  },
  known: (runtime) => listVaBills(runtime.db).map((bill) => bill.virtualAccountNo),
};
