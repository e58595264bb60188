import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskRow, StoredRow, type SnapshotRows } from '../ledger/store.ts';
import { readSnapshot, SnapshotDamage, writeSnapshot } from './snapshot-file.ts';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-snapshot-'));
  path = join(dir, 'snapshot.jsonl');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const header = (seq: number) =>
  JSON.stringify({
    seq,
    balances: [
      ['external:funding', -5],
      ['user:1', 5],
    ],
  });

/** A snapshot written by hand (as an editor or another tool might): `lines` then a true closing line. */
function sealed(seq: number, lines: string[], eol = '\n', rows = lines.length - 1): string {
  const body = lines.map((line) => `${line}${eol}`).join('');
  return `${body}${JSON.stringify({ end: seq, rows, crc: crc32(body) })}${eol}`;
}

/** Each loaded row as [table, key, the stored value's JSON text] or [table, key, { parsed: value }]. */
function rowsOf(snapshot: SnapshotRows): [string, string, unknown][] {
  return [...snapshot.tables].flatMap(([table, rows]) =>
    [...rows].map(([key, value]): [string, string, unknown] => [table, key, value instanceof StoredRow ? value.json : { parsed: value }]),
  );
}

async function damage(text: string): Promise<SnapshotDamage> {
  await writeFile(path, text);
  const error = await readSnapshot(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SnapshotDamage);
  return error as SnapshotDamage;
}

describe('snapshot files', () => {
  it('round-trips what writeSnapshot wrote: header balances, rows as stored bytes, a checksum over everything', async () => {
    const handle = await open(path, 'w');
    const rows: SnapshotRows = {
      seq: 7,
      balances: [['user:1', 5]],
      tables: [
        ['records', Array.from({ length: 4001 }, (_, i) => [`k${i}`, { i }] as const)],
        ['odd', [['quote " and \\ and é', [1, 'two']]]],
      ],
    };
    await writeSnapshot(handle, rows, false);
    await handle.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(4004);
    const closing = JSON.parse(lines.at(-1)!) as { end: number; rows: number; crc: number };
    expect(closing).toEqual({ end: 7, rows: 4002, crc: crc32(`${lines.slice(0, -1).join('\n')}\n`) });
    const read = await readSnapshot(path);
    expect(read.seq).toBe(7);
    expect(read.balances).toEqual([['user:1', 5]]);
    expect(rowsOf(read).slice(-2)).toEqual([
      ['records', 'k4000', '{"i":4000}'],
      ['odd', 'quote " and \\ and é', '[1,"two"]'],
    ]);
  });

  it('loads each row as its table, its key and the bytes of its value, parsed only when read', async () => {
    const rows = [
      '["records","k1",{"i":1}]',
      '["records","abc",[1,"two"]]',
      '["t","k","v"]',
      '["records","say \\"hi\\"\\\\",{"q":"\\""}]',
      '["records","é✓",{"é":"✓"}]',
    ];
    await writeFile(path, sealed(3, [header(3), ...rows]));
    const snapshot = await readSnapshot(path);
    expect(snapshot.seq).toBe(3);
    expect(rowsOf(snapshot)).toEqual([
      ['records', 'k1', '{"i":1}'],
      ['records', 'abc', '[1,"two"]'],
      ['records', 'say "hi"\\', '{"q":"\\""}'],
      ['records', 'é✓', '{"é":"✓"}'],
      ['t', 'k', '"v"'],
    ]);
    const lines = [...snapshot.tables].flatMap(([, tableRows]) =>
      [...tableRows].map(([, value]) => (value as DiskRow).line.toString('utf8')),
    );
    expect(lines).toEqual([rows[0], rows[1], rows[3], rows[4], rows[2]]);
  });

  it('parses whole a row line it cannot split in place (CRLF endings, spaces), the checksum covering the CRs', async () => {
    await writeFile(path, sealed(2, [header(2), '["records","crlf",{"i":1}]', '[ "records" , "spaced" , {"i": 2} ]'], '\r\n'));
    expect(rowsOf(await readSnapshot(path))).toEqual([
      ['records', 'crlf', { parsed: { i: 1 } }],
      ['records', 'spaced', { parsed: { i: 2 } }],
    ]);
  });

  it('reads a row whose newline is the first byte of a read chunk, and a closing line without its newline', async () => {
    const chunk = 1 << 20;
    const head = `${header(1)}\n`;
    const prefix = '["records","long",{"text":"';
    const suffix = '"}]';
    const filler = 'x'.repeat(chunk - head.length - prefix.length - suffix.length);
    await writeFile(path, sealed(1, [header(1), `${prefix}${filler}${suffix}`, '["records","after",1]']).trimEnd());
    expect((await readFile(path))[chunk]).toBe(0x0a);
    const rows = rowsOf(await readSnapshot(path));
    expect(rows.map(([, key]) => key)).toEqual(['long', 'after']);
    expect(rows[0][2]).toBe(`{"text":"${filler}"}`);
  });

  it('refuses, naming the line, every way a snapshot can be cut or changed', async () => {
    const good = [header(4), '["records","k1",{"i":1}]', '["records","k2",{"i":2}]'];
    const cases: [string, string, number][] = [
      ['', 'the file is empty', 1],
      [`${good.join('\n')}\n`, 'the closing line is missing (the file was cut short)', 3],
      [sealed(4, good).replace('"k2"', '"k3"'), 'the checksum does not match (the bytes changed after it was written)', 4],
      [sealed(4, good).replace('{"i":2}', '{"i":9}'), 'the checksum does not match (the bytes changed after it was written)', 4],
      [sealed(4, good, '\n', 5), 'the closing line counts 5 rows, the file holds 2', 4],
      [sealed(4, good).replace('"end":4', '"end":3'), 'the closing line is for sequence 3, the header for 4', 4],
      [`${sealed(4, good)}["records","k9",1]\n`, 'text after the closing line', 5],
      [sealed(4, good).replace(/\{"end.*$/s, '{"end":4,"ro\n'), 'the closing line is not valid JSON', 4],
      [sealed(4, ['{"seq":', ...good.slice(1)]), 'the header is not valid JSON', 1],
      [sealed(4, ['{"balances":[]}', ...good.slice(1)]), 'the header has no sequence number', 1],
      [sealed(4, [header(4), '["records"x"k1",{"i":1}]']), 'the row is not valid JSON', 2],
      [sealed(4, [header(4), '{"records","k1",{"i":1}]', good[2]]), 'the closing line is not valid JSON', 2],
    ];
    for (const [text, what, line] of cases) {
      const error = await damage(text);
      expect(error.what, what).toContain(what);
      expect(error.line, what).toBe(line);
    }
  });
});
