import type { Provocations } from '../provoke.ts';
import { BNI_DEPOSIT_TOP_UP_TRIGGERS, QUERY_MERCHANT_RESOURCE_TRIGGERS } from '../triggers-merchant.ts';

export const triggers: Readonly<Record<string, Provocations>> = {
  queryMerchantResource: QUERY_MERCHANT_RESOURCE_TRIGGERS,
  bniDepositTopUp: BNI_DEPOSIT_TOP_UP_TRIGGERS,
};
