import { randomBytes } from 'node:crypto';
import { FUNDING_ACCOUNT } from './accounts.ts';
import type { Transaction } from './database.ts';

/** Money enters the simulated world only from the external funding account. */
export function fund(tx: Transaction, account: string, amountMinor: number, now: number, memo: string): void {
  tx.post({
    id: `fund:${now}:${account}:${tx.ops.length}:${randomBytes(3).toString('hex')}`,
    at: now,
    ref: `fund:${account}`,
    memo,
    entries: [
      { account: FUNDING_ACCOUNT, amountMinor: -amountMinor },
      { account, amountMinor },
    ],
  });
}
