import { mandatoryByClient, notInAdapter } from './attribution.ts';
import { portalGroup, type CaseResult, type CaseStatus, type RunResult } from '../types.ts';

// The run as DANA's Merchant Portal counts it: one line per scenario group, "x of y" passed.

export interface GroupSummary {
  /** portalGroup(): "Dana Disbursement TopUp (mandatory)". */
  readonly group: string;
  readonly mandatory: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
  readonly durationMs: number;
  readonly cases: readonly CaseResult[];
}

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
  readonly mandatoryPassed: number;
  readonly mandatoryTotal: number;
}

/** The run's cases by portal group, groups in first-seen order, cases in run order. */
export function portalGroups(run: RunResult): GroupSummary[] {
  const groups = new Map<string, CaseResult[]>();
  for (const result of run.cases) {
    const name = portalGroup(result);
    const list = groups.get(name);
    if (list) list.push(result);
    else groups.set(name, [result]);
  }
  return [...groups].map(([group, cases]) => ({
    group,
    mandatory: cases[0].mandatory,
    passed: count(cases, 'passed'),
    failed: count(cases, 'failed'),
    skipped: count(cases, 'skipped'),
    total: cases.length,
    durationMs: cases.reduce((sum, c) => sum + c.durationMs, 0),
    cases,
  }));
}

export function totals(run: RunResult): Totals {
  const mandatory = run.cases.filter((c) => c.mandatory);
  return {
    passed: count(run.cases, 'passed'),
    failed: count(run.cases, 'failed'),
    skipped: count(run.cases, 'skipped'),
    total: run.cases.length,
    mandatoryPassed: count(mandatory, 'passed'),
    mandatoryTotal: mandatory.length,
  };
}

/**
 * One line per portal group ("Dana Disbursement TopUp (mandatory): 7 of 7", skipped cases count in
 * the total only), then "N passed, N failed, N skipped", then "mandatory: X of Y passed" — with
 * "; Z by your code" when the client is the user's (an adapter or an SDK), and the operations a
 * partial adapter left to dana-sim's built-in signer. Lines are joined by "\n", without a trailing newline.
 */
export function portalSummary(run: RunResult): string {
  const t = totals(run);
  const missing = run.clientIsUsers ? notInAdapter(run) : [];
  return [
    ...portalGroups(run).map((g) => `${g.group}: ${g.passed} of ${g.total}`),
    `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`,
    `mandatory: ${t.mandatoryPassed} of ${t.mandatoryTotal} passed${run.clientIsUsers ? `; ${mandatoryByClient(run)} by your code` : ''}`,
    ...(missing.length ? [`not in your client, so sent by dana-sim's built-in signer: ${missing.join(', ')}`] : []),
  ].join('\n');
}

/** True only if every mandatory case passed (a skipped one has not). True for a run without mandatory cases. */
export function mandatoryPassed(run: RunResult): boolean {
  return run.cases.every((c) => !c.mandatory || c.status === 'passed');
}

function count(cases: readonly CaseResult[], status: CaseStatus): number {
  return cases.filter((c) => c.status === status).length;
}
