import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../core/request-log.ts';
import { logDetails, logLine } from './log-command.ts';

// How one log entry reads on the terminal; the real command is exercised in test/cli-log.test.ts.

const entry: LogEntry = {
  seq: 7,
  bootId: 'boot-1',
  at: '2030-05-01T10:04:05.006+07:00',
  atMs: Date.UTC(2030, 4, 1, 3, 4, 5, 6),
  method: 'POST',
  path: '/v1.0/emoney/topup.htm',
  endpoint: 'transferToDana',
  partnerId: 'partner-1',
  httpStatus: 401,
  code: '4013800',
  rule: 'r1',
  effect: 'result',
  verified: true,
  ledgerChanged: false,
  postings: [],
  references: { 'X-EXTERNAL-ID': 'ext-1', partnerReferenceNo: 'ref-1' },
  request: { headers: { 'x-signature': '***' }, body: { partnerReferenceNo: 'ref-1' } },
  reply: { body: undefined },
  durationMs: 3,
};

describe('logLine', () => {
  it('starts with the time in WIB and ends with partner and reference', () => {
    expect(logLine(entry)).toBe(
      '2030-05-01 10:04:05 WIB  401 4013800  transferToDana               rule r1 (result)  3 ms  partner partner-1  ref ref-1',
    );
  });
});

describe('logDetails', () => {
  it('shows the reason when the entry has one, and says when a body is empty', () => {
    const text = logDetails({ ...entry, reason: 'INVALID_SIGNATURE: signed another path' });
    expect(text.split('\n').slice(0, 9)).toEqual([
      '#7  2030-05-01 10:04:05 WIB  POST /v1.0/emoney/topup.htm  (transferToDana)',
      '  partner     partner-1',
      '  reply       HTTP 401, 4013800',
      '  reason      INVALID_SIGNATURE: signed another path',
      '  rule        r1 (result)',
      '  references  X-EXTERNAL-ID=ext-1, partnerReferenceNo=ref-1',
      '  postings    none',
      '  elapsed     3 ms',
      '  request headers',
    ]);
    expect(text).toContain('  reply body\n    (empty)');
  });

  it("shows a refused signature's string to sign and the key it was checked with", () => {
    const diagnosis = {
      scheme: 'SNAP RSA' as const,
      stringToSign: 'POST:/v1.0/emoney/topup.htm:abc:2030-05-01T10:04:05+07:00',
      verifiedWith: { partnerId: 'partner-1', key: 'RSA key 0123456789abcdef' },
      mistake: { kind: 'path' as const, detail: 'signed another path' },
    };
    const text = logDetails({ ...entry, reason: 'INVALID_SIGNATURE: signed another path', diagnosis });
    expect(text.split('\n').slice(3, 6)).toEqual([
      '  reason      INVALID_SIGNATURE: signed another path',
      '  signed      POST:/v1.0/emoney/topup.htm:abc:2030-05-01T10:04:05+07:00',
      "  checked     partner partner-1's RSA key 0123456789abcdef",
    ]);
  });

  it('prints no reason line without one, and a cut body as the text it was cut to', () => {
    const text = logDetails({ ...entry, reply: { body: '{"a":1… (cut: 20000 characters in all)' } });
    expect(text).not.toContain('reason');
    expect(text).toContain('  reply body\n    {"a":1… (cut: 20000 characters in all)');
  });
});
