import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { JournalEntry, SnapshotRows } from '../ledger/store.ts';
import { claimedSeq, decodeEntry } from './journal-line.ts';
import { readSnapshot, SnapshotDamage } from './snapshot-file.ts';

// Reads a state directory and says exactly what is wrong with it. The server loads only a directory
// with no problem at all (a torn final entry, which was never acknowledged, is the one exception); the
// doctor reports every problem and rebuilds from `snapshot` plus `entries`, the longest run of
// intact, consecutive entries after the newest intact snapshot.

export const FORMAT = 2;
export const MANIFEST = 'manifest.json';
export const SNAPSHOT = /^snapshot-(\d+)\.jsonl$/;
const SEGMENT = /^journal-(\d+)\.jsonl$/;

export interface Manifest {
  readonly format: number;
  /** The newest complete snapshot; null until the first one is written. */
  readonly snapshot: string | null;
  readonly seq: number;
  /** The newest journal segment a start or a snapshot opened; it and every one after the oldest left must exist. */
  readonly segment: number;
}

export interface Problem {
  readonly file: string;
  readonly line?: number;
  readonly seq?: number;
  readonly what: string;
  /** For a gap: the first and last missing sequence number. */
  readonly missing?: readonly [number, number];
}

/** An entry that is intact but cannot be applied, because one before it is missing or damaged. */
export interface Stranded {
  readonly file: string;
  readonly line: number;
  readonly entry: JournalEntry;
}

export interface Inspection {
  readonly dir: string;
  readonly manifest: Manifest | undefined;
  readonly snapshot: SnapshotRows;
  readonly snapshotFile: string | undefined;
  readonly entries: JournalEntry[];
  readonly stranded: Stranded[];
  /** The newest segment's last line, cut by a crash before its newline: never acknowledged. */
  readonly torn: { readonly file: string; readonly offset: number; readonly seq?: number } | undefined;
  readonly problems: Problem[];
  /** Nothing stored yet: a first start. */
  readonly fresh: boolean;
  readonly segments: number[];
  readonly snapshots: number[];
}

export function numbered(names: string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export async function inspectState(dir: string): Promise<Inspection> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const problems: Problem[] = [];
  const snapshots = numbered(names, SNAPSHOT);
  const segments = numbered(names, SEGMENT);
  const texts = await Promise.all(segments.map((index) => readFile(join(dir, `journal-${index}.jsonl`), 'utf8')));
  const holdsEntries = texts.some((text) => text.trim() !== '');
  const { manifest, legacy } = await readManifest(dir, names, problems, texts);
  if (legacy) {
    problems.push({
      file: MANIFEST,
      what: `the directory was written by an older dana-sim (format 1, no checksums): \`doctor --repair\` rewrites it in format ${FORMAT}, losing nothing`,
    });
  }

  let { snapshot, snapshotFile } = await namedSnapshot(dir, manifest, problems, legacy);
  if (!manifest && !legacy && (snapshots.length > 0 || holdsEntries)) {
    problems.push({ file: MANIFEST, what: 'is missing, yet the directory holds data; without it the newest snapshot cannot be trusted' });
  }
  if (snapshotFile === undefined && (!manifest || problems.length > 0)) {
    // The manifest is gone or names a damaged snapshot: the doctor rebuilds from the newest intact one.
    for (const index of [...snapshots].reverse()) {
      const found = await readSnapshot(join(dir, `snapshot-${index}.jsonl`), legacy).catch(() => undefined);
      if (found) {
        [snapshot, snapshotFile] = [found, `snapshot-${index}.jsonl`];
        break;
      }
    }
  }

  if (manifest && !legacy) missingSegments(manifest, segments, problems);
  const entries: JournalEntry[] = [];
  const stranded: Stranded[] = [];
  let torn: Inspection['torn'];
  let last = snapshot.seq;
  let stopped = false;
  let newest = texts.length - 1;
  while (newest >= 0 && texts[newest] === '') newest -= 1;
  segments.forEach((index, s) => {
    const file = `journal-${index}.jsonl`;
    const lines = texts[s].split('\n');
    let offset = 0;
    lines.forEach((line, i) => {
      const start = offset;
      offset += Buffer.byteLength(line) + 1;
      if (line === '') return;
      const seq = claimedSeq(line);
      if (i === lines.length - 1) {
        // No newline after it: a write cut by a crash. Harmless only at the very end of the journal.
        if (s === newest) torn = { file, offset: start, ...(seq === undefined ? {} : { seq }) };
        else
          problems.push({
            file,
            line: i + 1,
            ...(seq === undefined ? {} : { seq }),
            what: 'is cut short, yet later segments hold entries',
          });
        return;
      }
      if (seq !== undefined && seq <= snapshot.seq && entries.length === 0 && !stopped) return;
      const entry = decodeEntry(line, legacy);
      if ('damage' in entry) {
        problems.push({
          file,
          line: i + 1,
          ...(seq === undefined ? {} : { seq }),
          what: `${seq === undefined ? 'the line' : `entry ${seq}`} ${entry.damage}`,
        });
        stopped = true;
        return;
      }
      if (stopped) {
        stranded.push({ file, line: i + 1, entry });
        return;
      }
      if (entry.seq !== last + 1) {
        problems.push({
          file,
          line: i + 1,
          seq: entry.seq,
          ...(entry.seq > last + 1 ? { missing: [last + 1, entry.seq - 1] as const } : {}),
          what:
            entry.seq > last + 1
              ? `entry ${entry.seq} follows entry ${last}: ${range(last + 1, entry.seq - 1)} missing (a journal segment deleted or cut?)`
              : `entry ${entry.seq} follows entry ${last}: written twice or out of order`,
        });
        stopped = true;
        stranded.push({ file, line: i + 1, entry });
        return;
      }
      entries.push(entry);
      last = entry.seq;
    });
  });

  const fresh = !manifest && snapshots.length === 0 && !holdsEntries;
  return { dir, manifest, snapshot, snapshotFile, entries, stranded, torn, problems, fresh, segments, snapshots };
}

