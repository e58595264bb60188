import { describeDiagnosis } from '../signature/diagnose.ts';
import { header, type SimRequest } from './envelopes/snap.ts';
import type { Outcome } from './render.ts';
import type { Failure } from './result.ts';

// Why a request failed, in words, for people: DANA's `additionalInfo.debugMessage` (sent only when
// the request asks with X-Debug-Mode), the request log's `reason` and the `start --verbose` console.
// DANA's own responseMessage is never changed by it.

/** DANA's SDKs send `true` (node, go, java) or `1` (python, php). */
export function debugModeOn(request: SimRequest): boolean {
  const value = header(request, 'x-debug-mode')?.trim().toLowerCase();
  return value === 'true' || value === '1';
}

export interface FiredRule {
  readonly rule: string;
  readonly effect: string;
}

function ruleText(rule: FiredRule | undefined): string {
  return rule ? ` Rule "${rule.rule}" fired (${rule.effect}).` : '';
}

/** One line: the catalogue case, its detail, the rule that fired, or the signature's likely mistake. */
export function reasonLine(failure: Failure, rule?: FiredRule): string {
  const diagnosis = failure.diagnosis;
  if (diagnosis)
    return `${failure.key} (${diagnosis.scheme}, checked with ${diagnosis.verifiedWith.partnerId}'s ${diagnosis.verifiedWith.key}): ${diagnosis.mistake.detail}`;
  const parts = [failure.key, failure.detail && `(${failure.detail})`, failure.message && `"${failure.message}"`].filter(Boolean).join(' ');
  return `${parts}${failure.reason ? `: ${failure.reason}` : ''}.${ruleText(rule)}`;
}

/** One readable paragraph for `additionalInfo.debugMessage`. */
function debugMessage(failure: Failure, rule?: FiredRule): string {
  if (failure.diagnosis) return describeDiagnosis(failure.diagnosis);
  const what = failure.detail ? `${failure.key} for ${failure.detail}` : failure.key;
  return `dana-sim refused the request with ${what}${failure.message ? ` ("${failure.message}")` : ''}${failure.reason ? `: ${failure.reason}` : ''}.${ruleText(rule)}`;
}

/** The failure with DANA's debug field added (the renderer places `fields` by path). */
export function withDebugMessage(outcome: Outcome, rule?: FiredRule): Outcome {
  if (outcome.ok) return outcome;
  const fields = { ...outcome.failure.fields, 'additionalInfo.debugMessage': debugMessage(outcome.failure, rule) };
  return { ok: false, failure: { ...outcome.failure, fields } };
}
