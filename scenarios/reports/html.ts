import { wibTime } from '../../simulator/clock/clock.ts';
import { madeBy, mandatoryByClient } from './attribution.ts';
import { portalGroup, productsOf, type CaseResult, type CaseStatus, type RunResult, type StepResult } from '../types.ts';
import { redact } from '../../simulator/core/redact.ts';
import { mandatoryPassed, portalGroups, totals } from './summary.ts';

// One self-contained HTML file a merchant can attach as UAT evidence: inline CSS, no scripts, no
// external resources (the Content-Security-Policy forbids them), requests and responses redacted.

/** Text or attribute content: & < > " ' escaped, characters illegal in HTML text dropped. */
export function escapeHtml(value: string): string {
  return value
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --skip: #6e7781; --skip-bg: #eaeef2; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f6f8fa; }
table.meta { width: auto; }
table.meta th { background: none; font-weight: 600; padding-left: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 64px; text-align: center; font-weight: 700; font-size: 11px; letter-spacing: .04em; padding: 2px 6px; border-radius: 10px; border: 1px solid; }
.badge.passed { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
.badge.failed { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
.badge.skipped { color: var(--skip); background: var(--skip-bg); border-color: var(--skip); }
.verdict { font-size: 16px; font-weight: 700; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
.verdict.passed { color: var(--pass); background: var(--pass-bg); }
.verdict.failed { color: var(--fail); background: var(--fail-bg); }
details.case { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; margin: 10px 0; }
details.case.passed { border-left-color: var(--pass); }
details.case.failed { border-left-color: var(--fail); }
details.case.skipped { border-left-color: var(--skip); background: #fafbfc; }
details.case > summary { cursor: pointer; padding: 8px 12px; }
details.case > summary .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; margin: 0 6px; }
.case-body { padding: 0 12px 12px; }
.reason { margin: 6px 0; padding: 6px 10px; border-radius: 4px; }
.reason.failed { background: var(--fail-bg); }
.reason.skipped { background: var(--skip-bg); }
.step { border-top: 1px dashed #d0d7de; padding-top: 8px; margin-top: 8px; }
.step h4 { margin: 0 0 4px; font-size: 14px; }
.step .facts { color: #59636e; font-size: 12px; }
ul.failures { color: var(--fail); margin: 4px 0; }
.payloads { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.payloads h5 { margin: 6px 0 2px; font-size: 12px; color: #59636e; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 8px; margin: 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; max-height: 480px; overflow: auto; }
footer { margin-top: 32px; color: #59636e; font-size: 12px; }
@media print { pre { max-height: none; } details.case { break-inside: avoid-page; } }
`;

const LABEL: Record<CaseStatus, string> = { passed: 'PASSED', failed: 'FAILED', skipped: 'SKIPPED' };

export function htmlReport(input: RunResult): string {
  // Reasons and failure texts are redacted too (a PEM in an error message); payloads again in payload().
  const run = redact(input) as RunResult;
  const t = totals(run);
  const verdict = mandatoryPassed(run) ? 'passed' : 'failed';
  const title = `DANA UAT report: ${run.target}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>DANA UAT report</h1>
<table class="meta">
<tr><th>Target</th><td>${escapeHtml(run.target)}</td></tr>
${run.merchantId ? `<tr><th>Merchant</th><td>${escapeHtml(run.merchantId)} (partner ${escapeHtml(run.partnerId ?? '?')})</td></tr>\n` : ''}<tr><th>Client</th><td>${escapeHtml(run.client)}${run.clientVersion ? ` ${escapeHtml(run.clientVersion)}` : ''}</td></tr>
<tr><th>Started</th><td>${escapeHtml(startedWib(run.startedAt))}</td></tr>
<tr><th>Duration</th><td>${duration(run.durationMs)}</td></tr>
</table>
<div class="verdict ${verdict}">Mandatory: ${t.mandatoryPassed} of ${t.mandatoryTotal} passed${run.clientIsUsers ? `; ${mandatoryByClient(run)} by your code` : ''}</div>
<h2>Portal summary</h2>
${summaryTable(run)}
<p>${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped</p>
<h2>Cases</h2>
${run.cases.map((c) => caseSection(c, run)).join('\n')}
<footer>Generated by dana-sim. Secrets (client secrets, private keys, signatures, tokens) are replaced by ***.</footer>
</body>
</html>
`;
}

function summaryTable(run: RunResult): string {
  const rows = portalGroups(run).map((g) => {
    const status: CaseStatus = g.failed > 0 ? 'failed' : g.passed === g.total ? 'passed' : 'skipped';
    return `<tr><td>${badge(status)}</td><td>${escapeHtml(g.group)}</td><td class="num">${g.passed} of ${g.total}</td><td class="num">${g.failed}</td><td class="num">${g.skipped}</td></tr>`;
  });
  return `<table class="summary">
<tr><th></th><th>Scenario</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">Skipped</th></tr>
${rows.join('\n')}
</table>`;
}

function caseSection(c: CaseResult, run: RunResult): string {
  const reason = c.reason ? `<div class="reason ${c.status}">${escapeHtml(c.reason)}</div>` : '';
  const facts = [
    `Scenario: ${escapeHtml(portalGroup(c))}`,
    `Product: ${escapeHtml(productsOf(c).join(', '))}`,
    `Duration: ${duration(c.durationMs)}`,
    `Attempts: ${c.attempts}`,
  ].join(' &middot; ');
  return `<details class="case ${c.status}" id="case-${escapeHtml(c.id)}"${c.status === 'failed' ? ' open' : ''}>
<summary>${badge(c.status)}<span class="id">${escapeHtml(c.id)}</span>${escapeHtml(c.title)} <span class="facts">(${duration(c.durationMs)})</span></summary>
<div class="case-body">
<p class="facts">${facts}</p>
${reason}
${c.steps.map((step, index) => stepSection(step, index, run)).join('\n')}
</div>
</details>`;
}

/** The run's start as people read it here, in WIB; a value that is not a time is shown as it is. */
function startedWib(startedAt: string): string {
  const ms = Date.parse(startedAt);
  return Number.isNaN(ms) ? startedAt : wibTime(ms);
}

function stepSection(step: StepResult, index: number, run: RunResult): string {
  const facts = [`Duration: ${duration(step.durationMs)}`];
  if (step.httpStatus !== undefined) facts.unshift(`HTTP ${step.httpStatus}`);
  const maker = madeBy(step, run);
  if (maker) facts.push(`Sent by: ${maker}`);
  const failures = step.failures.length
    ? `<ul class="failures">${step.failures.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`
    : '';
  const skipped = step.skipped ? `<div class="reason skipped">${escapeHtml(step.skipped)}</div>` : '';
  const headers = step.requestHeaders ? `<h5>Request headers</h5>${payload(step.requestHeaders)}` : '';
  const payloads =
    step.request === undefined && step.response === undefined && !step.requestHeaders
      ? ''
      : `<div class="payloads"><div>${headers}<h5>Request</h5>${payload(step.request)}</div><div><h5>Response</h5>${payload(step.response)}</div></div>`;
  // A partial adapter's report shows, on the step itself, the call it did not make.
  const notMade =
    step.builtInReason === 'not in adapter'
      ? `<div class="reason skipped not-in-adapter">Not made by your client: it has no ${escapeHtml(step.label.split(' ')[0])}, so dana-sim's built-in signer sent it.</div>`
      : '';
  return `<div class="step ${step.status}">
<h4>${badge(step.status)} ${index + 1}. ${escapeHtml(step.label)}</h4>
<div class="facts">${facts.join(' &middot; ')}</div>
${notMade}${failures}${skipped}${payloads}
</div>`;
}

/** Redacted, pretty-printed JSON; a string body that is JSON is parsed first so its secrets are redacted too. */
function payload(value: unknown): string {
  if (value === undefined) return '<pre>(none)</pre>';
  let data: unknown = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      // not JSON: shown as sent
    }
  }
  const clean = redact(data);
  const text = typeof clean === 'string' ? clean : JSON.stringify(clean, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
  return `<pre>${escapeHtml(text ?? String(clean))}</pre>`;
}

function badge(status: CaseStatus): string {
  return `<span class="badge ${status}">${LABEL[status]}</span>`;
}

function duration(ms: number): string {
  const s = Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
  return `${s.toFixed(3)} s`;
}
