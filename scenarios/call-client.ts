import { sendRaw } from './clients/raw.ts';
import { responseOf, type DanaClient } from './clients/types.ts';
import type { Target } from './targets/types.ts';
import type { BuiltInReason, CallStep, StepClient } from './types.ts';

// Which client makes a call step, and the evidence of what it sent. The chosen client (the user's
// adapter, dana-node, or the raw signer as `--client raw`) makes every call it can; dana-sim's
// built-in signer makes the rest, and the step says why, so a report never credits the user's code
// with a call it did not make.

const RUN_HEADER = 'X-Dana-Sim-Run';

export interface CallOutcome {
  readonly body?: unknown;
  readonly httpStatus?: number;
  readonly client: StepClient;
  readonly builtInReason?: BuiltInReason;
  /** The request headers as sent (signatures are redacted by the reports); absent when not seen. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The client threw without DANA's response. */
  readonly thrown?: string;
}

function builtInReasonFor(step: CallStep, isBank: boolean, adapterCall: unknown): BuiltInReason | undefined {
  if (isBank) return 'bank call';
  if (step.tamper) return 'tamper';
  if (step.via === 'raw') return 'via raw';
  if (!adapterCall) return 'not in adapter';
  return undefined;
}

export async function makeCall(
  target: Target,
  adapter: DanaClient,
  step: CallStep,
  request: unknown,
  isBank: boolean,
  runId?: string,
): Promise<CallOutcome> {
  const adapterCall = adapter[step.path ? `${step.call} ${step.path}` : step.call];
  const builtInReason = builtInReasonFor(step, isBank, adapterCall);
  if (builtInReason || !adapterCall) {
    const reply = await sendRaw(target.baseUrl, {
      operation: step.call,
      path: step.path,
      request,
      as: isBank ? target.bank! : target.merchant,
      tamper: step.tamper,
      extraHeaders: runId ? { [RUN_HEADER]: runId } : undefined,
    });
    return { body: reply.body, httpStatus: reply.status, client: 'built-in', builtInReason, headers: reply.sent.headers };
  }
  const seen: Request[] = [];
  const stop = target.watchRequests?.((sent) => seen.push(sent));
  try {
    // A 2xx reply: the adapter returns the body, not the status (202 and 200 both look alike).
    const body = await adapterCall(request);
    return { body, client: 'adapter', headers: headersOf(seen.at(-1)) };
  } catch (error) {
    const response = responseOf(error);
    if (!response) return { client: 'adapter', thrown: (error as Error).message, headers: headersOf(seen.at(-1)) };
    return { body: response.body, httpStatus: response.status, client: 'adapter', headers: headersOf(seen.at(-1)) };
  } finally {
    stop?.();
  }
}

function headersOf(request: Request | undefined): Record<string, string> | undefined {
  return request ? Object.fromEntries(request.headers) : undefined;
}
