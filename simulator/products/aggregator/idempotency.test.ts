import { describe, expect, it } from 'vitest';
import { Database } from '../../ledger/database.ts';
import { MemoryStore } from '../../ledger/store.ts';
import { parseForm, parseJson, type Params } from './form.ts';
import { IDEMPOTENCY_TABLE, idempotent, pruneIdempotency } from './idempotency.ts';
import { fail, isFailure, renderError, renderJson } from './render.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const p = (value: Params | ReturnType<typeof fail>): Params => {
  if (isFailure(value)) throw new Error(value.error);
  return value;
};

async function setup() {
  const db = await Database.open(new MemoryStore());
  let runs = 0;
  const create = (tx: Parameters<Parameters<typeof idempotent>[6]>[0]) => {
    runs += 1;
    tx.put('intents', `pi_${runs}`, { id: `pi_${runs}` });
    return renderJson(200, { id: `pi_${runs}` });
  };
  return { db, create, runs: () => runs };
}

describe('Idempotency-Key', () => {
  it('replays the first reply for the same parameters, form or JSON', async () => {
    const { db, create, runs } = await setup();
    const first = idempotent(db, 'k1', 'POST', '/v1/payment_intents', p(parseForm('amount=100&metadata[a]=b')), 0, create);
    const again = idempotent(db, 'k1', 'POST', '/v1/payment_intents', p(parseJson('{"metadata":{"a":"b"},"amount":100}')), 1000, create);
    expect(runs()).toBe(1);
    expect(again.status).toBe(first.status);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses the same key with other parameters or another path, 409', async () => {
    const { db, create, runs } = await setup();
    idempotent(db, 'k1', 'POST', '/v1/payment_intents', p(parseForm('amount=100')), 0, create);
    for (const [path, body] of [
      ['/v1/payment_intents', 'amount=200'],
      ['/v1/refunds', 'amount=100'],
    ] as const) {
      const reply = idempotent(db, 'k1', 'POST', path, p(parseForm(body)), 0, create);
      expect(reply.status).toBe(409);
      expect(JSON.parse(reply.body).error).toMatchObject({ type: 'idempotency_error' });
      expect(JSON.parse(reply.body).error.message).toContain("other than 'k1'");
    }
    expect(runs()).toBe(1);
  });

  it('does not keep a refusal that changed nothing, but keeps other replies', async () => {
    const { db, create, runs } = await setup();
    const refused = idempotent(db, 'k2', 'POST', '/v1/payment_intents', p(parseForm('amount=1')), 0, () =>
      renderError(fail('amount_too_small')),
    );
    expect(refused.status).toBe(400);
    expect(db.get(IDEMPOTENCY_TABLE, 'k2')).toBeUndefined();
    idempotent(db, 'k2', 'POST', '/v1/payment_intents', p(parseForm('amount=100')), 0, create);
    expect(runs()).toBe(1);
    const failed = idempotent(db, 'k3', 'POST', '/x', p(parseForm('')), 0, () => renderError(fail('api_error')));
    expect(failed.status).toBe(500);
    expect(idempotent(db, 'k3', 'POST', '/x', p(parseForm('')), 0, create).status).toBe(500);
  });

  it('ignores the key on GET, without a key, and refuses one over 255 characters', async () => {
    const { db, create, runs } = await setup();
    idempotent(db, 'k', 'GET', '/v1/payment_intents', p(parseForm('')), 0, create);
    idempotent(db, undefined, 'POST', '/v1/payment_intents', p(parseForm('')), 0, create);
    expect(runs()).toBe(2);
    expect(db.size(IDEMPOTENCY_TABLE)).toBe(0);
    const long = idempotent(db, 'x'.repeat(256), 'POST', '/v1/payment_intents', p(parseForm('')), 0, create);
    expect(long.status).toBe(400);
    expect(runs()).toBe(2);
  });

  it('forgets a key 24 hours after first use, and prunes old keys', async () => {
    const { db, create, runs } = await setup();
    idempotent(db, 'k', 'POST', '/a', p(parseForm('x=1')), 0, create);
    idempotent(db, 'k', 'POST', '/a', p(parseForm('x=1')), DAY_MS - 1, create);
    expect(runs()).toBe(1);
    expect(idempotent(db, 'k', 'POST', '/a', p(parseForm('x=2')), DAY_MS, create).status).toBe(200);
    expect(runs()).toBe(2);
    idempotent(db, 'old', 'POST', '/a', p(parseJson('{"n":null,"l":[1,true]}')), 0, create);
    expect(db.transact((tx) => pruneIdempotency(tx, DAY_MS + 1))).toBe(1);
    expect(db.get(IDEMPOTENCY_TABLE, 'old')).toBeUndefined();
    expect(db.get(IDEMPOTENCY_TABLE, 'k')).toBeDefined();
  });

  it('works inside the caller’s transaction', async () => {
    const { db, create, runs } = await setup();
    db.transact((tx) => idempotent(tx, 'k', 'POST', '/a', p(parseForm('')), 0, create));
    db.transact((tx) => idempotent(tx, 'k', 'POST', '/a', p(parseForm('')), 0, create));
    expect(runs()).toBe(1);
  });
});
