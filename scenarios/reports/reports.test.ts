import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResult } from '../types.ts';
import { htmlReport } from './html.ts';
import { writeReports } from './index.ts';
import { jsonReport } from './json.ts';
import { junitXml } from './junit.ts';
import { redact } from '../../simulator/core/redact.ts';
import { mandatoryPassed, portalSummary } from './summary.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const REASON = `expected <4035614> & got "5005601" 'x'`;
const TOPUP = { scenario: 'Dana Disbursement TopUp', mandatory: true, product: 'disbursement', attempts: 1 } as const;
const INQUIRY = { scenario: 'Dana Account Inquiry', mandatory: false, product: 'disbursement', attempts: 1 } as const;

const passed: CaseResult = { ...TOPUP, id: 'TopUpCustomerValid', title: 'Top up a valid customer', status: 'passed', durationMs: 250,
  steps: [{ label: 'transferToDana', status: 'passed', failures: [], durationMs: 240, httpStatus: 200,
    request: { partnerReferenceNo: 'ref-0' }, response: '{"responseCode":"2003800","signature":"s-1"}' }],
};
const inquiry: CaseResult = { ...INQUIRY, id: 'AccountInquiryValid', title: 'Inquire a valid account', status: 'passed', durationMs: 120,
  steps: [{ label: 'danaAccountInquiry', status: 'passed', failures: [], durationMs: 110, response: { responseCode: '2003700' } }],
};
const failed: CaseResult = {
  ...TOPUP, id: 'TopUpCustomerInsufficientFund', title: 'Top up & insufficient <fund>', status: 'failed',
  reason: REASON, attempts: 2, durationMs: 1500,
  steps: [{
    label: 'transferToDana', status: 'failed', failures: ['responseCode: expected 4035614, got 5005601\u0001'],
    durationMs: 1490, httpStatus: 500,
    request: {
      headers: { Authorization: 'Bearer tok-123', 'X-SIGNATURE': 'sig-abc' },
      body: { partnerReferenceNo: 'ref-1', amount: { value: '1.00', currency: 'IDR' } },
      config: { clientSecret: 'cs-SECRET-42', keyPem: PEM },
    },
    response: { responseCode: '5005601', accessToken: 'at-xyz' },
  }],
};
const skipped: CaseResult = { ...TOPUP, id: 'TopUpCustomerTimeout', title: 'Top up times out', status: 'skipped',
  reason: 'simulator targets only', durationMs: 0,
  steps: [{ label: 'transferToDana', status: 'skipped', skipped: 'needs rules', failures: [], durationMs: 0 }],
};
const run: RunResult = {
  target: 'simulator (in-process)', client: 'dana-node', startedAt: '2025-01-02T03:04:05.000Z', durationMs: 12345,
  cases: [passed, inquiry, failed, skipped],
};
const SECRETS = ['tok-123', 'sig-abc', 'cs-SECRET-42', 'at-xyz', 's-1', 'PRIVATE KEY'];

