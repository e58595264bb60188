import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../simulator/products/index.ts';
import { snapResponseCode } from '../contracts/response-codes.ts';
import { SimulatorClock } from '../simulator/clock/clock.ts';
import { createTestSimulator, PATHS, topUpBody, type TestSimulator } from './helpers.ts';
import { RESPONSE_CODE_ORACLE } from './oracle/response-codes.ts';
import { TRIGGERS } from './oracle/triggers.ts';
import type { Provocation, Via } from './oracle/provoke.ts';

// Every code of every endpoint, checked against a literal oracle written from ../shared/dana-api/
// (test/oracle/), never against the product's own tables: code, HTTP status and DANA's exact text.
// Each code is provoked the way DANA's callers meet it (test/oracle/triggers*.ts); a rule is used
// only where no request or state can cause it, and each test's name says which way was taken.

const simulator = () => createTestSimulator({ background: false, clock: SimulatorClock.frozen() });

interface Case<Row> {
  readonly name: string;
  readonly endpoint: string;
  readonly row: Row;
  readonly provocation: Provocation | undefined;
}

function casesOf<Row extends { key: string }>(endpoint: string, rows: readonly Row[], expected: (row: Row) => string): Case<Row>[] {
  return rows.map((row) => {
    const provocation = TRIGGERS[endpoint]?.[row.key];
    const way = provocation ? `${provocation.how} (${provocation.via})` : '(no provocation written)';
    return { name: `${endpoint} answers ${expected(row)} to ${way}`, endpoint, row, provocation };
  });
}

const entries = Object.entries(RESPONSE_CODE_ORACLE);
const snapCases = entries.flatMap(([endpoint, entry]) =>
  entry.envelope === 'snap'
    ? casesOf(endpoint, entry.rows, (row) => `${row.responseCode}, HTTP ${row.httpStatus}, "${row.responseMessage}"`)
    : [],
);
const openApiCases = entries.flatMap(([endpoint, entry]) =>
  entry.envelope === 'open-api'
    ? casesOf(endpoint, entry.rows, (row) => `${row.resultStatus}/${row.resultCodeId}/${row.resultCode}/"${row.resultMsg}"`)
    : [],
);
const bniCases = entries.flatMap(([endpoint, entry]) =>
  entry.envelope === 'bni' ? casesOf(endpoint, entry.rows, (row) => `status ${row.status}${row.message ? ` "${row.message}"` : ''}`) : [],
);

/** Proves the test's name: which rule, if any, decided the last reply. */
function expectProvokedAs(t: TestSimulator, via: Via) {
  const rule = t.sim.log.since(0, 1)[0]?.rule;
  if (via === 'real trigger') expect(rule, 'no rule may decide a real trigger').toBeUndefined();
  if (via === 'sandbox magic value') expect(rule, 'a sandbox magic value is a sandbox rule').toMatch(/^sandbox\./);
  if (via === 'rule') expect(rule, 'the one-shot rule decided').toMatch(/^rule-/);
}

/** Provokes the case's code on a fresh simulator, checking it was provoked the way the name says. */
async function provoke(provocation: Provocation | undefined) {
  expect(provocation).toBeDefined();
  const t = await simulator();
  const reply = await provocation!.send(t);
  expectProvokedAs(t, provocation!.via);
  return reply;
}

const sorted = (keys: Iterable<string>) => [...keys].sort();
/** Test names in full: `$name` would be cut short by the formatter. */
const named = <C extends { name: string }>(cases: C[]) => cases.map((c) => [c.name, c] as const);

describe('response codes against the literal oracle', () => {
  it.each(named(snapCases))('%s', async (_name, { row, provocation }) => {
    const reply = await provoke(provocation);
    expect({ status: reply.status, responseCode: reply.body.responseCode, responseMessage: reply.body.responseMessage }).toEqual({
      status: row.httpStatus,
      responseCode: row.responseCode,
      responseMessage: row.responseMessage,
    });
  });

  it.each(named(openApiCases))('%s', async (_name, { row, provocation }) => {
    const reply = await provoke(provocation);
    expect(reply.status).toBe(200);
    const { resultStatus, resultCodeId, resultCode, resultMsg } = row;
    expect(reply.body.response.body.resultInfo).toEqual({ resultStatus, resultCodeId, resultCode, resultMsg });
  });

  it.each(named(bniCases))('%s', async (_name, { row, provocation }) => {
    const reply = await provoke(provocation);
    expect(reply.status).toBe(row.httpStatus);
    expect(reply.body).toEqual(row.message === undefined ? { status: row.status } : { status: row.status, message: row.message });
  });
});

