import { vaInquiry as inquiryContract, vaPayment as paymentContract } from '../../../contracts/virtual-account/index.ts';
import type { Product } from '../../core/product.ts';
import { route } from '../../core/route.ts';
import { VA_BILLS } from './bills.ts';
import { checkExpiredInquiries, vaCallbackHooks } from './callbacks.ts';
import { VA_COMMANDS } from './commands.ts';
import { VA_CONTROL } from './control.ts';
import { VA_TRIGGER } from './triggers.ts';
import { VA_TRANSACTIONS } from './transactions.ts';
import { vaInquiry, vaPayment } from './handlers.ts';
import { SANDBOX_TOOLS_PATH, executeSandboxTool } from './sandbox-tools.ts';
import { VA_INQUIRIES, VA_TIMERS } from './sessions.ts';
import './settings.ts';

// DANA Virtual Account for banks: VA Inquiry and Payment from the bank, Create VA and Inquiry Status
// callbacks to it, and the merchant portal's sandbox tools that pay a VA by hand.

export const virtualAccount: Product = {
  name: 'virtual-account',
  routes: [route(inquiryContract, vaInquiry), route(paymentContract, vaPayment)],
  tables: [VA_BILLS, VA_INQUIRIES, VA_TIMERS],
  due: (runtime, now) => void checkExpiredInquiries(runtime.db, now),
  notificationKinds: (runtime) => vaCallbackHooks(runtime.clock, runtime.ids, runtime.payee),
  control: VA_CONTROL,
  triggers: { va: VA_TRIGGER },
  commands: VA_COMMANDS,
  transactions: VA_TRANSACTIONS,
  pages: { hosts: ['https://dashboard-sandbox.dana.id'], routes: { [`POST ${SANDBOX_TOOLS_PATH}`]: executeSandboxTool } },
};