/** The error a damaged directory stops the server with: every problem, and where to go next. */
export class DamagedState extends Error {
  constructor(readonly inspection: Inspection) {
    const shown = inspection.problems.slice(0, 5).map((problem) => `  ${describe(problem)}`);
    const more = inspection.problems.length - shown.length;
    const data = dirname(inspection.dir);
    super(
      [
        `the stored state in ${inspection.dir} is damaged; refusing to start rather than lose acknowledged data silently:`,
        ...shown,
        ...(more > 0 ? [`  ...and ${more} more`] : []),
        `Run \`dana-sim doctor --data ${data}\` for the full report, then \`dana-sim doctor --data ${data} --repair\` (it backs up first).`,
      ].join('\n'),
    );
    this.name = 'DamagedState';
  }
}

export function describe(problem: Problem): string {
  return `${problem.file}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.what}`;
}

export function range(from: number, to: number): string {
  return from === to ? `entry ${from} is` : `entries ${from}–${to} (${to - from + 1}) are`;
}

/** Segments are opened one after another and deleted oldest first: the ones present run without a gap up to the newest the manifest names. */
function missingSegments(manifest: Manifest, segments: number[], problems: Problem[]): void {
  const newest = segments.at(-1) ?? 0;
  if (newest < manifest.segment) {
    problems.push({
      file: `journal-${manifest.segment}.jsonl`,
      what: 'is missing: the newest journal segment, with whatever it held, is gone',
    });
  }
  for (let i = 1; i < segments.length; i++) {
    for (let gap = segments[i - 1] + 1; gap < segments[i]; gap++)
      problems.push({ file: `journal-${gap}.jsonl`, what: 'is missing between its neighbours' });
  }
}

/**
 * The manifest, and whether the directory is in the older format (no checksums, a manifest without
 * a format or none at all with unchecksummed entries), which only the doctor reads, to rewrite it.
 */
async function readManifest(
  dir: string,
  names: string[],
  problems: Problem[],
  texts: string[],
): Promise<{ manifest?: Manifest; legacy: boolean }> {
  if (!names.includes(MANIFEST)) {
    const first = texts.map((text) => text.split('\n').find((line) => line !== '')).find((line) => line !== undefined);
    return { legacy: first !== undefined && isLegacyLine(first) };
  }
  let data: Partial<Manifest> | null;
  try {
    data = await new JSONFile<Partial<Manifest> | null>(join(dir, MANIFEST)).read();
  } catch (error) {
    problems.push({ file: MANIFEST, what: `is not valid JSON (${(error as Error).message})` });
    return { legacy: false };
  }
  const named = data?.snapshot === null || (typeof data?.snapshot === 'string' && SNAPSHOT.test(data.snapshot));
  if (data && (data.format === undefined || data.format === 1) && named && Number.isSafeInteger(data.seq)) {
    return { manifest: { format: 1, snapshot: data.snapshot!, seq: data.seq!, segment: 0 }, legacy: true };
  }
  if (data?.format !== FORMAT) {
    problems.push({ file: MANIFEST, what: `has format ${String(data?.format)}; this dana-sim reads format ${FORMAT}` });
    return { legacy: false };
  }
  if (!named || !Number.isSafeInteger(data.seq) || !Number.isSafeInteger(data.segment)) {
    problems.push({ file: MANIFEST, what: 'names no valid snapshot, sequence number and segment' });
    return { legacy: false };
  }
  return { manifest: data as Manifest, legacy: false };
}

function isLegacyLine(line: string): boolean {
  const decoded = decodeEntry(line, true);
  return !('damage' in decoded) && !line.includes('"crc":');
}

async function namedSnapshot(
  dir: string,
  manifest: Manifest | undefined,
  problems: Problem[],
  legacy: boolean,
): Promise<{ snapshot: SnapshotRows; snapshotFile: string | undefined }> {
  const empty = { snapshot: { seq: 0, tables: [] }, snapshotFile: undefined };
  if (!manifest?.snapshot) return empty;
  const file = manifest.snapshot;
  try {
    const snapshot = await readSnapshot(join(dir, file), legacy);
    if (snapshot.seq !== manifest.seq) {
      problems.push({ file, what: `holds sequence ${snapshot.seq}, the manifest says ${manifest.seq}` });
      return empty;
    }
    return { snapshot, snapshotFile: file };
  } catch (error) {
    if (error instanceof SnapshotDamage) problems.push({ file, line: error.line, what: error.what });
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') problems.push({ file, what: 'is named by the manifest but missing' });
    else throw error;
    return empty;
  }
}
