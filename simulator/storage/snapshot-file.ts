import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { POSTINGS } from '../ledger/database.ts';
import type { Posting } from '../ledger/ledger.ts';
import { DiskRow, LoadedTable, RowFile, StoredRow, type PlacedRows, type SnapshotRows } from '../ledger/store.ts';
import { auditPosting } from '../ledger/verify.ts';
import { scanEntries } from './posting-scan.ts';

// A snapshot file: a header line `{"seq":N,"balances":[...]}`, one `[table, key, row]` line per row,
// and a closing line `{"end":N,"rows":count,"crc":C}` where C is the CRC-32 of every byte before it.
// Rows are written and read a chunk at a time, so a large state never stalls requests or the heap.

// Small chunks: serialising one is the longest a request waits behind a snapshot (~0.5 ms).
const ROWS_PER_CHUNK = 200;
const SYNC_EVERY_BYTES = 8 << 20;

/** Where and how a snapshot is damaged; the loader and the doctor name it. */
export class SnapshotDamage extends Error {
  constructor(
    readonly line: number,
    readonly what: string,
  ) {
    super(`line ${line}: ${what}`);
  }
}

/**
 * Writes every row at rows.seq; syncs as it goes (one sync of a 100 MB file stalls the journal's syncs
 * behind it). Rows still on disk are copied byte for byte, a run of adjacent lines per read. When the
 * rows can be re-pointed (rows.rehome), returns where each one was written.
 */
export async function writeSnapshot(handle: FileHandle, rows: SnapshotRows, fsync: boolean): Promise<PlacedRows[] | undefined> {
  const header = Buffer.from(`${JSON.stringify({ seq: rows.seq, balances: rows.balances })}\n`);
  await writeAll(handle, header);
  let crc = crc32(header);
  let count = 0;
  let unsynced = 0;
  let lines: Buffer[] = [];
  let inChunk = 0;
  /** Adjacent lines of one file still to be read, [from, to) without the last newline. */
  let run: { file: RowFile; from: number; to: number } | undefined;
  const endRun = () => {
    if (!run) return;
    lines.push(run.file.read(run.from, run.to - run.from), NEWLINE);
    run = undefined;
  };
  const flush = async () => {
    endRun();
    inChunk = 0;
    if (lines.length === 0) return;
    const chunk = Buffer.concat(lines);
    lines = [];
    await writeAll(handle, chunk);
    crc = crc32(chunk, crc);
    unsynced += chunk.length;
    if (fsync && unsynced >= SYNC_EVERY_BYTES) {
      await handle.datasync();
      unsynced = 0;
    }
    // Let requests run between chunks: a large state is written without stalling them.
    await new Promise((resolve) => setImmediate(resolve));
  };
  const placed: PlacedRows[] | undefined = rows.rehome ? [] : undefined;
  let position = header.length;
  for (const [table, entries] of rows.tables) {
    const here: PlacedRows | undefined = placed && { table, keys: [], values: [], at: [] };
    if (here) placed!.push(here);
    // Rows may be read live (Database.snapshotRows): a Map's iterator stays valid while it changes.
    for (const [key, value] of entries) {
      let valueFrom: number;
      let length: number;
      if (value instanceof DiskRow) {
        if (run && run.file === value.file && run.to + 1 === value.start) run.to = value.start + value.length;
        else {
          endRun();
          run = { file: value.file, from: value.start, to: value.start + value.length };
        }
        [valueFrom, length] = [value.valueFrom, value.length];
      } else {
        endRun();
        const line = rowLine(table, key, value);
        lines.push(line.bytes);
        [valueFrom, length] = [line.valueFrom, line.bytes.length - 1];
      }
      if (here) {
        here.keys.push(key);
        here.values.push(value);
        here.at.push(position, valueFrom, length);
      }
      position += length + 1;
      count += 1;
      if (++inChunk >= ROWS_PER_CHUNK) await flush();
    }
  }
  await flush();
  await writeAll(handle, Buffer.from(`${JSON.stringify({ end: rows.seq, rows: count, crc })}\n`));
  await handle.sync();
  return placed;
}

