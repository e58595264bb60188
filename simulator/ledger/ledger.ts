// Double-entry ledger. Invariants (see README.md here) are checked on every write; a violation is a
// bug and throws before anything is applied.

export interface Entry {
  readonly account: string;
  /** Positive credits the account, negative debits it; minor units. */
  readonly amountMinor: number;
}

export interface Posting {
  readonly id: string;
  readonly at: number;
  /** What caused it, e.g. `topUp:<partnerId>:<partnerReferenceNo>`. */
  readonly ref: string;
  readonly memo: string;
  readonly entries: readonly Entry[];
}

/** Accounts that model money outside the simulated world; only they may go below zero. */
export function isExternalAccount(account: string): boolean {
  return account.startsWith('external:');
}

export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}

export function checkPosting(posting: Posting): void {
  if (posting.entries.length < 2) throw new InvariantViolation(`posting ${posting.id} has fewer than two entries`);
  let sum = 0;
  for (const entry of posting.entries) {
    if (!Number.isSafeInteger(entry.amountMinor)) throw new InvariantViolation(`posting ${posting.id}: amount is not a safe integer`);
    sum += entry.amountMinor;
  }
  if (sum !== 0) throw new InvariantViolation(`posting ${posting.id} does not balance (sum ${sum})`);
}

export class Ledger {
  private readonly balances = new Map<string, number>();
  private readonly postingIds = new Set<string>();
  private total = 0;

  /** `known` answers whether a posting id exists, when the caller already holds the postings. */
  constructor(private readonly known?: (postingId: string) => boolean) {}

  /** Starts from balances saved with a snapshot instead of replaying every posting. */
  restore(balances: Iterable<readonly [string, number]>): void {
    for (const [account, balance] of balances) {
      this.balances.set(account, balance);
      this.total += balance;
    }
  }

  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }

  accounts(): Map<string, number> {
    return new Map(this.balances);
  }

  /** The sum of every balance; zero forever, because money only moves between accounts. */
  totalMinor(): number {
    return this.total;
  }

  /** Checks a batch of postings against current balances without applying them. */
  check(postings: readonly Posting[]): void {
    const projected = new Map<string, number>();
    const ids = new Set<string>();
    for (const posting of postings) {
      checkPosting(posting);
      if (this.has(posting.id) || ids.has(posting.id)) throw new InvariantViolation(`posting ${posting.id} already exists`);
      ids.add(posting.id);
      for (const entry of posting.entries) {
        const next = (projected.get(entry.account) ?? this.balance(entry.account)) + entry.amountMinor;
        if (next < 0 && !isExternalAccount(entry.account)) {
          throw new InvariantViolation(`posting ${posting.id} overdraws ${entry.account}`);
        }
        projected.set(entry.account, next);
      }
    }
  }

  /** Applies a posting; returns the accounts it opened (absent until now), which unapply() closes again. */
  apply(posting: Posting): string[] {
    if (!this.known) this.postingIds.add(posting.id);
    const opened: string[] = [];
    for (const entry of posting.entries) {
      const balance = this.balances.get(entry.account);
      if (balance === undefined) opened.push(entry.account);
      this.balances.set(entry.account, (balance ?? 0) + entry.amountMinor);
      this.total += entry.amountMinor;
    }
    return opened;
  }

  /**
   * Takes back the newest application of a posting whose journal entry never became durable, so the
   * balances are again exactly those on disk: accounts it opened are gone again, not left at zero.
   */
  unapply(posting: Posting, opened: readonly string[]): void {
    if (!this.known) this.postingIds.delete(posting.id);
    for (const entry of posting.entries) {
      this.balances.set(entry.account, this.balance(entry.account) - entry.amountMinor);
      this.total -= entry.amountMinor;
    }
    for (const account of opened) this.balances.delete(account);
  }

  private has(postingId: string): boolean {
    return this.known ? this.known(postingId) : this.postingIds.has(postingId);
  }
}
