import { afterAll, describe, expect, it } from 'vitest';
import { loadCases, selectCases } from '../scenarios/load.ts';
import { portalSummary } from '../scenarios/reports/summary.ts';
import type { RunResult } from '../scenarios/types.ts';
import { runCli as cli } from './run-cli.ts';
import { runInProcess, runOverHttp } from './uat-runs.ts';
import { stopServers, uatServer } from './uat-servers.ts';

// `dana-sim uat --product widget`: DANA's 13 mandatory Widget cases (10 payment + the 3 finish-notify
// cases shared with Payment Gateway and Disbursement), in-process (raw signer and the official SDK)
// and against a running dana-sim over HTTP.

afterAll(stopServers);

const cases = selectCases(loadCases(), { product: 'widget' });

function expectAllPassed(run: RunResult) {
  expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  expect(run.cases).toHaveLength(13);
  const summary = portalSummary(run);
  expect(summary).toContain('Widget Payment (mandatory): 10 of 10');
  expect(summary).toContain('General Payment finish notify (mandatory): 3 of 3');
  expect(summary).toMatch(/mandatory: 13 of 13 passed$/);
}

describe('selecting the Widget cases', () => {
  it('selects the 13 mandatory cases by DANA fixture id', () => {
    expect(
      cases
        .filter((c) => c.mandatory)
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'ExpiredNotify',
      'InternalServerErrorNotify',
      'PaymentFailExceedAmountLimit',
      'PaymentFailGeneralError',
      'PaymentFailInconsistentRequest',
      'PaymentFailInternalServerError',
      'PaymentFailInvalidFormat',
      'PaymentFailInvalidSignature',
      'PaymentFailMerchantNotExistOrStatusAbnormal',
      'PaymentFailMissingOrInvalidMandatoryField',
      'PaymentFailNotPermitted',
      'PaymentSuccess',
      'TransactionSuccessNotify',
    ]);
  });
});

describe('the Widget cases against the in-process simulator', () => {
  it.each([['raw'], ['dana-node']])('all pass with the %s client, 13 of 13 mandatory', async (name) => {
    expectAllPassed(await runInProcess(cases, name));
  });
});

describe('the Widget cases over HTTP', () => {
  it('all pass against a running dana-sim, 13 of 13 mandatory', async () => {
    expectAllPassed(await runOverHttp(cases, 'uat-widget-http'));
  });

  it('`dana-sim uat --product widget --target <url>` runs them all and exits 0', async () => {
    const { running, dataDir } = await uatServer('uat-widget-cli');
    const result = await cli('uat', '--product', 'widget', '--target', running.url, '--data', dataDir);
    expect(result.stdout).toMatch(/^13 passed, 0 failed, 0 skipped$/m);
    expect(result.stdout).toMatch(/^mandatory: 13 of 13 passed$/m);
    expect(result.code).toBe(0);
  });
});
