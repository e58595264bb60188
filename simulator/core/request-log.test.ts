import { describe, expect, it } from 'vitest';
import { RequestLog, type LogEntry } from './request-log.ts';

const entry = (path: string, more: Partial<Omit<LogEntry, 'seq' | 'bootId'>> = {}): Omit<LogEntry, 'seq' | 'bootId'> => ({
  at: '2030-05-01T07:00:00.000+07:00',
  atMs: Date.UTC(2030, 4, 1),
  method: 'POST',
  path,
  httpStatus: 200,
  code: '2003800',
  verified: true,
  ledgerChanged: false,
  postings: [],
  references: {},
  request: { headers: {}, body: undefined },
  reply: { body: undefined },
  durationMs: 1,
  ...more,
});

describe('RequestLog', () => {
  it('numbers entries from 1 and returns them as stored', () => {
    const log = new RequestLog();
    const bootId = log.bootId;
    expect(log.add(entry('/a'))).toEqual({ seq: 1, bootId, ...entry('/a') });
    expect(log.add(entry('/b')).seq).toBe(2);
    expect(log.since()).toEqual([
      { seq: 1, bootId, ...entry('/a') },
      { seq: 2, bootId, ...entry('/b') },
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

describe('RequestLog boot id', () => {
  it('is the same for every entry of one log and differs between two logs (two processes)', () => {
    const first = new RequestLog();
    const second = new RequestLog();
    expect(first.bootId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.bootId).not.toBe(first.bootId);
    expect(first.add(entry('/a')).bootId).toBe(first.bootId);
    expect(second.add(entry('/a'))).toMatchObject({ seq: 1, bootId: second.bootId });
  });
});

describe('RequestLog.query filters', () => {
  const filled = () => {
    const log = new RequestLog();
    log.add(entry('/v1.0/emoney/topup.htm', { endpoint: 'transferToDana', partnerId: 'p1', references: { partnerReferenceNo: 'ref-1' } }));
    log.add(
      entry('/v1.0/emoney/topup.htm', {
        endpoint: 'transferToDana',
        partnerId: 'p2',
        code: '4033802',
        httpStatus: 403,
        references: { partnerReferenceNo: 'ref-2', 'X-EXTERNAL-ID': 'ext-2' },
      }),
    );
    log.add(
      entry('/v1.0/emoney/account-inquiry.htm', {
        endpoint: 'checkAccount',
        partnerId: 'p1',
        references: { 'reply.referenceNo': 'dana-3' },
      }),
    );
    log.add(entry('/nowhere', { code: '4040000', httpStatus: 404 }));
    return log;
  };
  const seqs = (entries: LogEntry[]) => entries.map((e) => e.seq);

  it('by endpoint name or by path', () => {
    expect(seqs(filled().query({ endpoint: 'transferToDana' }))).toEqual([1, 2]);
    expect(seqs(filled().query({ endpoint: '/nowhere' }))).toEqual([4]);
  });

  it('by response code or HTTP status', () => {
    expect(seqs(filled().query({ code: '4033802' }))).toEqual([2]);
    expect(seqs(filled().query({ code: '404' }))).toEqual([4]);
  });

  it('by partner', () => {
    expect(seqs(filled().query({ partner: 'p1' }))).toEqual([1, 3]);
  });

  it('by any reference, request or reply, header or body', () => {
    expect(seqs(filled().query({ reference: 'ref-2' }))).toEqual([2]);
    expect(seqs(filled().query({ reference: 'ext-2' }))).toEqual([2]);
    expect(seqs(filled().query({ reference: 'dana-3' }))).toEqual([3]);
    expect(filled().query({ reference: 'ref' })).toEqual([]);
  });

  it('by a padded VA number typed without its padding', () => {
    const log = new RequestLog();
    log.add(entry('/va', { references: { virtualAccountNo: '   88081234' } }));
    expect(seqs(log.query({ reference: '88081234' }))).toEqual([1]);
  });

  it('combines filters with after and limit (newest kept)', () => {
    expect(seqs(filled().query({ partner: 'p1', endpoint: 'checkAccount' }))).toEqual([3]);
    expect(seqs(filled().query({ endpoint: 'transferToDana', after: 1 }))).toEqual([2]);
    expect(seqs(filled().query({ partner: 'p1', limit: 1 }))).toEqual([3]);
  });
});
