import { describe, expect, it } from 'vitest';
import { Database } from './database.ts';
import { MemoryStore, type JournalEntry, type Store } from './store.ts';
import { ledgerProblems } from './verify.ts';

// What a stored ledger must add up to on load, whatever the bytes' checksums say.

function storeOf(entries: JournalEntry[], balances?: [string, number][]): Store {
  const store = new MemoryStore();
  store.load = async () => ({ snapshot: { seq: 0, tables: [], ...(balances ? { balances } : {}) }, entries });
  return store;
}

const posting = (id: string, from: string, to: string, amountMinor: number) => ({
  op: 'put' as const,
  table: 'postings',
  key: id,
  value: {
    id,
    at: 0,
    ref: 'r',
    memo: 'm',
    entries: [
      { account: from, amountMinor: -amountMinor },
      { account: to, amountMinor },
    ],
  },
});

const known = (id: string) => id === 'M1';

describe('ledgerProblems', () => {
  it('finds nothing wrong with a ledger built from balanced postings between known accounts', async () => {
    const db = await Database.open(
      storeOf([
        { seq: 1, ops: [posting('p1', 'external:funding', 'merchant:M1:deposit', 500)] },
        {
          seq: 2,
          ops: [posting('p2', 'merchant:M1:deposit', 'user:62811', 200), posting('p3', 'merchant:M1:deposit', 'dana:fee-income', 1)],
        },
      ]),
    );
    expect(ledgerProblems(db, known)).toEqual([]);
  });

  it('names overdrafts, unknown kinds of account, unknown merchants, and balances that differ from their postings', async () => {
    const db = await Database.open(
      storeOf(
        [
          { seq: 1, ops: [posting('p1', 'user:1', 'merchant:M9:deposit', 50)] },
          { seq: 2, ops: [posting('p2', 'external:funding', 'usr:2', 5)] },
        ],
        // Balances saved with a snapshot that no posting explains (the snapshot holds no postings).
        [
          ['external:funding', -10],
          ['user:3', 10],
        ],
      ),
    );
    expect(ledgerProblems(db, known)).toEqual([
      'account external:funding holds -15, its postings add up to -5',
      'account user:3 holds 10, its postings add up to 0',
      'account user:1 is overdrawn (-50)',
      'account merchant:M9:deposit names merchant M9, who does not exist',
      'account usr:2 is of no known kind',
    ]);
  });

  it('names a posting that does not balance and a total that is not zero, and shows at most twenty problems', async () => {
    const unbalanced = posting('p1', 'external:funding', 'user:1', 5);
    (unbalanced.value.entries[1] as { amountMinor: number }).amountMinor = 7;
    const many = Array.from({ length: 30 }, (_, i) => posting(`q${i}`, 'external:funding', `nobody:${i}`, 1));
    const db = await Database.open(storeOf([{ seq: 1, ops: [unbalanced, ...many] }])).catch((error: Error) => error);
    // The database itself refuses a ledger whose total is not zero.
    expect(db).toBeInstanceOf(Error);
    expect((db as Error).message).toBe('stored ledger does not balance (total 2)');
    const open = await Database.open(storeOf([{ seq: 1, ops: many }]));
    const problems = ledgerProblems(open, known);
    expect(problems).toHaveLength(21);
    expect(problems.at(-1)).toBe('...and 10 more');
  });
});
