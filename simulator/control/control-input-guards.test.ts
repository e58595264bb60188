import { describe, expect, it } from 'vitest';
import { controlCall, createTestSimulator, type TestSimulator } from '../../test/helpers.ts';

// Control calls given a value of the wrong kind: a 400 that names what is wanted, never a crash, a
// misleading 404, or a wrong value read as an absent one.

const call = async (t: TestSimulator, path: string, body: unknown) => {
  const reply = await controlCall(t.sim, 'POST', `/__sim${path}`, typeof body === 'string' ? body : JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.body) };
};
const RULE = { endpoint: 'transferToDana', effect: { result: 'GENERAL_ERROR' } };

describe('POST /__sim/notifications/trigger subjects', () => {
  it("refuses Object's own members as subjects with 400 naming the real ones", async () => {
    const t = await createTestSimulator({ background: false });
    for (const subject of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
      const reply = await call(t, '/notifications/trigger', { subject, reference: 'x' });
      expect(reply.status, subject).toBe(400);
      expect(reply.body.error).toBe(`cannot trigger "${subject}"; one of transfer, va, order`);
    }
  });
});

describe('POST /__sim/faults/clear ids', () => {
  it('refuses an id that is not text and clears nothing; only an absent id clears every user rule', async () => {
    const t = await createTestSimulator({ background: false });
    await call(t, '/faults', { ...RULE, id: 'mine' });
    for (const id of [5, { a: 1 }, true, null, ['mine']]) {
      const reply = await call(t, '/faults/clear', { id });
      expect(reply.status, JSON.stringify(id)).toBe(400);
      expect(reply.body.error).toMatch(/^id must be a rule id \(text\), got .*; leave it out to clear every user rule$/);
    }
    expect(t.sim.rules.list('user').map((rule) => rule.id)).toEqual(['mine']);
    expect((await call(t, '/faults/clear', {})).body).toEqual({ removed: 1 });
  });
});

describe('unknown rule fields', () => {
  it('are refused alike by POST /faults and POST /faults/update, naming them, and nothing is stored', async () => {
    const t = await createTestSimulator({ background: false });
    await call(t, '/faults', { ...RULE, id: 'mine' });
    const bogus = await call(t, '/faults', { ...RULE, bogus: 1 });
    expect(bogus).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^unknown rule field bogus; a rule takes id, /) } });
    const update = await call(t, '/faults/update', { id: 'mine', rule: { ...RULE, bogus: 1, tims: 2 } });
    expect(update).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^unknown rule fields bogus, tims; /) } });
    // JSON.parse makes `__proto__` an own key: no field either, and no prototype change.
    const proto = `{"id":"mine","rule":{"endpoint":"transferToDana","effect":{"result":"GENERAL_ERROR"},"__proto__":{"times":1}}}`;
    expect((await call(t, '/faults/update', proto)).body.error).toMatch(/^unknown rule field __proto__; /);
    expect((await call(t, '/faults', `{"endpoint":"*","effect":"GENERAL_ERROR","__proto__":{}}`)).status).toBe(400);
    const [mine] = t.sim.rules.list('user');
    expect(Object.keys(mine)).not.toContain('bogus');
    expect(t.sim.rules.list('user').map((rule) => rule.id)).toEqual(['mine']);
    // A rule copied from a rule list says what to leave out.
    const listed = await call(t, '/faults', { ...RULE, source: 'user', matched: 0, fired: 0 });
    expect(listed.body.error).toMatch(
      /^unknown rule fields source, matched, fired; .*\(source, matched, fired are what a rule list adds: leave them out\)$/,
    );
    // `first` belongs to the call, not the rule.
    expect((await call(t, '/faults', { ...RULE, id: 'ahead', first: true })).status).toBe(200);
    expect(t.sim.rules.list('user').map((rule) => rule.id)).toEqual(['ahead', 'mine']);
  });
});
