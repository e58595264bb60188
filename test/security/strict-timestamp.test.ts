import { afterEach, describe, expect, it } from 'vitest';
import { snapRequest } from '../../simulator/signature/client.ts';
import { createTestSimulator, http, ledgerState, PATHS, sendHttp, topUpBody, type TestSimulator } from '../helpers.ts';

// Issue 14 item 7: X-TIMESTAMP must be a real calendar time. The shape alone lets `02-31` and
// `24:00:00` through, and Date.parse rolls them into another day; DANA refuses them as a bad format.

const opened: TestSimulator[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.sim.close();
});

describe('X-TIMESTAMP', () => {
  it("refuses Feb 31, 24:00 and month 13 with the endpoint's invalid-field-format code, changing nothing", async () => {
    const t = await createTestSimulator();
    opened.push(t);
    const before = ledgerState(t.sim);
    for (const timestamp of ['2026-02-31T10:00:00+07:00', '2026-02-28T24:00:00+07:00', '2025-02-29T10:00:00Z', '2026-13-01T10:00:00Z']) {
      // Signed over the bad timestamp, so only its format can be the reason.
      const reply = await sendHttp(
        http(t.sim),
        snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, timestamp }),
      );
      expect(reply, timestamp).toMatchObject({
        status: 400,
        body: { responseCode: '4003801', responseMessage: 'Invalid Field Format X-TIMESTAMP' },
      });
    }
    expect(ledgerState(t.sim)).toEqual(before);
  });

  it('accepts a normal timestamp, a leap day and the last second of a day', async () => {
    const t = await createTestSimulator();
    opened.push(t);
    for (const timestamp of ['2026-02-28T10:00:00+07:00', '2028-02-29T12:00:00Z', '2026-12-31T23:59:59.999+0700']) {
      const reply = await sendHttp(
        http(t.sim),
        snapRequest({ path: PATHS.topUp, body: topUpBody(), credentials: t.credentials, timestamp }),
      );
      expect(reply.body.responseCode, timestamp).toBe('2003800');
    }
  });
});
