import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { StoredRow, type JournalEntry, type SnapshotRows, type Store } from './store.ts';

// Durable store: an append-only journal of JSON lines written with group commit (one write +
// fdatasync for every batch of entries that arrived while the previous batch was being flushed), and
// snapshots that fold the journal in. A snapshot is streamed out as JSON lines in chunks that yield
// to the event loop, so a large state never stalls requests; lowdb keeps the small manifest that
// names the latest complete snapshot, written atomically. The cost of a request is one journal line,
// whatever the history. See README.md here.

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface Manifest {
  readonly snapshot: string;
  readonly seq: number;
}

export interface FileStoreOptions {
  /** Journal entries between snapshots. */
  readonly compactEvery?: number;
  /** Turn off only for throwaway data (benchmarks of the CPU path); replies then outrun the disk. */
  readonly fsync?: boolean;
}

const SNAPSHOT = /^snapshot-(\d+)\.jsonl$/;
const SEGMENT = /^journal-(\d+)\.jsonl$/;
const ROWS_PER_CHUNK = 2000;
const SYNC_EVERY_BYTES = 8 << 20;

export class FileStore implements Store {
  private readonly compactEvery: number;
  private readonly fsync: boolean;
  /** The segment new batches go to; it moves forward the instant a snapshot is taken. */
  private segment = 0;
  private handle: FileHandle | undefined;
  private handleSegment = 0;
  private pending: string[] = [];
  private appended = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private io: Promise<void> = Promise.resolve();
  private sinceSnapshot = 0;
  private compaction: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly manifest: Low<Manifest | null>;

  constructor(
    private readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 20_000;
    this.fsync = options.fsync ?? true;
    this.manifest = new Low<Manifest | null>(new JSONFile(join(dir, 'manifest.json')), null);
  }

  async load(): Promise<{ snapshot: SnapshotRows; entries: JournalEntry[] }> {
    await mkdir(this.dir, { recursive: true });
    await this.manifest.read();
    const snapshot = this.manifest.data ? await readSnapshot(join(this.dir, this.manifest.data.snapshot)) : { seq: 0, tables: [] };
    const segments = numbered(await readdir(this.dir), SEGMENT);
    const entries: JournalEntry[] = [];
    for (const index of segments) {
      const text = await readFile(join(this.dir, `journal-${index}.jsonl`), 'utf8');
      for (const entry of parseSegment(text, `journal-${index}.jsonl`, snapshot.seq)) entries.push(entry);
    }
    this.sinceSnapshot = entries.length;
    // A crash may have cut the last line of the newest segment; never append after it.
    this.segment = (segments.at(-1) ?? 0) + 1;
    await this.openSegment();
    return { snapshot, entries };
  }

