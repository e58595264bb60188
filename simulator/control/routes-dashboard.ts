import { ControlError } from '../core/product.ts';
import type { TransactionRow } from '../core/transactions.ts';
import { toValue } from '../ledger/money.ts';
import { userBalance } from '../ledger/accounts.ts';
import { findMerchant } from '../parties/find.ts';
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
  // Every product lists its own kinds (Product.transactions); newest first, ties in the order written.
  'GET /transactions': ({ runtime, products }, request) => {
    const listers = new Map(products.flatMap((product) => Object.entries(product.transactions ?? {})));
    const kind = request.query.get('kind');
    if (kind !== null && !listers.has(kind)) throw new ControlError(`unknown kind "${kind}"; kinds: ${[...listers.keys()].join(', ')}`);
    const limit = Number(request.query.get('limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1) throw new ControlError('limit must be a whole number of at least 1');
    const merchantQuery = request.query.get('merchant');
    const merchant = merchantQuery === null ? undefined : findMerchant(runtime.db, merchantQuery);
    const rows: TransactionRow[] = [];
    for (const [name, list] of listers) if (kind === null || name === kind) rows.push(...list(runtime));
    return rows
      .filter((row) => !merchant || row.merchantId === merchant.merchantId || row.partnerId === merchant.partnerId)
      .reverse()
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .slice(0, limit)
      .map((row) => row.build());
  },
};