describe('oracle completeness', () => {
  it('has an entry, in the right envelope, for exactly the endpoints the contracts declare', () => {
    expect(sorted(Object.keys(RESPONSE_CODE_ORACLE))).toEqual(sorted(ENDPOINTS.map((endpoint) => endpoint.key)));
    for (const endpoint of ENDPOINTS) expect(RESPONSE_CODE_ORACLE[endpoint.key]?.envelope, endpoint.key).toBe(endpoint.envelope);
  });

  it.each(ENDPOINTS.map((endpoint) => [endpoint.key, endpoint] as const))(
    'has one row per result key %s declares, and no other',
    (key, endpoint) => {
      const rows = RESPONSE_CODE_ORACLE[key]?.rows ?? [];
      expect(sorted(rows.map((row) => row.key))).toEqual(sorted(new Set(endpoint.resultKeys)));
    },
  );

  it('has a provocation for every oracle row and no provocation without a row', () => {
    for (const [endpoint, entry] of Object.entries(RESPONSE_CODE_ORACLE)) {
      expect(sorted(Object.keys(TRIGGERS[endpoint] ?? {})), endpoint).toEqual(sorted(entry.rows.map((row) => row.key)));
    }
  });

  it('imports nothing from contracts/ or simulator/, directly or through the files it gathers', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        if (target.startsWith('node:')) continue;
        expect(target, file).toMatch(/^\.\.?\/[\w-]+\.ts$/);
        visit(resolve(dirname(file), target));
      }
    };
    visit(fileURLToPath(new URL('./oracle/response-codes.ts', import.meta.url)));
    // The product files are found by listing their folder, not imported by name.
    const products = new URL('./oracle/products/', import.meta.url);
    for (const name of readdirSync(products)) visit(fileURLToPath(new URL(name, products)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("writes SNAP codes as seven digits whose first three are the row's HTTP status", () => {
    for (const { endpoint, row } of snapCases) {
      expect(row.responseCode, `${endpoint} ${row.key}`).toMatch(/^\d{7}$/);
      expect(Number(row.responseCode.slice(0, 3)), `${endpoint} ${row.key}`).toBe(row.httpStatus);
    }
  });
});

describe('response-code catalogue', () => {
  it('keeps every SNAP code seven digits with a three-digit HTTP status', () => {
    for (const endpoint of ENDPOINTS) {
      if (endpoint.envelope !== 'snap') continue;
      for (const key of endpoint.resultKeys) expect(snapResponseCode(key, endpoint.serviceCode)).toMatch(/^[245]\d{6}$/);
    }
  });

  it('records rule-made business failures (403/404) as failed transactions, but not server errors', async () => {
    const t = await createTestSimulator();
    const server = topUpBody();
    const business = topUpBody();
    t.sim.rules.add({
      endpoint: 'transferToDana',
      when: [{ field: 'partnerReferenceNo', op: 'eq', value: business.partnerReferenceNo }],
      effect: { result: 'DO_NOT_HONOR' },
      times: 1,
    });
    t.sim.rules.add({
      endpoint: 'transferToDana',
      when: [{ field: 'partnerReferenceNo', op: 'eq', value: server.partnerReferenceNo }],
      effect: { result: 'INTERNAL_SERVER_ERROR' },
      times: 1,
    });
    expect((await t.snap(PATHS.topUp, server)).body.responseCode).toBe('5003801');
    expect((await t.snap(PATHS.topUp, business)).body.responseCode).toBe('4033805');
    const statusOf = async (ref: string) => (await t.snap(PATHS.topUpStatus, { originalPartnerReferenceNo: ref, serviceCode: '38' })).body;
    expect((await statusOf(business.partnerReferenceNo)).latestTransactionStatus).toBe('06');
    expect((await statusOf(server.partnerReferenceNo)).responseCode).toBe('4043901');
    // The server error left no trace, so a retry is processed afresh and succeeds.
    expect((await t.snap(PATHS.topUp, server)).body.responseCode).toBe('2003800');
  });
});
