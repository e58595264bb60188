import { depositVaNumber } from '../../../contracts/merchant/bni-deposit-topup.ts';
import type { Bodies, FixtureContext } from './types.ts';

export const bodies = ({ merchantId, id }: FixtureContext): Bodies => ({
  queryMerchantResource: () => ({ requestMerchantId: merchantId, merchantResourceInfoList: ['MERCHANT_DEPOSIT_BALANCE'] }),
  bniDepositTopUp: (random) => ({
    trx_id: id(random, 'trx'),
    virtual_account: depositVaNumber(merchantId),
    payment_amount: '100000',
    customer_name: 'Merchant',
  }),
});
