import {
  accountInquiry,
  bankAccountInquiry,
  topUp,
  topUpStatus,
  transferToBank,
  transferToBankStatus,
} from '../../../contracts/disbursement/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { seedBankAccounts } from './bank-accounts.ts';
import * as bank from './bank-handlers.ts';
import { PENDING_TRANSFERS, completeDueTransfers } from './bank-transfers.ts';
import { DISBURSEMENT_COMMANDS } from './commands.ts';
import { DISBURSEMENT_CONTROL } from './control.ts';
import { TRANSFER_TRIGGER } from './triggers.ts';
import { DISBURSEMENT_TRANSACTIONS } from './transactions.ts';
import { danaAccountInquiry, transferToDana, transferToDanaInquiryStatus } from './handlers.ts';
import './settings.ts';

// DANA Disbursement: pay out to DANA balances (top up) and to bank accounts, with status inquiries
// and Transfer to Bank Notify.

export const disbursement: Product = {
  name: 'disbursement',
  routes: [
    route(accountInquiry, danaAccountInquiry),
    route(topUp, transferToDana),
    route(topUpStatus, transferToDanaInquiryStatus),
    route(bankAccountInquiry, bank.bankAccountInquiry),
    route(transferToBank, bank.transferToBank),
    route(transferToBankStatus, bank.transferToBankInquiryStatus),
  ],
  tables: [PENDING_TRANSFERS],
  seed: (tx, { seed }) => seedBankAccounts(tx, seed),
  due: (runtime, now) => void completeDueTransfers(runtime.db, now),
  control: DISBURSEMENT_CONTROL,
  triggers: { transfer: TRANSFER_TRIGGER },
  commands: DISBURSEMENT_COMMANDS,
  transactions: DISBURSEMENT_TRANSACTIONS,
};
