import type { CaseResult, RunResult, StepResult } from '../types.ts';

// How the reports show which client made each call (CaseResult.byClient, StepResult.client).

/** Mandatory cases that passed by the chosen client. */
export function mandatoryByClient(run: Pick<RunResult, 'cases'>): number {
  return run.cases.filter((c) => c.mandatory && c.byClient).length;
}

/** The operations a partial adapter left to the built-in signer, each once, in run order. */
export function notInAdapter(run: Pick<RunResult, 'cases'>): string[] {
  const labels = run.cases.flatMap((c: CaseResult) =>
    c.steps.filter((step) => step.builtInReason === 'not in adapter').map((step) => step.label.split(' ')[0]),
  );
  return [...new Set(labels)];
}

/**
 * How a step's maker reads in a report: "your client (dana-node …)", the chosen client's name when it is
 * dana-sim's own raw signer, or "built-in signer (not in adapter)".
 */
export function madeBy(step: Pick<StepResult, 'client' | 'builtInReason'>, run: Pick<RunResult, 'client' | 'clientIsUsers'>): string | undefined {
  if (step.client === 'adapter') return run.clientIsUsers ? `your client (${run.client})` : run.client;
  if (step.client === 'built-in') return `dana-sim built-in signer${step.builtInReason ? ` (${step.builtInReason})` : ''}`;
  return undefined;
}
