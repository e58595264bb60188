import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rawClient } from '../scenarios/clients/raw.ts';
import { loadCases, selectCases } from '../scenarios/load.ts';
import { portalSummary } from '../scenarios/reports/summary.ts';
import { runCases } from '../scenarios/runner.ts';
import { parseEnvFile, sandboxTarget } from '../scenarios/targets/http.ts';
import type { RunResult } from '../scenarios/types.ts';
import { runCli as cli } from './run-cli.ts';
import { runInProcess, runOverHttp } from './uat-runs.ts';
import { stopServers, uatServer } from './uat-servers.ts';

// `dana-sim uat --product payment_gateway`: DANA's 49 Payment Gateway UAT tests as case files, every
// one passing against the in-process simulator (raw signer and the official SDK) and against a
// running dana-sim over HTTP; 8 of 8 mandatory (5 create order + 3 finish notify).

afterAll(stopServers);

const cases = selectCases(loadCases(), { product: 'payment_gateway' });

function expectAllPassed(run: RunResult) {
  expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  expect(run.cases).toHaveLength(49);
  const summary = portalSummary(run);
  expect(summary).toContain('Payment Gateway Payment (mandatory): 5 of 5');
  expect(summary).toContain('General Payment finish notify (mandatory): 3 of 3');
  expect(summary).toContain('Payment Gateway Payment: 4 of 4');
  expect(summary).toContain('Payment Gateway Debit Status: 8 of 8');
  expect(summary).toContain('Payment Gateway Cancel Order: 13 of 13');
  expect(summary).toContain('Payment Gateway Refund Order: 13 of 13');
  expect(summary).toContain('Payment Gateway Consult Pay: 3 of 3');
  expect(summary).toMatch(/mandatory: 8 of 8 passed$/);
}

describe('selecting the Payment Gateway cases', () => {
  it('selects 49 cases, 8 mandatory, by the name DANA uses and its dashed spelling alike', () => {
    expect(cases).toHaveLength(49);
    expect(cases.filter((c) => c.mandatory).map((c) => c.id)).toEqual([
      'CreateOrderInconsistentRequest',
      'CreateOrderInvalidFieldFormat',
      'CreateOrderInvalidMandatoryField',
      'CreateOrderRedirect',
      'CreateOrderUnauthorized',
      'ExpiredNotify',
      'InternalServerErrorNotify',
      'TransactionSuccessNotify',
    ]);
    expect(selectCases(loadCases(), { product: 'payment-gateway' }).map((c) => c.id)).toEqual(cases.map((c) => c.id));
  });

  it('keeps the finish-notify cases in the disbursement selection too', () => {
    const disbursement = selectCases(loadCases(), { product: 'disbursement' });
    expect(disbursement.filter((c) => c.mandatory)).toHaveLength(17);
    expect(disbursement.map((c) => c.id)).toEqual(
      expect.arrayContaining(['TransactionSuccessNotify', 'InternalServerErrorNotify', 'ExpiredNotify']),
    );
    expect(disbursement.map((c) => c.id)).not.toContain('CreateOrderRedirect');
  });
});

describe('the Payment Gateway cases against the in-process simulator', () => {
  it.each([['raw'], ['dana-node']])('all pass with the %s client, 8 of 8 mandatory', async (name) => {
    expectAllPassed(await runInProcess(cases, name));
  });
});

describe('the Payment Gateway cases over HTTP', () => {
  it('all pass against a running dana-sim, 8 of 8 mandatory', async () => {
    expectAllPassed(await runOverHttp(cases, 'uat-pg-http'));
  });

  it('`dana-sim uat --product payment_gateway --target <url>` runs them all and exits 0', async () => {
    const { running, dataDir } = await uatServer('uat-pg-cli');
    const result = await cli('uat', '--product', 'payment_gateway', '--target', running.url, '--data', dataDir);
    expect(result.stdout).toContain('dana-sim uat: 49 case(s) against dana-sim at http://127.0.0.1:');
    expect(result.stdout).toMatch(/^49 passed, 0 failed, 0 skipped$/m);
    expect(result.stdout).toMatch(/^mandatory: 8 of 8 passed$/m);
    expect(result.code).toBe(0);
  });

  it("skips, on the sandbox target's code path, a case that pays at the cashier, running nothing after the payment", async () => {
    const { running, dataDir } = await uatServer('uat-pg-sandbox');
    const env = parseEnvFile(await readFile(join(dataDir, 'merchant.env'), 'utf8'));
    const target = await sandboxTarget({ ...env, DANA_SANDBOX_BASE_URL: running.url });
    try {
      const selected = selectCases(cases, { only: ['CreateOrderRedirect', 'RefundOrderValidScenario', 'CancelOrderInProgress'] });
      const run = await runCases({ target, client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) }, cases: selected });
      const byId = Object.fromEntries(run.cases.map((c) => [c.id, c]));
      expect(byId.CreateOrderRedirect.status).toBe('passed');
      expect(byId.CancelOrderInProgress).toMatchObject({
        status: 'passed',
        steps: [{ note: 'balance changes are checked on simulators only' }],
      });
      expect(byId.RefundOrderValidScenario).toMatchObject({
        status: 'skipped',
        reason: expect.stringContaining("paying at DANA's hosted cashier needs a browser"),
      });
      expect(byId.RefundOrderValidScenario.steps.map((step) => step.status)).toEqual(['passed', 'skipped']);
    } finally {
      await target.close();
    }
  });
});
