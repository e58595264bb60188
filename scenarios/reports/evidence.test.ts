import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResult, StepResult } from '../types.ts';
import { htmlReport } from './html.ts';
import { jsonReport } from './json.ts';
import { junitXml } from './junit.ts';
import { portalSummary } from './summary.ts';

// The evidence in a report: who ran it (merchant, partner, client and version), when (WIB), which
// client made each call, and the headers each call carried with signatures redacted.

const step = (over: Partial<StepResult>): StepResult => ({ label: 'transferToDana', status: 'passed', failures: [], durationMs: 5, ...over });
const mandatory = { scenario: 'Dana Disbursement TopUp', mandatory: true, product: 'disbursement', attempts: 1, durationMs: 10 } as const;

const byAdapter: CaseResult = {
  ...mandatory,
  id: 'TopUpCustomerValid',
  title: 'valid',
  status: 'passed',
  byClient: true,
  steps: [step({ client: 'adapter', requestHeaders: { 'X-SIGNATURE': 'sig-secret', 'X-PARTNER-ID': 'partner-9', Authorization: 'Bearer t' } })],
};
const finishedByBuiltIn: CaseResult = {
  ...mandatory,
  id: 'TopUpCustomerInquiry',
  title: 'inquiry',
  status: 'passed',
  byClient: false,
  steps: [step({ label: 'transferToDanaInquiryStatus', client: 'built-in', builtInReason: 'not in adapter' })],
};
const tampered: CaseResult = {
  ...mandatory,
  id: 'TopUpCustomerInvalidSignature',
  title: 'tampered',
  status: 'passed',
  byClient: false,
  steps: [step({ label: 'transferToDana (tampered)', client: 'built-in', builtInReason: 'tamper' })],
};

const run: RunResult = {
  target: 'dana-sim at http://127.0.0.1:1',
  client: 'adapter ./my-adapter.ts',
  clientVersion: '3.2.1',
  clientIsUsers: true,
  merchantId: '216620000090000000001',
  partnerId: 'partner-9',
  startedAt: '2026-12-06T20:08:46.524+07:00',
  durationMs: 30,
  cases: [byAdapter, finishedByBuiltIn, tampered],
};

describe('UAT report evidence', () => {
  it("counts the mandatory cases passed by the user's code and names the calls a partial adapter did not make", () => {
    const summary = portalSummary(run);
    expect(summary).toContain('mandatory: 3 of 3 passed; 1 by your code');
    expect(summary).toContain("not in your client, so sent by dana-sim's built-in signer: transferToDanaInquiryStatus");
    // dana-sim's own raw signer as the client is nobody's code: no such count.
    expect(portalSummary({ ...run, clientIsUsers: false })).toMatch(/mandatory: 3 of 3 passed$/m);
  });

  it('shows merchant, partner, client version, WIB start, who sent each step and its redacted headers in HTML', () => {
    const html = htmlReport(run);
    expect(html).toContain('216620000090000000001 (partner partner-9)');
    expect(html).toContain('adapter ./my-adapter.ts 3.2.1');
    expect(html).toContain('2026-12-06 20:08:46 WIB');
    expect(html).toContain('Mandatory: 3 of 3 passed; 1 by your code');
    expect(html).toContain('Sent by: your client (adapter ./my-adapter.ts)');
    // dana-sim's raw signer as the chosen client is named as such, never as the user's code.
    const raw = htmlReport({ ...run, client: 'raw (dana-sim signer)', clientIsUsers: false });
    expect(raw).toContain('Sent by: raw (dana-sim signer)');
    expect(raw).not.toContain('Sent by: your client');
    expect(html).toContain('Sent by: dana-sim built-in signer (not in adapter)');
    expect(html).toContain('Sent by: dana-sim built-in signer (tamper)');
    expect(html).toContain('Not made by your client: it has no transferToDanaInquiryStatus');
    expect(html.match(/not-in-adapter/g)).toHaveLength(1);
    expect(html).toContain('Request headers');
    expect(html).toContain('partner-9');
    expect(html).not.toContain('sig-secret');
    expect(html).not.toContain('Bearer t');
  });

  it('carries the same facts in JSON and JUnit, signatures redacted', () => {
    const json = JSON.parse(jsonReport(run));
    expect(json).toMatchObject({ merchantId: '216620000090000000001', partnerId: 'partner-9', clientVersion: '3.2.1' });
    expect(json.cases[0].steps[0]).toMatchObject({ client: 'adapter', requestHeaders: { 'X-SIGNATURE': '***', 'X-PARTNER-ID': 'partner-9' } });
    expect(json.cases[1].steps[0]).toMatchObject({ client: 'built-in', builtInReason: 'not in adapter' });
    const xml = junitXml(run);
    expect(xml).toContain('<property name="merchantId" value="216620000090000000001"/>');
    expect(xml).toContain('<property name="clientVersion" value="3.2.1"/>');
    expect(xml).toContain('timestamp="2026-12-06T20:08:46.524+07:00"');
  });
});
