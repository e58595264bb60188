import { closeSync, openSync, readSync } from 'node:fs';

// Rows still in their stored form, parsed only when read. After a restart (and after every snapshot)
// a row of history is a DiskRow: where its line lies in a snapshot file, a few numbers on the heap,
// its bytes left on disk (the page cache makes reading one back a few µs). Memory then follows the
// rows in use, not the history (README.md here, "Durability").

/**
 * A table as a store loaded it, handed over once: the database takes it as its own table instead of
 * copying it (a million rows are not built twice, and the first copy never lingers as garbage).
 */
export class LoadedTable extends Map<string, unknown> {}

/** A row as stored: its value's JSON, parsed when the row is read. */
export abstract class StoredRow {
  abstract get json(): string;

  parse(): unknown {
    return JSON.parse(this.json);
  }
}

/** A stored row held in memory (tests, and anything built from bytes at hand). */
export class BufferRow extends StoredRow {
  constructor(
    private readonly bytes: Buffer,
    private readonly lineStart: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    private readonly lineEnd: number,
  ) {
    super();
  }

  get json(): string {
    return this.bytes.toString('utf8', this.valueStart, this.valueEnd);
  }

  /** The stored line `[table, key, value]` (no newline). */
  get line(): Buffer {
    return this.bytes.subarray(this.lineStart, this.lineEnd);
  }
}

/** What the postings of a snapshot add up to, taken while it was read (ledger/verify.ts). */
export interface PostingAudit {
  rows: number;
  readonly sums: Map<string, number>;
  readonly problems: string[];
}

// A file stays open while any row points into it, so an unlinked one stays readable (Linux
// keeps the inode until the last descriptor goes). Rows do not count their file's users: once none
// refers to it (every row re-pointed to a newer snapshot, undo information dropped), the collector
// finalises it, the descriptor is closed and the disk space freed. A store closes its files when it
// stops; the shared `open` record keeps the two from closing a descriptor twice (by then its number
// may belong to another file).
const descriptors = new FinalizationRegistry<{ fd: number; open: boolean }>((held) => {
  if (!held.open) return;
  held.open = false;
  closeSync(held.fd);
});

/** An open snapshot file or journal segment that stored rows read from. */
export class RowFile {
  private readonly held: { fd: number; open: boolean };
  /** Set by the reader for the postings table, so the load's ledger check parses nothing twice. */
  audit: PostingAudit | undefined;

  constructor(readonly path: string) {
    this.held = { fd: openSync(path, 'r'), open: true };
    descriptors.register(this, this.held, this);
  }

  /** `length` bytes at `position`; a short read means the file changed under us, which is a bug. */
  read(position: number, length: number): Buffer {
    if (this.held.open) return readAt(this.path, this.held.fd, position, length);
    // The store stopped (a read after close, rare): open the file again just for this read, never
    // trusting the old descriptor number, which may belong to another file by now.
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      throw new Error(`${this.path} was closed with its store and cannot be opened again: ${(error as Error).message}`);
    }
    try {
      return readAt(this.path, fd, position, length);
    } finally {
      closeSync(fd);
    }
  }

  /** The store stopped: its descriptor goes; a later read opens the file for itself. */
  close(): void {
    if (!this.held.open) return;
    this.held.open = false;
    descriptors.unregister(this);
    closeSync(this.held.fd);
  }
}

function readAt(path: string, fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  for (let done = 0; done < length;) {
    const got = readSync(fd, bytes, done, length - done, position + done);
    if (got <= 0) throw new Error(`${path}: ${length} bytes at ${position} are gone (the file was cut short)`);
    done += got;
  }
  return bytes;
}

/** A row whose line is `length` bytes at `start` in `file`; its value runs from `start + valueFrom` to the closing `]`. */
export class DiskRow extends StoredRow {
  constructor(
    readonly file: RowFile,
    readonly start: number,
    readonly valueFrom: number,
    readonly length: number,
  ) {
    super();
  }

  get json(): string {
    return this.file.read(this.start + this.valueFrom, this.length - this.valueFrom - 1).toString('utf8');
  }

