import type { Database } from './database.ts';
import { POSTINGS } from './database.ts';
import { checkPosting, isExternalAccount, type Posting } from './ledger.ts';
import { DiskRow, StoredRow, type PostingAudit, type RowFile } from './stored-row.ts';

// The ledger's invariants, checked over stored state on every load (and by the doctor): a checksum
// proves the bytes are the ones written, this proves what they add up to. Balances equal the sum of
// their postings, only external accounts are below zero, the total is zero, and every account is of
// a known kind and, for a merchant's, names a merchant that exists.

const ACCOUNT = /^(?:merchant:(.+):(?:deposit|deposit-reserved|settlement)|user:[^:\s]+|dana:fee-income|external:\S+)$/;
const SHOWN = 20;

export function ledgerProblems(db: Database, merchantExists: (merchantId: string) => boolean): string[] {
  const { sums, problems } = postingSums(db);
  const balances = db.ledger.accounts();
  let total = 0;
  for (const account of new Set([...balances.keys(), ...sums.keys()])) {
    const balance = balances.get(account) ?? 0;
    total += balance;
    const sum = sums.get(account) ?? 0;
    if (balance !== sum) problems.push(`account ${account} holds ${balance}, its postings add up to ${sum}`);
    if (balance < 0 && !isExternalAccount(account)) problems.push(`account ${account} is overdrawn (${balance})`);
    const shape = ACCOUNT.exec(account);
    if (!shape) problems.push(`account ${account} is of no known kind`);
    else if (shape[1] !== undefined && !merchantExists(shape[1]))
      problems.push(`account ${account} names merchant ${shape[1]}, who does not exist`);
  }
  if (total !== 0) problems.push(`the balances add up to ${total}, not 0`);
  return problems.length > SHOWN ? [...problems.slice(0, SHOWN), `...and ${problems.length - SHOWN} more`] : problems;
}

/** Adds one posting (as stored, unchecked) to an audit: the snapshot reader calls it for every posting row. */
export function auditPosting(audit: PostingAudit, posting: Posting): void {
  audit.rows += 1;
  try {
    checkPosting(posting);
  } catch (error) {
    audit.problems.push((error as Error).message);
  }
  for (const entry of posting.entries ?? []) audit.sums.set(entry.account, (audit.sums.get(entry.account) ?? 0) + entry.amountMinor);
}

/**
 * Every posting's entries summed per account. Postings still on disk are not read back: a snapshot
 * file's postings were audited while it was read, and when every one of them is still in the table
 * untouched (postings are never changed or deleted one by one), that audit stands for them.
 */
function postingSums(db: Database): { sums: Map<string, number>; problems: string[] } {
  const total: PostingAudit = { rows: 0, sums: new Map(), problems: [] };
  const onDisk = new Map<RowFile, number>();
  for (const row of db.stored(POSTINGS)) {
    if (row instanceof DiskRow && row.file.audit) onDisk.set(row.file, (onDisk.get(row.file) ?? 0) + 1);
    else auditPosting(total, (row instanceof StoredRow ? row.parse() : row) as Posting);
  }
  for (const [file, count] of onDisk) {
    const audit = file.audit!;
    if (audit.rows === count) {
      total.problems.push(...audit.problems);
      for (const [account, sum] of audit.sums) total.sums.set(account, (total.sums.get(account) ?? 0) + sum);
      continue;
    }
    for (const row of db.stored(POSTINGS)) if (row instanceof DiskRow && row.file === file) auditPosting(total, row.parse() as Posting);
  }
  return total;
}

/** Stops a start whose stored ledger breaks its invariants; the doctor says more. */
export class DamagedLedger extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        'the stored ledger breaks its invariants; refusing to start:',
        ...problems.map((problem) => `  ${problem}`),
        'Run `dana-sim doctor --data DIR` on this data directory for the full report.',
      ].join('\n'),
    );
    this.name = 'DamagedLedger';
  }
}
