import { describe, expect, it, vi } from 'vitest';
import { PATHS, controlCall, createTestSimulator, topUpBody, topUpDeposit } from '../../test/helpers.ts';

// GET /__sim/transactions?limit=N builds only the N rows it answers: building a row (its postings, its
// WIB time) is what cost ~60 ms for 5,000 top ups when every row was built and then cut.

describe('GET /__sim/transactions limit', () => {
  it('looks up the postings of the rows it shows only, newest first', async () => {
    const t = await createTestSimulator({ background: false });
    topUpDeposit(t.sim, '1000000.00');
    for (let i = 0; i < 60; i += 1) expect((await t.snap(PATHS.topUp, topUpBody({ partnerReferenceNo: `many-${i}` }))).status).toBe(200);
    const find = vi.spyOn(t.sim.runtime.db, 'find');
    const reply = await controlCall(t.sim, 'GET', '/__sim/transactions?limit=5');
    const shown = (JSON.parse(reply.body) as { partnerReferenceNo: string }[]).map((item) => item.partnerReferenceNo);
    expect(shown).toEqual(['many-59', 'many-58', 'many-57', 'many-56', 'many-55']);
    expect(find.mock.calls.length).toBeLessThanOrEqual(5);
    await t.sim.close();
  });
});
