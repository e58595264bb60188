import type { CaseStatus, StepResult } from './types.ts';

// Which passed cases the chosen client earned. A case the built-in signer had to finish for a
// partial adapter passed, but not by the user's code: the portal would not see the user's
// integration make that call.

/** See CaseResult.byClient. */
export function byClient(status: CaseStatus, steps: readonly StepResult[]): boolean {
  const calls = steps.filter((step) => step.client !== undefined);
  return (
    status === 'passed' && calls.some((step) => step.client === 'adapter') && !calls.some((step) => step.builtInReason === 'not in adapter')
  );
}
