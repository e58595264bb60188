import { describe, expect, it } from 'vitest';
import { RequestLog, type LogEntry } from '../../core/request-log.ts';
import { printFailures } from './verbose.ts';

// The `start --verbose` block, from log entries as the pipeline adds them.

const entry = (extra: Partial<LogEntry>): Omit<LogEntry, 'seq' | 'bootId'> => ({
  at: '2026-12-06T20:00:00.000+07:00',
  atMs: Date.parse('2026-12-06T13:00:00.000Z'),
  postings: [],
  references: {},
  request: { headers: {}, body: undefined },
  reply: { body: undefined },
  method: 'POST',
  path: '/x',
  httpStatus: 400,
  code: '4003801',
  verified: true,
  ledgerChanged: false,
  durationMs: 1,
  ...extra,
});

describe('printFailures', () => {
  it('prints failed requests only, with the time in WIB, until unsubscribed', () => {
    const log = new RequestLog();
    const printed: string[] = [];
    const stop = printFailures(log, (text) => printed.push(text));
    log.add(entry({ httpStatus: 200, code: '2003800' }));
    log.add(entry({ reason: 'INVALID_FIELD_FORMAT (amount).' }));
    stop();
    log.add(entry({ reason: 'not printed' }));
    expect(printed).toEqual(['✗ 2026-12-06 20:00:00 WIB  POST /x  HTTP 400 4003801\n  reason          INVALID_FIELD_FORMAT (amount).']);
  });

  it('shortens a long string to sign', () => {
    const log = new RequestLog();
    const printed: string[] = [];
    printFailures(log, (text) => printed.push(text));
    log.add(
      entry({
        endpoint: 'queryMerchantResource',
        partnerId: 'p1',
        reason: 'INVALID_SIGNATURE',
        diagnosis: {
          scheme: 'Open API RSA',
          stringToSign: 'x'.repeat(500),
          verifiedWith: { partnerId: 'p1', key: 'RSA key 0123456789abcdef' },
          mistake: { kind: 'none-found', detail: 'nothing matched' },
        },
      }),
    );
    const lines = printed[0]!.split('\n');
    expect(lines[0]).toBe('✗ 2026-12-06 20:00:00 WIB  POST /x (queryMerchantResource)  HTTP 400 4003801  partner p1');
    expect(lines[2]).toBe(`  string to sign  ${'x'.repeat(400)}…`);
    expect(lines.slice(3)).toEqual(["  checked with    partner p1's RSA key 0123456789abcdef", '  likely mistake  nothing matched']);
  });

  it('keeps serving when a watcher throws', () => {
    const log = new RequestLog();
    log.subscribe(() => {
      throw new Error('console gone');
    });
    expect(log.add(entry({ reason: 'x' })).seq).toBe(1);
  });
});