  /** The snapshot line itself (no newline), for writing the row back without decoding it. */
  get line(): Buffer {
    return this.file.read(this.start, this.length);
  }
}

/**
 * A row whose value is the `length` bytes at `start` of a journal segment: the value of a put, once
 * its entry is written. Rows then leave the heap as they are made, not only at the next snapshot.
 */
export class JournalRow extends StoredRow {
  constructor(
    readonly file: RowFile,
    readonly start: number,
    readonly length: number,
  ) {
    super();
  }

  get json(): string {
    return this.file.read(this.start, this.length).toString('utf8');
  }
}

/** The puts of a batch just written to a journal segment: `at` holds each value's start and length. */
export interface WrittenRows {
  readonly file: RowFile;
  readonly tables: string[];
  readonly keys: string[];
  readonly values: unknown[];
  readonly at: number[];
}

/**
 * Rows still holding exactly the value a batch wrote become JournalRows of it; a row changed since
 * keeps its newer value (it will be written, and pointed at, in its own batch).
 */
export function pointAtJournal(tables: Map<string, Map<string, unknown>>, written: WrittenRows): void {
  const { file, keys, values, at } = written;
  for (let i = 0; i < keys.length; i++) {
    const rows = tables.get(written.tables[i]);
    if (rows?.get(keys[i]) === values[i]) rows!.set(keys[i], new JournalRow(file, at[2 * i], at[2 * i + 1]));
  }
}

/**
 * Where a snapshot put the rows it wrote, table by table, in the order written: `at` holds three
 * numbers per row (line start, value offset in the line, line length). Flat arrays, so a snapshot of a
 * million rows costs ~20 bytes a row while it is written, not an object each.
 */
export interface PlacedRows {
  readonly table: string;
  readonly keys: string[];
  readonly values: unknown[];
  readonly at: number[];
}

/**
 * After a snapshot is installed: every row still exactly what was written (the same value in its
 * table) becomes a DiskRow of the new file, so the values written or read since the last snapshot
 * are released, and older snapshot files lose their last readers.
 */
export async function rehome(tables: Map<string, Map<string, unknown>>, file: RowFile, placed: readonly PlacedRows[]): Promise<void> {
  let done = 0;
  for (const { table, keys, values, at } of placed) {
    for (let i = 0; i < keys.length; i++) {
      // Requests run between slices (a million rows take a few hundred ms); the check below is made
      // at the moment of each swap, so a row changed meanwhile simply keeps its new value.
      if (++done % REHOME_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const rows = tables.get(table);
      if (rows?.get(keys[i]) !== values[i]) continue;
      rows!.set(keys[i], new DiskRow(file, at[3 * i], at[3 * i + 1], at[3 * i + 2]));
    }
  }
}

const REHOME_SLICE = 10_000;

/** Lines read back per system call when a whole table is read (an index being built). */
const RUN_ROWS = 512;

/**
 * Every row of a table parsed, for a pass over all of them (an index build): DiskRows lying one after
 * another in their file are read a run per system call instead of one each. Leaves the table as it is.
 */
export function* parsedRows(rows: Iterable<readonly [string, unknown]>): Generator<[string, unknown]> {
  let run: [string, DiskRow][] = [];
  const flush = function* (): Generator<[string, unknown]> {
    if (run.length === 0) return;
    const first = run[0][1];
    const last = run[run.length - 1][1];
    const bytes = first.file.read(first.start, last.start + last.length - first.start);
    for (const [key, row] of run) {
      const from = row.start - first.start + row.valueFrom;
      yield [key, JSON.parse(bytes.toString('utf8', from, row.start - first.start + row.length - 1))];
    }
    run = [];
  };
  for (const [key, value] of rows) {
    if (value instanceof DiskRow) {
      const previous = run.at(-1)?.[1];
      if (previous && (previous.file !== value.file || previous.start + previous.length + 1 !== value.start || run.length >= RUN_ROWS))
        yield* flush();
      run.push([key, value]);
      continue;
    }
    yield* flush();
    yield [key, value instanceof StoredRow ? value.parse() : value];
  }
  yield* flush();
}
