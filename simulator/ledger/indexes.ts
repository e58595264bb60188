import { parsedRows, StoredRow } from './stored-row.ts';

// Secondary indexes over a table, so a lookup by something other than the row key (a transaction by
// DANA's referenceNo, the notifications still pending, a VA bill by number) costs the same with a
// million rows of history as with ten. An index is built on its first lookup, by one pass over the
// table (a restart stays as fast as before), and from then on kept up to date by every change,
// rollback and clear the database applies. Lookups see committed rows, not an open transaction's.

export interface Index<T> {
  readonly table: string;
  /** The value a row is found by, or undefined to leave the row out (a partial index). */
  readonly keyOf: (row: T) => string | undefined;
}

export function defineIndex<T>(table: string, keyOf: (row: T) => string | undefined): Index<T> {
  return { table, keyOf };
}

interface Built {
  readonly rowsByValue: Map<string, Set<string>>;
  readonly valueByRow: Map<string, string>;
}

const parsed = (value: unknown) => (value instanceof StoredRow ? value.parse() : value);

export class Indexes {
  private readonly built = new Map<Index<never>, Built>();

  /** The keys of the rows whose index value is `value`; `rows` is read once, to build the index. */
  keys<T>(index: Index<T>, value: string, rows: () => Iterable<[string, unknown]>): string[] {
    let built = this.built.get(index as Index<never>);
    if (!built) {
      built = { rowsByValue: new Map(), valueByRow: new Map() };
      // Rows still on disk are read back a run of adjacent lines at a time (stored-row.ts).
      for (const [key, row] of parsedRows(rows())) this.add(built, index, key, row);
      this.built.set(index as Index<never>, built);
    }
    return [...(built.rowsByValue.get(value) ?? [])];
  }

  /** A row was put (value) or deleted (undefined). */
  changed(table: string, key: string, value: unknown): void {
    for (const [index, built] of this.built) {
      if (index.table !== table) continue;
      this.remove(built, key);
      if (value !== undefined) this.add(built, index, key, parsed(value));
    }
  }

  /** A table was cleared or swapped whole (reset, or its rollback): its indexes are built again when next used. */
  dropped(table: string): void {
    for (const index of [...this.built.keys()]) if (index.table === table) this.built.delete(index);
  }

  private add(built: Built, index: Index<never>, key: string, row: unknown): void {
    const value = index.keyOf(row as never);
    if (value === undefined) return;
    built.valueByRow.set(key, value);
    let keys = built.rowsByValue.get(value);
    if (!keys) built.rowsByValue.set(value, (keys = new Set()));
    keys.add(key);
  }

  private remove(built: Built, key: string): void {
    const value = built.valueByRow.get(key);
    if (value === undefined) return;
    built.valueByRow.delete(key);
    const keys = built.rowsByValue.get(value)!;
    keys.delete(key);
    if (keys.size === 0) built.rowsByValue.delete(value);
  }
}
