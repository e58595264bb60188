import type { JournalEntry, RowFile, WrittenRows } from '../ledger/store.ts';
import { encodePlaced } from './journal-line.ts';

/** A batch taken for writing: its bytes, and its puts' places counted from the batch's first byte. */
export interface TakenBatch {
  readonly bytes: Buffer;
  /** Where the puts lie once the batch is written at `offset` of `file`. */
  placed(file: RowFile, offset: number): WrittenRows;
}

/**
 * Journal entries appended and not yet taken for writing, encoded as they arrive, with where each
 * put's value will lie: after the write, the database reads those rows back from the segment instead
 * of keeping them (ledger/stored-row.ts, JournalRow).
 */
export class PendingBatch {
  private lines: string[] = [];
  private bytes = 0;
  private tables: string[] = [];
  private keys: string[] = [];
  private values: unknown[] = [];
  private at: number[] = [];

  get empty(): boolean {
    return this.lines.length === 0;
  }

  add(entry: JournalEntry): void {
    const encoded = encodePlaced(entry);
    for (const { op, start, length } of encoded.values) {
      this.tables.push(op.table);
      this.keys.push(op.key);
      this.values.push(op.value);
      this.at.push(this.bytes + start, length);
    }
    this.lines.push(encoded.line);
    this.bytes += encoded.bytes;
  }

  take(): TakenBatch {
    const { tables, keys, values, at } = this;
    const bytes = Buffer.from(this.lines.join(''));
    this.clear();
    return {
      bytes,
      placed(file, offset) {
        for (let i = 0; i < at.length; i += 2) at[i] += offset;
        return { file, tables, keys, values, at };
      },
    };
  }

  /** Drops everything appended (the entries were lost and rolled back). */
  clear(): void {
    this.lines = [];
    this.bytes = 0;
    this.tables = [];
    this.keys = [];
    this.values = [];
    this.at = [];
  }
}
