import { afterAll, describe, expect, it } from 'vitest';
import { loadCases, selectCases } from '../scenarios/load.ts';
import { portalSummary } from '../scenarios/reports/summary.ts';
import type { RunResult } from '../scenarios/types.ts';
import { runCli as cli } from './run-cli.ts';
import { runInProcess, runOverHttp } from './uat-runs.ts';
import { stopServers, uatServer } from './uat-servers.ts';

// `dana-sim uat --product widget`: DANA's 13 mandatory Widget cases (10 payment + the 3 finish-notify
// cases shared with Payment Gateway and Disbursement) and the 52 others (apply token, apply OTT,
// unbinding, balance, cancel, query and refund: every active node widget test, and the skipped
// ones the simulator answers meaningfully), in-process (raw signer and the official SDK) and against a
// running dana-sim over HTTP.

afterAll(stopServers);

const cases = selectCases(loadCases(), { product: 'widget' });

/** The non-mandatory Widget cases per Merchant Portal scenario. */
const NON_MANDATORY: Record<string, number> = {
  'Widget Apply OTT': 9,
  'Widget Apply Token': 7,
  'Widget Account Unbinding': 1,
  'Widget Balance Inquiry': 6,
  'Widget Cancel Order': 11,
  'Widget Query Payment': 8,
  'Widget Refund Order': 10,
};

/** DANA's active node widget tests (uat-script test/node/widget), by the case that runs each. */
const ACTIVE_NODE_TESTS = [
  'ApplyOttSuccess',
  'ApplyOttFailInvalidFormat',
  'ApplyOttFailMissingOrInvalidMandatoryField',
  'ApplyOttFailInvalidSignature',
  'ApplyOttFailTokenExpired',
  'ApplyOttFailTokenNotFound',
  'ApplyTokenSuccess',
  'ApplyTokenFailAuthcodeUsed',
  'ApplyTokenFailInvalidSignature',
  'AccountUnbindSuccess',
  'CancelOrderFailUserStatusAbnormal',
  'CancelOrderFailMerchantStatusAbnormal',
  'CancelOrderFailExceedCancelWindowTime',
  'CancelOrderFailNotAllowedByAgreement',
  'CancelOrderFailAccountStatusAbnormal',
  'CancelOrderFailInsufficientMerchantBalance',
  'CancelOrderFailTimeout',
  'CancelOrderFailMissingParameter',
  'CancelOrderFailOrderNotExist',
  'QueryOrderSuccessPaid',
  'QueryOrderSuccessInitiated',
  'QueryOrderSuccessPaying',
  'QueryOrderSuccessCancelled',
  // The node test QueryOrderNotFound (no fixture of its own).
  'QueryOrderFailTransactionNotFound',
  'QueryOrderFailInvalidField',
  'QueryOrderFailInvalidMandatoryField',
  'QueryOrderFailGeneralError',
  'RefundInProcess',
  'RefundFailMandatoryParameterInvalid',
  'RefundFailOrderNotExist',
  'RefundFailInvalidSignature',
  'RefundFailTimeout',
  'RefundFailMerchantStatusAbnormal',
];

function expectAllPassed(run: RunResult) {
  expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  expect(run.cases).toHaveLength(65);
  const summary = portalSummary(run);
  expect(summary).toContain('Widget Payment (mandatory): 10 of 10');
  expect(summary).toContain('General Payment finish notify (mandatory): 3 of 3');
  for (const [scenario, count] of Object.entries(NON_MANDATORY)) expect(summary).toContain(`${scenario}: ${count} of ${count}`);
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

  it("has a non-mandatory case for each of DANA's 33 active node tests, each classified on the widget path", () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    expect(ACTIVE_NODE_TESTS.filter((id) => byId.get(id)?.mandatory !== false)).toEqual([]);
    const perScenario: Record<string, number> = {};
    for (const c of cases.filter((c) => !c.mandatory)) perScenario[c.scenario] = (perScenario[c.scenario] ?? 0) + 1;
    expect(perScenario).toEqual(NON_MANDATORY);
    for (const c of cases.filter((c) => !c.mandatory)) {
      expect(c.classify, c.id).toBeDefined();
      // Cancel, refund and query are Payment Gateway's endpoints: only the widget path tells the cases apart.
      if (c.classify && 'endpoint' in c.classify && ['cancelOrder', 'refundOrder', 'queryPayment'].includes(c.classify.endpoint))
        expect(c.classify.path, c.id).toMatch(/^\/(v1\.0\/debit\/(cancel|refund|status)\.htm|rest\/v1\.1\/debit\/status)$/);
    }
  });
});

describe('the Widget cases against the in-process simulator', () => {
  it.each([['raw'], ['dana-node']])('all 65 pass with the %s client, 13 of 13 mandatory', async (name) => {
    expectAllPassed(await runInProcess(cases, name));
  });
});

describe('the Widget cases over HTTP', () => {
  it('all 65 pass against a running dana-sim, 13 of 13 mandatory', async () => {
    expectAllPassed(await runOverHttp(cases, 'uat-widget-http'));
  });

  it('`dana-sim uat --product widget --target <url>` runs them all and exits 0', async () => {
    const { running, dataDir } = await uatServer('uat-widget-cli');
    const result = await cli('uat', '--product', 'widget', '--target', running.url, '--data', dataDir);
    expect(result.stdout).toMatch(/^65 passed, 0 failed, 0 skipped$/m);
    expect(result.stdout).toMatch(/^mandatory: 13 of 13 passed$/m);
    expect(result.code).toBe(0);
  });
});
