import { crc32 } from 'node:zlib';
import type { JournalEntry, Operation } from '../ledger/store.ts';

// One journal entry per line: `{"seq":N,"ops":[...],"crc":C}` where C is the CRC-32 of the line as it
// would read without the crc field. A line stays plain JSON (grep and jq work on it), and a flipped
// byte anywhere in it, even one that leaves valid JSON such as a changed account name, is caught.

const CRC_SUFFIX = /,"crc":(\d{1,10})\}$/;
const SEQ_PREFIX = /^\{"seq":(\d+),/;

export function encodeEntry(entry: JournalEntry): string {
  return encodePlaced(entry).line;
}

/** A put's value as written: the op it came from, and its bytes' place in the encoded line. */
export interface PlacedValue {
  readonly op: Extract<Operation, { op: 'put' }>;
  readonly start: number;
  readonly length: number;
}

/**
 * The line for an entry, and where each put's value lies in its bytes: once the line is written, a row
 * can be read back from the journal instead of being kept on the heap (ledger/stored-row.ts). The
 * line is what JSON.stringify gives for the entry; only the places are extra.
 */
export function encodePlaced(entry: JournalEntry): { line: string; bytes: number; values: PlacedValue[] } {
  let body = `{"seq":${entry.seq},"ops":[`;
  const values: { op: Extract<Operation, { op: 'put' }>; start: number; length: number }[] = [];
  entry.ops.forEach((op, i) => {
    if (i > 0) body += ',';
    const value = op.op === 'put' ? JSON.stringify(op.value) : undefined;
    if (op.op !== 'put' || value === undefined) {
      body += JSON.stringify(op);
      return;
    }
    body += `{"op":"put","table":${JSON.stringify(op.table)},"key":${JSON.stringify(op.key)},"value":`;
    values.push({ op, start: body.length, length: value.length });
    body += `${value}}`;
  });
  body += ']}';
  const line = `${body.slice(0, -1)},"crc":${crc32(body)}}\n`;
  // Places so far count UTF-16 units; they are byte offsets only while every character is ASCII.
  const bytes = Buffer.byteLength(line);
  if (bytes !== line.length)
    for (const value of values) {
      value.start = Buffer.byteLength(body.slice(0, value.start));
      value.length = Buffer.byteLength(JSON.stringify(value.op.value));
    }
  return { line, bytes, values };
}

/** The sequence number a line claims, read without parsing it (entries a snapshot holds are skipped). */
export function claimedSeq(line: string): number | undefined {
  const match = SEQ_PREFIX.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** The entry on a line, or why the line is damaged; `legacy` reads lines written before checksums. */
export function decodeEntry(line: string, legacy = false): JournalEntry | { damage: string } {
  const crc = CRC_SUFFIX.exec(line);
  if (!crc && !legacy) return { damage: line.startsWith('{') ? 'has no checksum' : 'is not a journal entry' };
  const body = crc ? `${line.slice(0, crc.index)}}` : line;
  if (crc && crc32(body) !== Number(crc[1])) return { damage: 'fails its checksum (the bytes changed after it was written)' };
  let entry: JournalEntry;
  try {
    entry = JSON.parse(body) as JournalEntry;
  } catch (error) {
    return { damage: `is not valid JSON (${(error as Error).message})` };
  }
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1 || !Array.isArray(entry.ops))
    return { damage: 'lacks a sequence number or operations' };
  return entry;
}