  append(entry: JournalEntry): void {
    this.pending.push(`${JSON.stringify(entry)}\n`);
    this.appended += 1;
    this.sinceSnapshot += 1;
  }

  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable === this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo: this.appended, resolve, reject });
      this.startFlushing();
    });
  }

  compactIfDue(rows: () => SnapshotRows): void {
    if (this.compaction || this.sinceSnapshot < this.compactEvery) return;
    this.sinceSnapshot = 0;
    const taken = rows();
    // Every entry up to taken.seq has been appended already; from this instant new batches go to a
    // new segment, so older segments hold nothing the snapshot lacks and can go once it is durable.
    const oldSegments = Array.from({ length: this.segment }, (_, i) => i + 1);
    this.segment += 1;
    this.compaction = this.compact(taken, oldSegments)
      .catch((error: unknown) => {
        // A failed snapshot loses nothing (the journal still holds everything); try again later.
        console.error('dana-sim: snapshot failed, the journal keeps everything:', error);
      })
      .finally(() => {
        this.compaction = undefined;
      });
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    await this.compaction;
    await this.io;
    await this.handle?.close();
    this.handle = undefined;
  }

  private startFlushing(): void {
    if (this.flushing) return;
    this.flushing = true;
    this.io = this.io.then(() => this.flushAll());
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.join('');
        const upTo = this.appended;
        this.pending = [];
        if (this.handleSegment !== this.segment) await this.openSegment();
        if (!this.handle) throw new Error('journal is closed');
        await this.handle.write(batch);
        if (this.fsync) await this.handle.datasync();
        this.durable = upTo;
        this.waiters = this.waiters.filter((waiter) => {
          if (waiter.upTo > this.durable) return true;
          waiter.resolve();
          return false;
        });
      }
    } catch (error) {
      // The disk refused a write: memory is now ahead of it, so stop acknowledging anything.
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  private async openSegment(): Promise<void> {
    await this.handle?.close();
    this.handle = await open(join(this.dir, `journal-${this.segment}.jsonl`), 'a');
    this.handleSegment = this.segment;
  }

  private async compact(rows: SnapshotRows, oldSegments: number[]): Promise<void> {
    const name = `snapshot-${rows.seq}.jsonl`;
    const path = join(this.dir, name);
    const handle = await open(`${path}.tmp`, 'w');
    try {
      await handle.write(`${JSON.stringify({ seq: rows.seq, balances: rows.balances })}\n`);
      let count = 0;
      let unsynced = 0;
      for (const [table, entries] of rows.tables) {
        for (let start = 0; start < entries.length; start += ROWS_PER_CHUNK) {
          const chunk = Buffer.concat(entries.slice(start, start + ROWS_PER_CHUNK).flatMap(([key, value]) => rowLine(table, key, value)));
          await handle.write(chunk);
          count += Math.min(ROWS_PER_CHUNK, entries.length - start);
          // Sync as we go: one sync of a 100 MB file at the end stalls the journal's syncs behind it.
          unsynced += chunk.length;
          if (this.fsync && unsynced >= SYNC_EVERY_BYTES) {
            await handle.datasync();
            unsynced = 0;
          }
          // Let requests run between chunks: a large state is written without stalling them.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      await handle.write(`${JSON.stringify({ end: rows.seq, rows: count })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(`${path}.tmp`, path);
    await syncPath(this.dir);
    this.manifest.data = { snapshot: name, seq: rows.seq };
    await this.manifest.write();
    await syncPath(join(this.dir, 'manifest.json'));
    await syncPath(this.dir);
    for (const index of numbered(await readdir(this.dir), SNAPSHOT)) {
      if (index < rows.seq) await unlink(join(this.dir, `snapshot-${index}.jsonl`)).catch(() => undefined);
    }
    for (const index of oldSegments) await unlink(join(this.dir, `journal-${index}.jsonl`)).catch(() => undefined);
  }
}

/** A snapshot line `[table, key, value]` as buffers; a stored row's line is copied back byte for byte. */
function rowLine(table: string, key: string, value: unknown): Buffer[] {
  if (value instanceof StoredRow) return [value.line, NEWLINE];
  return [Buffer.from(`[${JSON.stringify(table)},${JSON.stringify(key)},${JSON.stringify(value)}]\n`)];
}

const NEWLINE = Buffer.from('\n');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A row line `["table","key",value]` as [table, key, row], the value left as bytes until the row is
 * read. Quotes and backslashes are ASCII, so they never occur inside a UTF-8 sequence; a key with
 * escapes is decoded with JSON.parse. Returns undefined for anything else.
 */
function splitRow(bytes: Buffer, start: number, end: number): [string, string, StoredRow] | undefined {
  if (bytes[start] !== 0x5b || bytes[start + 1] !== QUOTE || bytes[end - 1] !== 0x5d) return undefined;
  const tableEnd = bytes.indexOf(QUOTE, start + 2);
  if (tableEnd < 0 || tableEnd >= end || bytes[tableEnd + 1] !== 0x2c || bytes[tableEnd + 2] !== QUOTE) return undefined;
  let keyEnd = tableEnd + 3;
  let escaped = false;
  for (; keyEnd < end && bytes[keyEnd] !== QUOTE; keyEnd++) {
    if (bytes[keyEnd] === BACKSLASH) {
      escaped = true;
      keyEnd++;
    }
  }
  if (bytes[keyEnd + 1] !== 0x2c) return undefined;
  const key = escaped
    ? (JSON.parse(bytes.toString('utf8', tableEnd + 2, keyEnd + 1)) as string)
    : bytes.toString('utf8', tableEnd + 3, keyEnd);
  return [bytes.toString('utf8', start + 2, tableEnd), key, new StoredRow(bytes, start, keyEnd + 2, end - 1, end)];
}

/** Reads a snapshot written by compact(); one without its closing line is damage, and refused loudly. */
async function readSnapshot(path: string): Promise<SnapshotRows> {
  const tables = new Map<string, [string, unknown][]>();
  let header: { seq: number; balances?: [string, number][] } | undefined;
  let end: number | undefined;
  for await (const [bytes, lines] of readLines(path)) {
    for (let i = 0; i < lines.length; i += 2) {
      const [from, to] = [lines[i], lines[i + 1]];
      if (from === to) continue;
      const row = splitRow(bytes, from, to);
      if (row || bytes[from] === 0x5b) {
        const [table, key, value] = row ?? (JSON.parse(bytes.toString('utf8', from, to)) as [string, string, unknown]);
        let rows = tables.get(table);
        if (!rows) tables.set(table, (rows = []));
        rows.push([key, value]);
      } else if (header === undefined) {
        header = JSON.parse(bytes.toString('utf8', from, to)) as { seq: number; balances?: [string, number][] };
      } else {
        end = (JSON.parse(bytes.toString('utf8', from, to)) as { end: number }).end;
      }
    }
  }
  if (header === undefined || end !== header.seq) throw new Error(`${path} is incomplete; the manifest should never name such a snapshot`);
  return { seq: header.seq, tables: [...tables], ...(header.balances ? { balances: header.balances } : {}) };
}

/**
 * A file's complete lines, a read chunk at a time, as the chunk and the [start, end) of each line.
 * A line cut by a chunk boundary is joined into a buffer of its own, so chunks are never copied.
 */
async function* readLines(path: string): AsyncGenerator<[Buffer, number[]]> {
  let carry: Buffer | undefined;
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = read as Buffer;
    let start = 0;
    if (carry) {
      const newline = bytes.indexOf(10);
      if (newline < 0) {
        carry = Buffer.concat([carry, bytes]);
        continue;
      }
      const joined = Buffer.concat([carry, bytes.subarray(0, newline)]);
      yield [joined, [0, joined.length]];
      start = newline + 1;
    }
    const lines: number[] = [];
    for (let newline = bytes.indexOf(10, start); newline >= 0; newline = bytes.indexOf(10, start)) {
      lines.push(start, newline);
      start = newline + 1;
    }
    carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
    yield [bytes, lines];
  }
  if (carry) yield [carry, [0, carry.length]];
}

function numbered(names: string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const SEQ_PREFIX = /^\{"seq":(\d+),/;

/** The entries of a segment after `afterSeq`; those the snapshot already holds are skipped unparsed. */
function parseSegment(text: string, name: string, afterSeq: number): JournalEntry[] {
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const seq = SEQ_PREFIX.exec(lines[i]);
    if (seq && Number(seq[1]) <= afterSeq) continue;
    try {
      entries.push(JSON.parse(lines[i]) as JournalEntry);
    } catch (error) {
      // Only the last line can be torn by a crash (it was never acknowledged); anything else is damage.
      const isLast = lines.slice(i + 1).every((line) => line === '');
      if (isLast) break;
      throw new Error(`${name}: line ${i + 1} is corrupt: ${(error as Error).message}`);
    }
  }
  return entries;
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
