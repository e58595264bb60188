import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskRow, RowFile, rehome } from './stored-row.ts';

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
});
