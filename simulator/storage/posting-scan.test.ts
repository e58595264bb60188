import { describe, expect, it } from 'vitest';
import { scanEntries } from './posting-scan.ts';

const scan = (json: string) => scanEntries(Buffer.from(`xx${json}yy`), 2, 2 + Buffer.byteLength(json));

describe('scanEntries', () => {
  it('reads the entries of a posting as JSON.stringify wrote it', () => {
    const posting = {
      id: 'p1',
      at: 1,
      ref: 'r',
      memo: 'a memo with "entries":[ in it and ünicode',
      entries: [
        { account: 'external:funding', amountMinor: -10000000 },
        { account: 'user:ü1', amountMinor: 10000000 },
        { account: 'dana:fee-income', amountMinor: 0 },
      ],
    };
    expect(scan(JSON.stringify(posting))).toEqual(posting.entries);
  });

  it('leaves anything else to JSON.parse', () => {
    const entries = (list: string, after = '') => `{"id":"p","entries":[${list}]${after}}`;
    expect(scan(entries('{"account":"a\\\\b","amountMinor":1}'))).toBeUndefined();
    expect(scan(entries('{"account":"a","amountMinor":1.5}'))).toBeUndefined();
    expect(scan(entries('{"account":"a","amountMinor":1e3}'))).toBeUndefined();
    expect(scan(entries('{"account":"a","amountMinor":01}'))).toBeUndefined();
    expect(scan(entries('{"amountMinor":1,"account":"a"}'))).toBeUndefined();
    expect(scan(entries('{"account":"a","amountMinor":1}', ',"more":1'))).toBeUndefined();
    expect(scan('{"id":"p"}')).toBeUndefined();
    expect(scan(entries(''))).toBeUndefined();
  });
});
