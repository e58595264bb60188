import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Database } from '../ledger/database.ts';
import type { JournalEntry } from '../ledger/store.ts';
import { FileStore } from './file-store.ts';
import { encodeEntry } from './journal-line.ts';
import { DamagedState, inspectState } from './state-dir.ts';

// The damage matrix of issue 14, file by file: each case is either loaded with nothing acknowledged
// lost or refused, naming the file, the line and what is wrong.

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-state-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (compactEvery?: number) => Database.open(new FileStore(dir, { fsync: false, ...(compactEvery ? { compactEvery } : {}) }));

/** `count` acknowledged transactions, each a record and a top up of user:<i % 3>. */
async function stored(count: number, compactEvery?: number, from = 1): Promise<void> {
  const db = await open(compactEvery);
  for (let i = from; i < from + count; i++) {
    db.transact((tx) => {
      tx.put('records', `k${i}`, { i, name: `record ${i}` });
      tx.post({
        id: `p${i}`,
        at: 0,
        ref: 'test',
        memo: 'test',
        entries: [
          { account: 'external:funding', amountMinor: -i },
          { account: `user:${i % 3}`, amountMinor: i },
        ],
      });
    });
    await db.sync();
  }
  await db.close();
}

const lines = async (name: string) => (await readFile(join(dir, name), 'utf8')).split('\n');
const entry = (seq: number): string => encodeEntry({ seq, ops: [{ op: 'put', table: 'records', key: `k${seq}`, value: seq }] });

async function refusal(): Promise<DamagedState> {
  const error = await open().then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DamagedState);
  return error as DamagedState;
}

