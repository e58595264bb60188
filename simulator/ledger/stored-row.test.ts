import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiskRow, RowFile, parsedRows, rehome } from './stored-row.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-stored-row-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DiskRow', () => {
  it('reads its value and its line from the file, every time, even once the file is unlinked', async () => {
    const path = join(dir, 'rows.jsonl');
    const head = '["t","k\\u00e9",';
    await writeFile(path, `header\n${head}{"a":"ü"}]\n`);
    const file = new RowFile(path);
    const row = new DiskRow(file, 7, Buffer.byteLength(head), Buffer.byteLength(`${head}{"a":"ü"}]`));
    await rm(path);
    expect(row.parse()).toEqual({ a: 'ü' });
    expect(row.line.toString()).toBe(`${head}{"a":"ü"}]`);
    file.close();
    expect(() => row.json).toThrow(/closed with its store/);
  });

  it('re-points only the rows still holding the value that was written', async () => {
    const path = join(dir, 'snapshot.jsonl');
    await writeFile(path, '["t","a",1]\n["t","b",2]\n');
    const [one, two] = [{ v: 1 }, { v: 2 }];
    const rows = new Map<string, unknown>([
      ['a', one],
      ['b', { v: 'changed since' }],
    ]);
    const file = new RowFile(path);
    await rehome(new Map([['t', rows]]), file, [{ table: 't', keys: ['a', 'b'], values: [one, two], at: [0, 9, 11, 12, 9, 11] }]);
    expect(rows.get('a')).toBeInstanceOf(DiskRow);
    expect((rows.get('a') as DiskRow).parse()).toBe(1);
    expect(rows.get('b')).toEqual({ v: 'changed since' });
    file.close();
  });

  it('parses a whole table a run of adjacent lines per read, rows of other files and parsed rows between', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `["t","k${i}",{"i":${i}}]`);
    const path = join(dir, 'many.jsonl');
    await writeFile(path, lines.map((line) => `${line}\n`).join(''));
    const file = new RowFile(path);
    let start = 0;
    const rows: [string, unknown][] = lines.map((line, i) => {
      const row = new DiskRow(file, start, line.indexOf('{'), Buffer.byteLength(line));
      start += Buffer.byteLength(line) + 1;
      return [`k${i}`, i % 500 === 7 ? { i, parsed: true } : row];
    });
    // Out of file order: a run is only ever adjacent lines.
    [rows[3], rows[4]] = [rows[4], rows[3]];
    const read = vi.spyOn(file, 'read');
    const parsed = [...parsedRows(rows)];
    expect(parsed.map(([key]) => key)).toEqual(rows.map(([key]) => key));
    expect(parsed[3][1]).toEqual({ i: 4 });
    expect(parsed[7][1]).toEqual({ i: 7, parsed: true });
    expect(parsed[1199][1]).toEqual({ i: 1199 });
    expect(read.mock.calls.length).toBeLessThan(12);
    file.close();
  });
});
