import { describe, expect, it } from 'vitest';
import { testKeys } from '../test/helpers.ts';
import { rawClient } from './clients/raw.ts';
import { loadCases, selectCases } from './load.ts';
import { htmlReport } from './reports/html.ts';
import { portalSummary } from './reports/summary.ts';
import { runCases } from './runner.ts';
import { simTarget } from './targets/sim.ts';

// A partial adapter: the report says which calls it made, which dana-sim's built-in signer made and
// why, and counts as passed "by your code" only the cases the adapter's own calls passed.

describe('which client made each call', () => {
  it("marks the calls a partial adapter did not make and counts by-your-code cases from the adapter's calls only", async () => {
    const { dana, merchant } = testKeys();
    const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem } });
    try {
      const raw = rawClient(target.baseUrl, target.merchant);
      const run = await runCases({
        target,
        client: { name: 'adapter ./partial.ts', adapter: { transferToDana: raw.transferToDana }, version: '0.1.0', isUsers: true },
        cases: selectCases(loadCases(), { only: ['TopUpCustomerValid', 'DisbursementBankValidAccount', 'CreateOrderUnauthorized'] }),
      });
      const byId = Object.fromEntries(run.cases.map((c) => [c.id, c]));
      expect(run.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);

      expect(byId.TopUpCustomerValid.steps[0]).toMatchObject({ client: 'adapter' });
      expect(byId.TopUpCustomerValid.steps[0]).not.toHaveProperty('builtInReason');
      expect(byId.TopUpCustomerValid.byClient).toBe(true);
      // Seen through the msw interception: the headers the adapter's call carried.
      expect(byId.TopUpCustomerValid.steps[0].requestHeaders).toMatchObject({ 'x-partner-id': target.merchant.partnerId });

      expect(byId.DisbursementBankValidAccount.steps[0]).toMatchObject({ client: 'built-in', builtInReason: 'not in adapter' });
      expect(byId.DisbursementBankValidAccount.byClient).toBe(false);
      const tampered = byId.CreateOrderUnauthorized.steps.find((s) => s.builtInReason === 'tamper');
      expect(tampered).toMatchObject({ client: 'built-in' });
      expect(tampered?.requestHeaders).toHaveProperty('x-signature');
      expect(byId.CreateOrderUnauthorized.byClient).toBe(false);

      expect(run).toMatchObject({ merchantId: target.merchant.merchantId, partnerId: target.merchant.partnerId, clientVersion: '0.1.0' });
      expect(run.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
      const summary = portalSummary(run);
      expect(summary).toContain('mandatory: 3 of 3 passed; 1 by your code');
      expect(summary).toContain("not in your client, so sent by dana-sim's built-in signer: transferToBank");
      const html = htmlReport(run);
      expect(html).toContain('Not made by your client: it has no transferToBank');
      expect(html).not.toContain(String(tampered?.requestHeaders?.['x-signature']));
    } finally {
      await target.close();
    }
  });
});