/** A minimal well-formedness check: one root, balanced tags, quoted attributes, only legal text and entities. */
function checkXml(xml: string): string[] {
  const body = xml.replace(/^<\?xml [^?]*\?>/, '');
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  const legal = /^(?:[^<&\x00-\x08\x0B\x0C\x0E-\x1F]|&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)*$/;
  const stack: string[] = [];
  const names: string[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? undefined : lt);
    if (!legal.test(text)) throw new Error(`illegal text: ${JSON.stringify(text)}`);
    if (stack.length === 0 && text.trim()) throw new Error(`text outside the root: ${text}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) throw new Error(`malformed tag: ${body.slice(lt, lt + 60)}`);
    const [, close, name, attrs, self] = m;
    const keys = [...attrs.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, key, value]) => {
      if (!legal.test(value)) throw new Error(`illegal attribute value: ${value}`);
      return key;
    });
    if (new Set(keys).size !== keys.length) throw new Error(`duplicate attribute in <${name}>`);
    if (close) {
      if (self || attrs) throw new Error(`bad closing tag </${name}>`);
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0 && names.length > 0) throw new Error('second root element');
      names.push(name);
      if (!self) stack.push(name);
    }
    i = tag.lastIndex;
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  return names;
}

function attrsOf(xml: string, element: string, nth = 0): Record<string, string> {
  const found = [...xml.matchAll(new RegExp(`<${element}\\s([^>]*?)/?>`, 'g'))][nth];
  return Object.fromEntries([...found[1].matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
}

describe('portal summary', () => {
  it('prints one line per group in first-seen order, then totals and the mandatory line', () => {
    expect(portalSummary(run).split('\n')).toEqual([
      'Dana Disbursement TopUp (mandatory): 1 of 3',
      'Dana Account Inquiry: 1 of 1',
      '2 passed, 1 failed, 1 skipped',
      'mandatory: 1 of 3 passed',
    ]);
  });

  it('mandatoryPassed: only when every mandatory case passed; skipped is not passed', () => {
    expect(mandatoryPassed(run)).toBe(false);
    const ok = { ...failed, status: 'passed' as const };
    expect(mandatoryPassed({ ...run, cases: [passed, ok, { ...inquiry, status: 'failed' }] })).toBe(true);
    expect(mandatoryPassed({ ...run, cases: [passed, ok, skipped] })).toBe(false);
  });
});

describe('JUnit XML', () => {
  const xml = junitXml(run);

  it('is well-formed with one suite per portal group and one case per UAT case', () => {
    const names = checkXml(xml);
    expect(names.filter((n) => n === 'testsuite')).toHaveLength(2);
    expect(names.filter((n) => n === 'testcase')).toHaveLength(4);
    expect(attrsOf(xml, 'testsuites')).toEqual({ name: 'dana-sim uat', tests: '4', failures: '1', errors: '0', skipped: '1', time: '12.345' });
    expect(attrsOf(xml, 'testsuite', 0)).toMatchObject({ name: 'Dana Disbursement TopUp (mandatory)', tests: '3', failures: '1', skipped: '1', time: '1.750' });
    expect(attrsOf(xml, 'testsuite', 1)).toMatchObject({ name: 'Dana Account Inquiry', tests: '1', failures: '0', skipped: '0', time: '0.120' });
    expect(attrsOf(xml, 'testcase', 0)).toEqual({ classname: 'Dana Disbursement TopUp (mandatory)', name: 'TopUpCustomerValid: Top up a valid customer', time: '0.250' });
    expect(attrsOf(xml, 'testcase', 1).name).toBe('TopUpCustomerInsufficientFund: Top up &amp; insufficient &lt;fund&gt;');
  });

  it('escapes the reason, lists failing steps and drops illegal characters', () => {
    expect(attrsOf(xml, 'failure').message).toBe('expected &lt;4035614&gt; &amp; got &quot;5005601&quot; &apos;x&apos;');
    expect(xml).not.toContain(REASON);
    expect(xml).toContain('>transferToDana: responseCode: expected 4035614, got 5005601\n(after 2 attempts)</failure>');
    expect(xml).not.toContain('\u0001');
    expect(attrsOf(xml, 'skipped').message).toBe('simulator targets only');
  });
});

describe('redact', () => {
  it('replaces secret keys in any case and PEM strings in a deep copy, leaving the input alone', () => {
    const input = { a: [{ CLIENT_SECRET: 'x', Password: { nested: 1 } }], keep: 5, pem: PEM, signatureless: 'ok' };
    expect(redact(input)).toEqual({ a: [{ CLIENT_SECRET: '***', Password: '***' }], keep: 5, pem: '***', signatureless: 'ok' });
    expect(input.a[0].CLIENT_SECRET).toBe('x');
    const loop: Record<string, unknown> = { secretKey: 'k' };
    loop.self = loop;
    expect(redact(loop)).toEqual({ secretKey: '***', self: '[Circular]' });
  });
});

describe('JSON report', () => {
  it('parses back to the run with secrets redacted', () => {
    const text = jsonReport(run);
    const parsed = JSON.parse(text) as { target: string; cases: { steps: { request?: any; response?: any }[] }[] };
    expect(parsed.target).toBe('simulator (in-process)');
    const step = parsed.cases[2].steps[0];
    expect(step.request.headers).toEqual({ Authorization: '***', 'X-SIGNATURE': '***' });
    expect(step.request.config).toEqual({ clientSecret: '***', keyPem: '***' });
    expect(step.request.body.partnerReferenceNo).toBe('ref-1');
    expect(step.response).toEqual({ responseCode: '5005601', accessToken: '***' });
    for (const secret of SECRETS.filter((s) => s !== 's-1')) expect(text).not.toContain(secret);
    expect((failed.steps[0].request as any).config.clientSecret).toBe('cs-SECRET-42');
  });
});

describe('HTML report', () => {
  const html = htmlReport(run);

  it('is self-contained: no scripts, no external resources', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
  });

  it('shows the run, the portal summary and every case with escaped, redacted details', () => {
    for (const text of ['simulator (in-process)', 'dana-node', '2025-01-02 10:04:05 WIB', '12.345 s',
      'Mandatory: 1 of 3 passed', 'Dana Disbursement TopUp (mandatory)</td><td class="num">1 of 3',
      '2 passed, 1 failed, 1 skipped', 'TopUpCustomerTimeout', 'needs rules', '<details class="case failed"',
      'Top up &amp; insufficient &lt;fund&gt;', 'HTTP 500', '&quot;partnerReferenceNo&quot;: &quot;ref-1&quot;'])
      expect(html).toContain(text);
    expect(html).toContain('expected &lt;4035614&gt; &amp; got &quot;5005601&quot; &#39;x&#39;');
    expect(html).not.toContain(REASON);
    expect(html.match(/class="badge (passed|failed|skipped)"/g)?.length).toBeGreaterThanOrEqual(8);
    expect(html).toContain('&quot;clientSecret&quot;: &quot;***&quot;');
    expect(html).toContain('&quot;signature&quot;: &quot;***&quot;');
    for (const secret of SECRETS) expect(html).not.toContain(secret);
  });
});

describe('writeReports', () => {
  it('creates the directory and writes the three files', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'dana-sim-reports-'));
    try {
      const out = join(tmp, 'nested', 'reports');
      const paths = await writeReports(run, ['junit', 'json', 'html'], out);
      expect(paths).toEqual(['uat-report.xml', 'uat-report.json', 'uat-report.html'].map((f) => join(out, f)));
      expect((await readdir(out)).sort()).toEqual(['uat-report.html', 'uat-report.json', 'uat-report.xml']);
      expect(await readFile(paths[0], 'utf8')).toBe(junitXml(run));
      expect(JSON.parse(await readFile(paths[1], 'utf8')).cases).toHaveLength(4);
      expect(await readFile(paths[2], 'utf8')).toBe(htmlReport(run));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
