import type { Ledger, Posting } from './ledger.ts';

// What it takes to undo the entries that are in memory but not yet durable. When the journal cannot
// write a batch, every entry from that batch on is lost, and the database takes them back newest
// first so that memory again equals the disk exactly (README.md here, "Durability"). Entries leave
// the log as soon as the store reports them durable, so it holds at most the batches in flight.

/** How to take back one applied operation exactly. */
export type UndoStep =
  | {
      readonly kind: 'row';
      readonly table: string;
      readonly key: string;
      /** The row's raw value before (a StoredRow stays one), or absent. */
      readonly had: boolean;
      readonly previous: unknown;
      /** The operation created the table, so undoing it removes the table again. */
      readonly createdTable: boolean;
      /** A posting put: its ledger effect, and the accounts it opened. */
      readonly posting?: Posting;
      readonly opened?: readonly string[];
    }
  | {
      readonly kind: 'table';
      readonly table: string;
      /** The rows a clear dropped (the same Map, untouched since), or undefined when there was no table. */
      readonly rows: Map<string, unknown> | undefined;
      /** Clearing the postings replaces the ledger; undoing it puts the old one back. */
      readonly ledger: Ledger | undefined;
    };

interface Undo {
  readonly seq: number;
  readonly steps: readonly UndoStep[];
}

export class UndoLog {
  /** Oldest first; sequence numbers are consecutive. */
  private entries: Undo[] = [];

  record(seq: number, steps: readonly UndoStep[]): void {
    this.entries.push({ seq, steps });
  }

  /** Forgets the entries up to `durableSeq`: they can no longer be lost. */
  trim(durableSeq: number): void {
    let durable = 0;
    while (durable < this.entries.length && this.entries[durable].seq <= durableSeq) durable += 1;
    if (durable > 0) this.entries.splice(0, durable);
  }

  /**
   * Removes the entries from `fromSeq` on and returns their steps in the order to undo them (newest
   * entry first, each entry's operations last to first), with the oldest entry's sequence number.
   */
  takeFrom(fromSeq: number): { readonly firstSeq: number | undefined; readonly steps: UndoStep[] } {
    const at = this.entries.findIndex((entry) => entry.seq >= fromSeq);
    if (at < 0) return { firstSeq: undefined, steps: [] };
    const taken = this.entries.splice(at);
    return { firstSeq: taken[0].seq, steps: taken.reverse().flatMap((entry) => [...entry.steps].reverse()) };
  }

  /** Entries held (tests: the log is trimmed once entries are durable). */
  get size(): number {
    return this.entries.length;
  }
}
