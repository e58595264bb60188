import { cp, mkdir, open, readdir, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Database } from '../ledger/database.ts';
import type { JournalEntry, SnapshotRows, Store } from '../ledger/store.ts';
import { writeSnapshot } from './snapshot-file.ts';
import { installSnapshot } from './snapshot-install.ts';
import { describe, inspectState, MANIFEST, range, type Inspection, type Manifest } from './state-dir.ts';

// `dana-sim doctor`: verifies every file of a state directory and the ledger it adds up to, and with
// --repair recovers what can be recovered. Repair backs the directory up first, then does one of two
// things only: cut a torn final entry, or rebuild from the newest intact snapshot plus the intact,
// consecutive journal entries after it. It then names every acknowledged entry it could not recover.

/** An entry the repair could not bring back: where it was (if anywhere) and what it touched. */
export interface Unrecovered {
  readonly seq?: number;
  readonly where: string;
  readonly touched?: string;
}

export interface Diagnosis {
  readonly inspection: Inspection;
  /** File problems, described. */
  readonly problems: string[];
  /** Invariants the recoverable state breaks (balances, overdrafts, unknown accounts). */
  readonly ledger: string[];
  /** The last entry a rebuild recovers. */
  readonly recoverableSeq: number;
  readonly unrecovered: Unrecovered[];
  readonly healthy: boolean;
}

export type LedgerCheck = (db: Database) => string[];

export async function diagnose(stateDir: string, checkLedger: LedgerCheck): Promise<Diagnosis> {
  const inspection = await inspectState(stateDir);
  let ledger: string[];
  let recoverableSeq = inspection.snapshot.seq;
  try {
    const db = await Database.open(replay(inspection.snapshot, inspection.entries));
    recoverableSeq = db.snapshot().seq;
    ledger = checkLedger(db);
    await db.close();
  } catch (error) {
    ledger = [(error as Error).message];
  }
  const problems = inspection.problems.map(describe);
  return {
    inspection,
    problems,
    ledger,
    recoverableSeq,
    unrecovered: unrecovered(inspection, recoverableSeq),
    healthy: problems.length === 0 && ledger.length === 0,
  };
}

export interface Repair {
  readonly action: 'none' | 'truncated' | 'rebuilt' | 'refused';
  readonly backup?: string;
  readonly why?: string;
}

/** Repairs a diagnosed directory; `backups` is where the copy goes (a new folder per repair). */
export async function repair(diagnosis: Diagnosis, backups: string, checkLedger: LedgerCheck): Promise<Repair> {
  const { inspection } = diagnosis;
  if (diagnosis.healthy && !inspection.torn) return { action: 'none' };
  if (diagnosis.ledger.length > 0) {
    // Intact bytes that break the ledger are a bug, not damage: rebuilding would hide it.
    return { action: 'refused', why: 'the recoverable state breaks the ledger invariants; keep the directory and report it' };
  }
  const backup = join(backups, `state-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(backups, { recursive: true });
  await cp(inspection.dir, backup, { recursive: true, errorOnExist: true, force: false });
  if (diagnosis.healthy && inspection.torn) {
    await truncate(join(inspection.dir, inspection.torn.file), inspection.torn.offset);
    return { action: 'truncated', backup };
  }
  const db = await Database.open(replay(inspection.snapshot, inspection.entries));
  const rows = db.snapshotRows();
  const left = checkLedger(db);
  await db.close();
  if (left.length > 0) return { action: 'refused', backup, why: left.join('; ') };
  const name = `snapshot-${rows.seq}.jsonl`;
  const handle = await open(join(inspection.dir, `${name}.tmp`), 'w');
  try {
    await writeSnapshot(handle, rows, true);
  } finally {
    await handle.close();
  }
  // Everything else goes (the backup holds it); the new snapshot and manifest replace it in that order.
  for (const file of await readdir(inspection.dir)) {
    if (file !== `${name}.tmp` && file !== MANIFEST) await rm(join(inspection.dir, file), { recursive: true, force: true });
  }
  // The same install a compaction does (rename, manifest, each step synced); segment 0: none is open.
  await installSnapshot(
    inspection.dir,
    new Low<Manifest | null>(new JSONFile(join(inspection.dir, MANIFEST)), null),
    { seq: rows.seq, segment: 0 },
    [],
  );
  return { action: 'rebuilt', backup };
}

/** A store that hands the database a given snapshot and entries, and writes nothing. */
function replay(snapshot: SnapshotRows, entries: JournalEntry[]): Store {
  // Plain copies of the tables: the database takes a LoadedTable as its own (Database.open), and the
  // doctor opens the same inspection more than once.
  const tables = () => [...snapshot.tables].map(([table, rows]) => [table, [...rows]] as const);
  return {
    load: async () => ({ snapshot: { ...snapshot, tables: tables() }, entries }),
    append: () => undefined,
    sync: async () => undefined,
    compactIfDue: () => undefined,
    close: async () => undefined,
  };
}

/** Every entry after `recovered` the directory shows signs of: damaged, stranded after a gap, or missing. */
function unrecovered(inspection: Inspection, recovered: number): Unrecovered[] {
  const found: Unrecovered[] = [];
  for (const problem of inspection.problems) {
    const gap = problem.missing;
    if (gap) found.push({ where: `missing: ${range(gap[0], gap[1])} in no file`, seq: gap[0] });
    else if (problem.seq !== undefined && problem.seq > recovered && problem.file.startsWith('journal-'))
      found.push({ seq: problem.seq, where: `${problem.file} line ${problem.line}: ${problem.what}` });
  }
  for (const { file, line, entry } of inspection.stranded) {
    if (entry.seq > recovered)
      found.push({ seq: entry.seq, where: `${file} line ${line}: intact, but follows a lost entry`, touched: touched(entry) });
  }
  return found.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

function touched(entry: JournalEntry): string {
  return entry.ops.map((op) => (op.op === 'clear' ? `clear ${op.table}` : `${op.op} ${op.table}/${op.key}`)).join(', ');
}
