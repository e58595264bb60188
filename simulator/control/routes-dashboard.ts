import { toValue } from '../ledger/money.ts';
import { userBalance } from '../ledger/accounts.ts';
import { SEEDED_USERS, customerName } from '../parties/users.ts';
import type { HostRoutes } from './host.ts';

// Control routes the dashboard needs to list what the rest of the control API shows one at a time.

const USER_PREFIX = userBalance('');

export const DASHBOARD_ROUTES: HostRoutes = {
  // Users are implicit: the seeded test users, plus whoever a call has credited or debited since.
  'GET /users': ({ runtime }) => {
    const inLedger = [...runtime.db.ledger.accounts().keys()].filter((account) => account.startsWith(USER_PREFIX));
    const numbers = new Set([...SEEDED_USERS, ...inLedger.map((account) => account.slice(USER_PREFIX.length))]);
    return [...numbers].sort().map((customerNumber) => ({
      customerNumber,
      name: customerName(runtime.seed, customerNumber),
      balance: toValue(runtime.db.ledger.balance(userBalance(customerNumber))),
      currency: 'IDR',
      seeded: SEEDED_USERS.includes(customerNumber),
    }));
  },
};
