import { describe, expect, it } from 'vitest';
import { RequestLog, type LogEntry } from './request-log.ts';

const entry = (path: string): Omit<LogEntry, 'seq'> => ({
  at: '2030-05-01T00:00:00.000Z',
  method: 'POST',
  path,
  httpStatus: 200,
  code: '2003800',
  ledgerChanged: false,
  durationMs: 1,
});

describe('RequestLog', () => {
  it('numbers entries from 1 and returns them as stored', () => {
    const log = new RequestLog();
    expect(log.add(entry('/a'))).toEqual({ seq: 1, ...entry('/a') });
    expect(log.add(entry('/b')).seq).toBe(2);
    expect(log.since()).toEqual([
      { seq: 1, ...entry('/a') },
      { seq: 2, ...entry('/b') },
    ]);
  });

  it('lists only entries after the given sequence number', () => {
    const log = new RequestLog();
    for (const path of ['/a', '/b', '/c']) log.add(entry(path));
    expect(log.since(1).map((e) => e.path)).toEqual(['/b', '/c']);
    expect(log.since(3)).toEqual([]);
  });

  it('keeps the newest entries when a limit applies', () => {
    const log = new RequestLog();
    for (const path of ['/a', '/b', '/c']) log.add(entry(path));
    expect(log.since(0, 2).map((e) => e.path)).toEqual(['/b', '/c']);
  });

  it('returns at most 200 entries by default', () => {
    const log = new RequestLog();
    for (let i = 0; i < 201; i++) log.add(entry(`/${i}`));
    const listed = log.since();
    expect(listed).toHaveLength(200);
    expect(listed[0].seq).toBe(2);
  });

  it('drops the oldest entries beyond its capacity, keeping exactly the capacity', () => {
    const log = new RequestLog(2);
    for (const path of ['/a', '/b', '/c']) log.add(entry(path));
    expect(log.since().map((e) => e.seq)).toEqual([2, 3]);
    const full = new RequestLog(2);
    full.add(entry('/a'));
    full.add(entry('/b'));
    expect(full.since().map((e) => e.path)).toEqual(['/a', '/b']);
  });

  it('holds 2,000 entries by default', () => {
    const log = new RequestLog();
    for (let i = 0; i < 2001; i++) log.add(entry(`/${i}`));
    expect(log.since(0, 5000)).toHaveLength(2000);
    expect(log.since(0, 5000)[0].seq).toBe(2);
  });
});
