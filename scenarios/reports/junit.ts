import type { CaseResult, RunResult } from '../types.ts';
import { redact } from '../../simulator/core/redact.ts';
import { portalGroups, totals } from './summary.ts';

// JUnit XML for CI: one <testsuite> per Merchant Portal group, one <testcase> per UAT case.

// Characters XML 1.0 forbids anywhere (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const ILLEGAL_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: legal XML 1.0 characters only, & < > " ' escaped. */
export function xmlText(value: string): string {
  return value
    .replace(ILLEGAL_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: as xmlText, with tab, LF and CR kept as references (parsers normalise them to spaces). */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Milliseconds as seconds with 3 decimals: 1234 -> "1.234". */
export function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

export function junitXml(input: RunResult): string {
  const run = redact(input) as RunResult; // a PEM quoted in a failure text must not reach CI logs
  const t = totals(run);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dana-sim uat" tests="${t.total}" failures="${t.failed}" errors="0" skipped="${t.skipped}" time="${seconds(run.durationMs)}">`,
  ];
  const properties = runProperties(run);
  for (const g of portalGroups(run)) {
    lines.push(
      `  <testsuite name="${xmlAttr(g.group)}" tests="${g.total}" failures="${g.failed}" errors="0" skipped="${g.skipped}" time="${seconds(g.durationMs)}" timestamp="${xmlAttr(run.startedAt)}">`,
    );
    lines.push(...properties);
    for (const c of g.cases) lines.push(...testcase(g.group, c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

/** Who ran it against what: the evidence a reviewer asks for, on every suite (JUnit has no run-level properties). */
function runProperties(run: RunResult): string[] {
  const entries: [string, string | undefined][] = [
    ['target', run.target],
    ['merchantId', run.merchantId],
    ['partnerId', run.partnerId],
    ['client', run.client],
    ['clientVersion', run.clientVersion],
    ['startedAt', run.startedAt],
  ];
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
  return [
    '    <properties>',
    ...present.map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`),
    '    </properties>',
  ];
}

function testcase(group: string, c: CaseResult): string[] {
  const open = `    <testcase classname="${xmlAttr(group)}" name="${xmlAttr(`${c.id}: ${c.title}`)}" time="${seconds(c.durationMs)}"`;
  if (c.status === 'passed') return [`${open}/>`];
  if (c.status === 'skipped') {
    return [`${open}>`, `      <skipped message="${xmlAttr(c.reason ?? 'skipped')}"/>`, '    </testcase>'];
  }
  const details = failureText(c);
  const message = c.reason || details.split('\n')[0] || 'failed';
  return [
    `${open}>`,
    `      <failure message="${xmlAttr(message)}">${xmlText(details)}</failure>`,
    '    </testcase>',
  ];
}

/** The failing steps' failures, one per line ("step label: failure"); the reason when no step says more. */
function failureText(c: CaseResult): string {
  const lines: string[] = [];
  for (const step of c.steps) {
    if (step.status !== 'failed') continue;
    if (step.failures.length === 0) lines.push(`${step.label}: failed`);
    for (const failure of step.failures) lines.push(`${step.label}: ${failure}`);
  }
  if (lines.length === 0) lines.push(c.reason ?? 'failed');
  if (c.attempts > 1) lines.push(`(after ${c.attempts} attempts)`);
  return lines.join('\n');
}