/** A write can be short (a nearly full disk); keep writing until every byte is out or the disk says no. */
export async function writeAll(handle: FileHandle, bytes: Buffer, position?: number): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, position === undefined ? null : position + offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('the disk accepted no bytes'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** A snapshot line `["table","key",value]\n`, and where its value starts; a stored row's value is copied as stored. */
function rowLine(table: string, key: string, value: unknown): { bytes: Buffer; valueFrom: number } {
  const head = `[${JSON.stringify(table)},${JSON.stringify(key)},`;
  const json = value instanceof StoredRow ? value.json : JSON.stringify(value);
  return { bytes: Buffer.from(`${head}${json}]\n`), valueFrom: Buffer.byteLength(head) };
}

const NEWLINE = Buffer.from('\n');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What splitRow found besides the value's start: one shared record, so a row allocates nothing but its key. */
const split = { tableEnd: 0, key: '' };

/**
 * Splits a row line `["table","key",value]` in place: returns where the value starts (the table's end
 * and the key in `split`), the value left as bytes until the row is read, or -1 for anything else.
 * Quotes and backslashes are ASCII, so they never occur inside a UTF-8 sequence; a key with escapes
 * is decoded with JSON.parse.
 */
function splitRow(bytes: Buffer, start: number, end: number): number {
  if (bytes[start] !== 0x5b || bytes[start + 1] !== QUOTE || bytes[end - 1] !== 0x5d) return -1;
  const tableEnd = bytes.indexOf(QUOTE, start + 2);
  if (tableEnd < 0 || tableEnd >= end || bytes[tableEnd + 1] !== 0x2c || bytes[tableEnd + 2] !== QUOTE) return -1;
  let keyEnd = tableEnd + 3;
  let escaped = false;
  for (; keyEnd < end && bytes[keyEnd] !== QUOTE; keyEnd++) {
    if (bytes[keyEnd] === BACKSLASH) {
      escaped = true;
      keyEnd++;
    }
  }
  if (bytes[keyEnd + 1] !== 0x2c) return -1;
  split.tableEnd = tableEnd;
  split.key = escaped
    ? (JSON.parse(bytes.toString('utf8', tableEnd + 2, keyEnd + 1)) as string)
    : bytes.toString('utf8', tableEnd + 3, keyEnd);
  return keyEnd + 2;
}

interface Header {
  seq: number;
  balances?: [string, number][];
}

/**
 * Reads a snapshot written by writeSnapshot(). Anything but exactly that (a missing or unparsable
 * header or closing line, a checksum or row count that does not match, a line after the closing one)
 * throws SnapshotDamage naming the line. `legacy` accepts a closing line without a checksum.
 */
export async function readSnapshot(path: string, legacy = false): Promise<SnapshotRows> {
  const reader = new SnapshotReader(path);
  for await (const [bytes, lines, offset] of readLines(path)) reader.chunk(bytes, lines, offset);
  const { header, end, lineNo, count, crc, file, tables } = reader;
  if (header === undefined) throw new SnapshotDamage(1, 'the file is empty');
  if (end === undefined) throw new SnapshotDamage(lineNo, 'the closing line is missing (the file was cut short)');
  if (end.end !== header.seq)
    throw new SnapshotDamage(lineNo, `the closing line is for sequence ${String(end.end)}, the header for ${header.seq}`);
  if (end.rows !== count) throw new SnapshotDamage(lineNo, `the closing line counts ${String(end.rows)} rows, the file holds ${count}`);
  // Snapshots written before checksums close without one; only the doctor reads them, to rewrite them.
  if (end.crc !== crc && !(legacy && end.crc === undefined))
    throw new SnapshotDamage(lineNo, 'the checksum does not match (the bytes changed after it was written)');
  return { seq: header.seq, tables: [...tables], file, ...(header.balances ? { balances: header.balances } : {}) };
}

/** The state of one read, fed a chunk at a time (a plain loop, kept out of the async one so it optimises). */
class SnapshotReader {
  // Rows stay in the file: each is a DiskRow reading from this descriptor (ledger/stored-row.ts).
  readonly file: RowFile;
  readonly tables = new Map<string, LoadedTable>();
  /** The load's ledger check needs every posting's entries: summed while the bytes are here. */
  private readonly audit = { rows: 0, sums: new Map<string, number>(), problems: [] };
  header: Header | undefined;
  end: { end?: unknown; rows?: unknown; crc?: unknown } | undefined;
  crc = 0;
  lineNo = 0;
  count = 0;
  /** The table of the previous row and its name's bytes: rows come grouped by table. */
  private table: string | undefined;
  private tableBytes = Buffer.alloc(0);

  constructor(path: string) {
    this.file = new RowFile(path);
    this.file.audit = this.audit;
  }

  chunk(bytes: Buffer, lines: number[], offset: number): void {
    // The lines of one read chunk lie back to back in it: one checksum call covers them all.
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i < lines.length; i += 2) {
      const from = lines[i];
      const to = lines[i + 1];
      this.lineNo += 1;
      if (this.end !== undefined) throw new SnapshotDamage(this.lineNo, 'text after the closing line');
      if (this.header === undefined) {
        this.header = parseLine<Header>(bytes.toString('utf8', from, to), this.lineNo, 'header');
        if (!Number.isSafeInteger(this.header.seq) || this.header.seq < 0)
          throw new SnapshotDamage(this.lineNo, 'the header has no sequence number');
      } else if (bytes[from] === 0x5b) {
        this.row(bytes, from, to, offset);
      } else {
        this.end = parseLine(bytes.toString('utf8', from, to), this.lineNo, 'closing line');
        continue;
      }
      if (runStart < 0) runStart = from;
      runEnd = to;
    }
    if (runStart >= 0) this.crc = crc32(NEWLINE, crc32(bytes.subarray(runStart, runEnd), this.crc));
  }

  private row(bytes: Buffer, from: number, to: number, offset: number): void {
    let table: string;
    let key: string;
    let value: unknown;
    const valueAt = splitRow(bytes, from, to);
    if (valueAt >= 0) {
      table = this.tableOf(bytes, from + 2, split.tableEnd);
      key = split.key;
      value = new DiskRow(this.file, offset + from, valueAt - from, to - from);
    } else [table, key, value] = parseLine<[string, string, unknown]>(bytes.toString('utf8', from, to), this.lineNo, 'row');
    if (table === POSTINGS) {
      const entries = valueAt >= 0 ? scanEntries(bytes, valueAt, to - 1) : undefined;
      const posting =
        entries !== undefined
          ? { id: key, entries }
          : valueAt >= 0
            ? parseLine<Posting>(bytes.toString('utf8', valueAt, to - 1), this.lineNo, 'posting')
            : value;
      auditPosting(this.audit, posting as Posting);
    }
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new LoadedTable()));
    rows.set(key, value);
    this.count += 1;
  }

  /** The table name at bytes[from, to), without decoding it again while it is the previous row's. */
  private tableOf(bytes: Buffer, from: number, to: number): string {
    const length = to - from;
    if (this.table !== undefined && length === this.tableBytes.length) {
      let same = true;
      for (let i = 0; same && i < length; i++) same = bytes[from + i] === this.tableBytes[i];
      if (same) return this.table;
    }
    this.table = bytes.toString('utf8', from, to);
    this.tableBytes = Buffer.from(bytes.subarray(from, to));
    return this.table;
  }
}

