// X-EXTERNAL-ID must be unique per partner within a Jakarta day (auth.md section 7.3). Held in memory
// for the current day only: a restart forgets the day's ids, which can only make the simulator more
// lenient, never reject a request DANA would accept.

export class ExternalIdRegistry {
  private day = '';
  private seen = new Set<string>();

  /** Returns false when the id was already used today by this partner. */
  claim(partnerId: string, externalId: string, day: string): boolean {
    if (day !== this.day) {
      this.day = day;
      this.seen = new Set();
    }
    const key = `${partnerId}\u0000${externalId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** Forgets a claim whose request left no trace (its change was refused by a full disk): a retry may reuse it. */
  release(partnerId: string, externalId: string): void {
    this.seen.delete(`${partnerId}\u0000${externalId}`);
  }
}
