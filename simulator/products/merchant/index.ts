import { INITIAL_MERCHANT_DEPOSIT } from '../../../contracts/sandbox-identities.ts';
import { bniDepositTopUp as bniContract } from '../../../contracts/merchant/bni-deposit-topup.ts';
import { queryMerchantResource as contract } from '../../../contracts/merchant/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { merchantDeposit } from '../../ledger/accounts.ts';
import { fund } from '../../ledger/funding.ts';
import { minorOf } from '../../ledger/money.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { bniDepositTopUp } from './bni-topup.ts';
import { MERCHANT_COMMANDS } from './commands.ts';
import { MERCHANT_CONTROL } from './control.ts';
import { queryMerchantResource } from './handlers.ts';

// The merchant's own money at DANA: Check Disbursement Account (deposit, available and total
// balances) and the sandbox's BNI VA deposit top-up.

export const merchant: Product = {
  name: 'merchant',
  routes: [route(contract, queryMerchantResource), route(bniContract, bniDepositTopUp)],
  // Every merchant starts with DANA's sandbox deposit (again after a reset).
  seed(tx, { now }) {
    for (const record of tx.values<MerchantRecord>(MERCHANTS))
      fund(tx, merchantDeposit(record.merchantId), minorOf(INITIAL_MERCHANT_DEPOSIT), now, 'initial merchant deposit');
  },
  control: MERCHANT_CONTROL,
  commands: MERCHANT_COMMANDS,
};