function parseLine<T>(text: string, line: number, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SnapshotDamage(line, `the ${what} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * A file's complete lines, a read chunk at a time, as the chunk, the [start, end) of each line, and
 * the file offset of the chunk's first byte. A line cut by a chunk boundary is joined into a buffer of
 * its own, so chunks are never copied.
 */
async function* readLines(path: string): AsyncGenerator<[Buffer, number[], number]> {
  let carry: Buffer | undefined;
  /** File offset of the first byte of the chunk just read. */
  let position = 0;
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = read as Buffer;
    const chunkAt = position;
    position += bytes.length;
    let start = 0;
    if (carry) {
      const newline = bytes.indexOf(10);
      if (newline < 0) {
        carry = Buffer.concat([carry, bytes]);
        continue;
      }
      const joined = Buffer.concat([carry, bytes.subarray(0, newline)]);
      yield [joined, [0, joined.length], chunkAt - carry.length];
      start = newline + 1;
    }
    const lines: number[] = [];
    for (let newline = bytes.indexOf(10, start); newline >= 0; newline = bytes.indexOf(10, start)) {
      lines.push(start, newline);
      start = newline + 1;
    }
    carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
    yield [bytes, lines, chunkAt];
  }
  if (carry) yield [carry, [0, carry.length], position - carry.length];
}
