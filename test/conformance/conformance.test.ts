import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSimulator, type TestSimulator } from '../helpers.ts';
import { ADAPTERS, type AdapterDriver } from './adapters.ts';
import { CASES, SIMULATOR_OPTIONS, type CaseRequest, type ConformanceCase, type SimulatorKind } from './cases.ts';

// Issue 12: one suite, every adapter (hono runs `src/router/common.case.test.ts` against each router).
// Each adapter gets its own pair of simulators, reused by its cases: every state check is a delta.

const drivers = ADAPTERS.map((make) => make());

describe.each(drivers.map((driver) => [driver.name, driver] as const))('%s', (_name, driver: AdapterDriver) => {
  let simulators: Record<SimulatorKind, TestSimulator>;

  beforeAll(async () => {
    const [plain, guarded] = await Promise.all([
      createTestSimulator({ background: false, ...SIMULATOR_OPTIONS.plain }),
      createTestSimulator({ background: false, ...SIMULATOR_OPTIONS.guarded }),
    ]);
    simulators = { plain, guarded };
    await driver.start({ plain: plain.sim, guarded: guarded.sim });
  });

  afterAll(async () => {
    await driver.stop();
    await Promise.all(Object.values(simulators ?? {}).map((t) => t.sim.close()));
  });

  const expressible = CASES.filter((entry) => driver.remoteCallers || !entry.remote);
  const inexpressible = CASES.filter((entry) => !expressible.includes(entry));

  it.each(expressible.map((entry) => [entry.name, entry] as const))('%s', async (_caseName, entry: ConformanceCase) => {
    const kind = entry.on ?? 'plain';
    const t = simulators[kind];
    const send = (request: CaseRequest) => driver.send(kind, request);
    const balance = () => (entry.moves ? t.sim.runtime.db.ledger.balance(entry.moves.account(t)) : 0);
    const before = balance();
    const request = await entry.request({ t, send });
    const outcome = await send({ ...request, remote: entry.remote ?? false });

    if (entry.expect === 'network-error') expect(outcome).toBe('network-error');
    else {
      expect(outcome, 'the client got a network error').not.toBe('network-error');
      if (outcome === 'network-error') return;
      const { status, json, headers, text, check } = entry.expect;
      expect(outcome.status, outcome.body).toBe(status);
      if (json) expect(JSON.parse(outcome.body)).toMatchObject(json);
      for (const [name, value] of Object.entries(headers ?? {})) {
        if (value instanceof RegExp) expect(outcome.headers[name], name).toMatch(value);
        else expect(outcome.headers[name], name).toBe(value);
      }
      if (text) expect(outcome.body).toMatch(text);
      check?.(outcome.body, t);
    }
    if (entry.moves) expect(balance() - before, entry.moves.account(t)).toBe(entry.moves.byMinor);
  });

  // msw and the forwarder have no connection of their own: the caller is this process.
  if (inexpressible.length > 0)
    it.skip.each(inexpressible.map((entry) => [entry.name] as const))('%s (no peer address to give)', () => undefined);
});