describe('loading a state directory', () => {
  it('starts fresh in an empty directory and writes the manifest at once', async () => {
    expect((await inspectState(dir)).fresh).toBe(true);
    const db = await open();
    await db.close();
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toEqual({ format: 2, snapshot: null, seq: 0, segment: 1 });
    const again = await inspectState(dir);
    expect([again.fresh, again.problems]).toEqual([false, []]);
  });

  it('replays segments in numeric order, skipping entries the snapshot holds and blank lines', async () => {
    await stored(3);
    // Read as text, journal-10 would sort before journal-2.
    for (let n = 2; n <= 12; n++) await writeFile(join(dir, `journal-${n}.jsonl`), n === 5 ? `\n${entry(n + 2)}\n\n` : entry(n + 2));
    const state = await inspectState(dir);
    expect(state.problems).toEqual([]);
    expect(state.entries.map((e) => e.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const db = await open();
    expect(db.get('records', 'k14')).toBe(14);
    await db.close();
  });

  it('drops a torn final entry of the newest segment with a notice, truncates it, and goes on after it', async () => {
    await stored(2);
    await appendFile(join(dir, 'journal-1.jsonl'), entry(3).slice(0, 30));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const db = await open();
      expect(db.size('records')).toBe(2);
      expect(warn.mock.calls[0][0]).toMatch(
        /dropped a torn final journal entry \(3\) at journal-1\.jsonl byte \d+; it was never acknowledged/,
      );
      db.transact((tx) => tx.put('records', 'k3', 'again'));
      await db.sync();
      await db.close();
    } finally {
      warn.mockRestore();
    }
    expect((await lines('journal-1.jsonl')).at(-1)).toBe('');
    const db = await open();
    expect(db.get('records', 'k3')).toBe('again');
    await db.close();
  });

  it('refuses a damaged line that still ends in a newline, even the last one, naming file, line and entry', async () => {
    await stored(3);
    const text = await lines('journal-1.jsonl');
    text[2] = text[2].slice(0, 40);
    await writeFile(join(dir, 'journal-1.jsonl'), text.join('\n'));
    const error = await refusal();
    expect(error.inspection.problems).toEqual([{ file: 'journal-1.jsonl', line: 3, seq: 3, what: 'entry 3 has no checksum' }]);
    expect(error.message).toContain('journal-1.jsonl line 3: entry 3 has no checksum');
    expect(error.message).toContain(`dana-sim doctor --data ${join(dir, '..')}`);
  });

  it('refuses a flipped byte that leaves valid JSON, such as a changed account name', async () => {
    await stored(3);
    const text = await readFile(join(dir, 'journal-1.jsonl'), 'utf8');
    await writeFile(join(dir, 'journal-1.jsonl'), text.replace('"user:2"', '"user:7"'));
    const { inspection } = await refusal();
    expect(inspection.problems).toEqual([
      { file: 'journal-1.jsonl', line: 2, seq: 2, what: 'entry 2 fails its checksum (the bytes changed after it was written)' },
    ]);
    expect(inspection.stranded.map((s) => s.entry.seq)).toEqual([3]);
  });

  it('refuses a deleted middle segment and a deleted first segment after the snapshot, naming what is missing', async () => {
    await stored(6, 2);
    // Every start writes a new segment: three more starts, three more segments after the snapshot.
    await stored(2, undefined, 7);
    await stored(1, undefined, 9);
    await stored(1, undefined, 10);
    const state = await inspectState(dir);
    expect(state.problems).toEqual([]);
    const [first, middle] = state.segments.slice(-3);
    await unlink(join(dir, `journal-${middle}.jsonl`));
    expect((await refusal()).inspection.problems).toEqual([
      { file: `journal-${middle}.jsonl`, what: 'is missing between its neighbours' },
      {
        file: `journal-${middle + 1}.jsonl`,
        line: 1,
        seq: 10,
        missing: [9, 9],
        what: 'entry 10 follows entry 8: entry 9 is missing (a journal segment deleted or cut?)',
      },
    ]);
    await unlink(join(dir, `journal-${first}.jsonl`));
    const problems = (await refusal()).inspection.problems;
    expect(problems.map((problem) => problem.what)).toContain(
      'entry 10 follows entry 6: entries 7–9 (3) are missing (a journal segment deleted or cut?)',
    );
  });

  it('refuses a directory whose newest segment was deleted', async () => {
    await stored(2);
    await stored(1, undefined, 3);
    const { segments } = await inspectState(dir);
    await unlink(join(dir, `journal-${segments.at(-1)}.jsonl`));
    expect((await refusal()).inspection.problems).toEqual([
      { file: `journal-${segments.at(-1)}.jsonl`, what: 'is missing: the newest journal segment, with whatever it held, is gone' },
    ]);
  });

  it('refuses a directory whose manifest was deleted, or names a missing or different snapshot', async () => {
    await stored(4, 2);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { snapshot: string; seq: number };
    const seq = manifest.seq;
    expect(await readdir(dir)).toContain(`snapshot-${seq}.jsonl`);
    await unlink(join(dir, 'manifest.json'));
    expect((await refusal()).inspection.problems).toEqual([
      { file: 'manifest.json', what: 'is missing, yet the directory holds data; without it the newest snapshot cannot be trusted' },
    ]);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, seq: 3 }));
    expect((await refusal()).inspection.problems).toEqual([
      { file: `snapshot-${seq}.jsonl`, what: `holds sequence ${seq}, the manifest says 3` },
    ]);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, snapshot: 'snapshot-8.jsonl' }));
    expect((await refusal()).inspection.problems).toEqual([{ file: 'snapshot-8.jsonl', what: 'is named by the manifest but missing' }]);
    await writeFile(join(dir, 'manifest.json'), '{"format":2,');
    expect((await refusal()).inspection.problems[0].what).toMatch(/^is not valid JSON/);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ snapshot: `snapshot-${seq}.jsonl`, seq }));
    expect((await refusal()).inspection.problems[0].what).toMatch(/^the directory was written by an older dana-sim \(format 1/);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, format: 3 }));
    expect((await refusal()).inspection.problems[0].what).toBe('has format 3; this dana-sim reads format 2');
  });

  it('refuses a snapshot with a flipped byte, naming its line', async () => {
    await stored(3, 2);
    const text = await readFile(join(dir, 'snapshot-2.jsonl'), 'utf8');
    await writeFile(join(dir, 'snapshot-2.jsonl'), text.replace('record 1', 'record 8'));
    expect((await refusal()).inspection.problems).toEqual([
      { file: 'snapshot-2.jsonl', line: 6, what: 'the checksum does not match (the bytes changed after it was written)' },
      // Without the snapshot, the journal after it cannot be applied either: the doctor reports both.
      {
        file: 'journal-2.jsonl',
        line: 1,
        seq: 2,
        missing: [1, 1],
        what: 'entry 2 follows entry 0: entry 1 is missing (a journal segment deleted or cut?)',
      },
    ]);
  });

  it('refuses an entry written twice, a torn line in an older segment, and a line that is no entry at all', async () => {
    await stored(2);
    await writeFile(join(dir, 'journal-2.jsonl'), entry(2));
    expect((await refusal()).inspection.problems[0].what).toBe('entry 2 follows entry 2: written twice or out of order');
    await writeFile(join(dir, 'journal-2.jsonl'), `${entry(3).trimEnd()}`);
    await writeFile(join(dir, 'journal-3.jsonl'), entry(4));
    expect((await refusal()).inspection.problems[0]).toEqual({
      file: 'journal-2.jsonl',
      line: 1,
      seq: 3,
      what: 'is cut short, yet later segments hold entries',
    });
    await writeFile(join(dir, 'journal-2.jsonl'), 'hello\n');
    expect((await refusal()).inspection.problems[0]).toEqual({ file: 'journal-2.jsonl', line: 1, what: 'the line is not a journal entry' });
  });

  it('keeps what the loaded entries say, exactly', async () => {
    await stored(2);
    const { entries } = await inspectState(dir);
    expect(entries[1]).toEqual({
      seq: 2,
      ops: [
        { op: 'put', table: 'records', key: 'k2', value: { i: 2, name: 'record 2' } },
        expect.objectContaining({ op: 'put', table: 'postings', key: 'p2' }),
      ],
    } satisfies JournalEntry);
  });

  it('reads a directory written before checksums only to report it, and the doctor rebuilds it losing nothing', async () => {
    const legacy = (seq: number) => `${JSON.stringify({ seq, ops: [{ op: 'put', table: 'records', key: `k${seq}`, value: seq }] })}\n`;
    await writeFile(join(dir, 'snapshot-2.jsonl'), `{"seq":2}\n["records","k1",1]\n["records","k2",2]\n{"end":2,"rows":2}\n`);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ snapshot: 'snapshot-2.jsonl', seq: 2 }));
    await writeFile(join(dir, 'journal-3.jsonl'), `${legacy(2)}${legacy(3)}${legacy(4)}`);
    const refused = await refusal();
    expect(refused.inspection.problems).toHaveLength(1);
    expect(refused.message).toContain('manifest.json: the directory was written by an older dana-sim (format 1, no checksums)');
    expect(refused.inspection.entries.map((e) => e.seq)).toEqual([3, 4]);
    const { diagnose, repair } = await import('./doctor.ts');
    const diagnosis = await diagnose(dir, () => []);
    expect([diagnosis.healthy, diagnosis.recoverableSeq, diagnosis.unrecovered]).toEqual([false, 4, []]);
    expect((await repair(diagnosis, join(dir, '..', `${dir.split('/').at(-1)}-backups`), () => [])).action).toBe('rebuilt');
    const db = await open();
    expect([db.get('records', 'k1'), db.get('records', 'k4'), db.snapshot().seq]).toEqual([1, 4, 4]);
    await db.close();
    // Without a manifest, unchecksummed entries mark the older format too.
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await writeFile(join(dir, 'journal-1.jsonl'), `${legacy(1)}${legacy(2)}`);
    expect((await inspectState(dir)).problems.map((p) => p.file)).toEqual(['manifest.json']);
    expect((await inspectState(dir)).entries).toHaveLength(2);
  });
});
