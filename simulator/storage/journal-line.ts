import { crc32 } from 'node:zlib';
import type { JournalEntry } from '../ledger/store.ts';

// One journal entry per line: `{"seq":N,"ops":[...],"crc":C}` where C is the CRC-32 of the line as it
// would read without the crc field. A line stays plain JSON (grep and jq work on it), and a flipped
// byte anywhere in it, even one that leaves valid JSON such as a changed account name, is caught.

const CRC_SUFFIX = /,"crc":(\d{1,10})\}$/;
const SEQ_PREFIX = /^\{"seq":(\d+),/;

export function encodeEntry(entry: JournalEntry): string {
  const body = JSON.stringify({ seq: entry.seq, ops: entry.ops });
  return `${body.slice(0, -1)},"crc":${crc32(body)}}\n`;
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
