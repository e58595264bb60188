import { isDeepStrictEqual } from 'node:util';
import { parseDuration, wibIso } from '../simulator/clock/clock.ts';
import { getPath, isPresent } from '../contracts/common/paths.ts';
import { verifyDanaNotification } from '../simulator/signature/notification.ts';
import { makeCall } from './call-client.ts';
import type { DanaClient } from './clients/types.ts';
import { byClient } from './attribution.ts';
import { guardTarget, type TargetGuard } from './target-snapshot.ts';
import { NotificationReceiver } from './receiver.ts';
import type { Target } from './targets/types.ts';
import { fill } from './templates.ts';
import type { CallStep, CaseFile, CaseResult, CaseStatus, NotifyStep, PayOrderStep, RunResult, Step, StepResult } from './types.ts';
import { bindStep } from './bind-step.ts';

// The one runner: every case, any target, any client. A case passes when every step's outcome matches
// its expectation; names are never consulted. Steps a target cannot support (rules on DANA's sandbox,
// balances, notifications DANA cannot deliver to this machine) make the case skipped, not passed.

export interface RunOptions {
  readonly target: Target;
  /** `version` and `isUsers` (an adapter module or an SDK, not the raw signer) go into the reports. */
  readonly client: { readonly name: string; readonly adapter: DanaClient; readonly version?: string; readonly isUsers?: boolean };
  readonly cases: readonly CaseFile[];
  readonly retries?: number;
  readonly onCase?: (result: CaseResult, index: number, total: number) => void;
  readonly onStart?: (c: CaseFile, index: number, total: number) => void;
}

class Skip extends Error {}

const VA_OPERATIONS = new Set(['vaInquiry', 'vaPayment']);
const NOTIFY_WAIT_MS = 3000;

function codeOf(body: unknown): string | undefined {
  const b = body as { responseCode?: unknown; response?: { body?: { resultInfo?: { resultCode?: unknown } } } } | undefined;
  const code = b?.responseCode ?? b?.response?.body?.resultInfo?.resultCode;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(body: unknown): string | undefined {
  const b = body as { responseMessage?: unknown } | undefined;
  return typeof b?.responseMessage === 'string' ? b.responseMessage : undefined;
}

/** Open API answers are checked relative to response.body; SNAP answers are flat. */
function fieldRoot(body: unknown): unknown {
  const openApi = (body as { response?: { body?: unknown } } | undefined)?.response?.body;
  return openApi ?? body;
}

function matches(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    return (
      !!actual &&
      typeof actual === 'object' &&
      Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value))
    );
  }
  return isDeepStrictEqual(actual, expected);
}

const list = (value: string | readonly string[]) => (typeof value === 'string' ? [value] : [...value]);
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * Aliases keep case files free of the target's ids: `merchant.<account>` is one of the target
 * merchant's accounts (deposit, deposit-reserved, settlement), `bank.settlement` the VA bank's
 * settlement account. Undefined when the target does not know the bank.
 */
export function accountOf(alias: string, target: Target): string | undefined {
  if (alias.startsWith('merchant.')) return `merchant:${target.merchant.merchantId}:${alias.slice('merchant.'.length)}`;
  if (alias === 'bank.settlement') return target.bank ? `external:bank:${target.bank.partnerId}` : undefined;
  return alias;
}

/** Compares each expected signed change with the change between two ledger snapshots (minor units). */
async function balanceCheck(
  target: Target,
  expected: Readonly<Record<string, string>>,
  before: Record<string, number>,
): Promise<{ failures: string[]; unchecked: string[] }> {
  await target.control!.settle();
  const after = await target.control!.balances();
  const failures: string[] = [];
  const unchecked: string[] = [];
  for (const [alias, delta] of Object.entries(expected)) {
    const account = accountOf(alias, target);
    if (account === undefined) {
      unchecked.push(alias);
      continue;
    }
    const change = (after[account] ?? 0) - (before[account] ?? 0);
    const wanted = Math.round(Number(delta) * 100);
    if (change !== wanted) failures.push(`${alias} changed by ${(change / 100).toFixed(2)}, expected ${delta}`);
  }
  return { failures, unchecked };
}

const uncheckedNote = (unchecked: readonly string[]) =>
  unchecked.length ? { note: `${unchecked.join(', ')} not checked: this target has no bank credentials` } : {};

/** Stores the values a step saves from one source: "request.<path>" or "response.<path>". */
function remember(save: CallStep['save'], source: 'request' | 'response', value: unknown, vars: Record<string, unknown>): void {
  for (const [name, from] of Object.entries(save ?? {})) {
    const [root, ...rest] = from.split('.');
    if (root === source) vars[name] = getPath(value, rest.join('.'));
  }
}

interface CaseState {
  readonly vars: Record<string, unknown>;
  readonly notifyPath: string;
  readonly guard: TargetGuard;
}

export async function runCases(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const receiver = await new NotificationReceiver().start();
  const { target } = options;
  let guard: TargetGuard | undefined;
  try {
    guard = await guardTarget(target);
    await target.routeSdk();
    if (target.control) await target.control.setNotifyUrl(target.merchant.merchantId, `${receiver.url}/notify/transfer-to-bank`);
    const results: CaseResult[] = [];
    for (const [index, c] of options.cases.entries()) {
      options.onStart?.(c, index, options.cases.length);
      let result = await runCase(options, c, receiver, guard);
      for (let attempt = 2; result.status === 'failed' && attempt <= (options.retries ?? 0) + 1; attempt++)
        result = { ...(await runCase(options, c, receiver, guard)), attempts: attempt };
      results.push(result);
      options.onCase?.(result, index, options.cases.length);
    }
    return {
      target: target.name,
      client: options.client.name,
      ...(options.client.version ? { clientVersion: options.client.version } : {}),
      clientIsUsers: options.client.isUsers ?? false,
      merchantId: target.merchant.merchantId,
      partnerId: target.merchant.partnerId,
      startedAt: wibIso(started),
      durationMs: Date.now() - started,
      cases: results,
    };
  } finally {
    for (const problem of (await guard?.restore()) ?? []) process.emitWarning(problem);
    await receiver.close();
  }
}

async function runCase(options: RunOptions, c: CaseFile, receiver: NotificationReceiver, guard: TargetGuard): Promise<CaseResult> {
  const started = performance.now();
  const { target } = options;
  const state: CaseState = {
    notifyPath: `/notify/${c.id}-${Math.random().toString(36).slice(2, 8)}`,
    vars: { merchantId: target.merchant.merchantId, partnerServiceId: target.bank?.partnerServiceId ?? '' },
    guard,
  };
  state.vars.notifyUrl = receiver.url + state.notifyPath;
  state.vars.returnUrl = `${receiver.url}/return`;
  receiver.script(state.notifyPath, c.setup?.receiver ?? []);
  const steps: StepResult[] = [];
  let status: CaseStatus = 'passed';
  let reason: string | undefined;
  let ruleIds: string[] = [];
  try {
    if (c.setup?.rules?.length) {
      if (!target.control) throw new Skip('needs injected rules, which only a simulator has');
      ruleIds = await guard.addRules(c.setup.rules);
    }
    for (const step of c.steps) {
      const result = await runStep(options, step, state, receiver);
      steps.push(result);
      if (result.status === 'failed') {
        status = 'failed';
        reason = `${result.label}: ${result.failures.join('; ')}`;
        break;
      }
      if (result.status === 'skipped' && status === 'passed') {
        status = 'skipped';
        reason = `${result.label}: ${result.skipped}`;
      }
      // The steps after an unpaid order or an unbound account would only fail for it.
      if (result.status === 'skipped' && ('payOrder' in step || 'bind' in step)) break;
    }
  } catch (error) {
    if (error instanceof Skip) {
      status = 'skipped';
      reason = error.message;
    } else {
      status = 'failed';
      reason = `runner: ${(error as Error).message}`;
    }
  } finally {
    if (ruleIds.length) await guard.removeRules(ruleIds);
  }
  return {
    id: c.id,
    scenario: c.scenario,
    mandatory: c.mandatory,
    product: c.product,
    title: c.title,
    status,
    reason,
    attempts: 1,
    durationMs: Math.round(performance.now() - started),
    steps,
    byClient: byClient(status, steps),
  };
}

async function runStep(options: RunOptions, step: Step, state: CaseState, receiver: NotificationReceiver): Promise<StepResult> {
  const started = performance.now();
  const done = (partial: Omit<StepResult, 'durationMs'>): StepResult => ({
    ...partial,
    durationMs: Math.round(performance.now() - started),
  });
  const { target } = options;
  if ('advanceClock' in step) {
    const ms = parseDuration(step.advanceClock);
    if (ms === undefined) return done({ label: `advance clock ${step.advanceClock}`, status: 'failed', failures: ['not a duration'] });
    if (target.control) await target.control.advanceClock(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
    return done({ label: `advance clock ${step.advanceClock}`, status: 'passed', failures: [] });
  }
  if ('payVa' in step) {
    const code = String(fill(step.payVa, { vars: state.vars, now: Date.now() }));
    const expected = step.expect?.balances;
    const before = expected && target.control ? await target.control.balances() : undefined;
    const reply = await target.payVa(code);
    if (target.control) await target.control.settle();
    const ok = reply.status >= 200 && reply.status < 300;
    const failures = ok ? [] : [`sandbox tools answered HTTP ${reply.status}: ${show(reply.body)}`];
    const balances = before ? await balanceCheck(target, expected!, before) : { failures: [], unchecked: [] };
    failures.push(...balances.failures);
    const note =
      expected && !target.control ? { note: 'balance changes are checked on simulators only' } : uncheckedNote(balances.unchecked);
    return done({
      label: `pay VA ${code} (sandbox tools)`,
      status: failures.length ? 'failed' : 'passed',
      failures,
      response: reply.body,
      httpStatus: reply.status,
      ...note,
    });
  }
  if ('payOrder' in step) return done(await payOrderStep(target, step, state));
  if ('bind' in step) return done(await bindStep(target, step, state.vars, target.control ? await target.control.now() : Date.now()));
  if ('expectNotify' in step) return done(await checkNotify(options, step, state, receiver));
  return done(await runCall(options, step, state));
}

async function runCall(options: RunOptions, step: CallStep, state: CaseState): Promise<Omit<StepResult, 'durationMs'>> {
  const { target } = options;
  const label = `${step.call}${step.path ? ` at ${step.path}` : ''}${step.tamper ? ' (tampered)' : ''}`;
  const now = target.control ? await target.control.now() : Date.now();
  const request = fill(step.request, { vars: state.vars, now });
  // Request values are known before the call, so this step's own expectations can name them (echoes).
  remember(step.save, 'request', request, state.vars);
  const isBank = VA_OPERATIONS.has(step.call);
  if (isBank && !target.bank) return { label, status: 'skipped', skipped: 'no bank credentials for this target', failures: [] };
  const before = step.expect.balances && target.control ? await target.control.balances() : undefined;
  const note = step.expect.balances && !target.control ? 'balance changes are checked on simulators only' : undefined;

  const made = await makeCall(target, options.client.adapter, step, request, isBank, state.guard.runId);
  const evidence = {
    client: made.client,
    ...(made.builtInReason ? { builtInReason: made.builtInReason } : {}),
    ...(made.headers ? { requestHeaders: made.headers } : {}),
  };
  if (made.thrown !== undefined)
    return { label, status: 'failed', failures: [`the client threw without DANA's response: ${made.thrown}`], request, ...evidence };
  const { body, httpStatus } = made;

  const failures: string[] = [];
  const code = codeOf(body);
  if (!list(step.expect.code).includes(code ?? ''))
    failures.push(`expected code ${list(step.expect.code).join(' or ')}, got ${code ?? show(body)}`);
  if (code && /^\d{7}$/.test(code) && httpStatus !== undefined && httpStatus !== Number(code.slice(0, 3)))
    failures.push(`HTTP status ${httpStatus} does not match code ${code}`);
  // An adapter returns only 2xx replies and throws on the others, so a returned SNAP failure code
  // arrived with a 2xx status the runner cannot see.
  if (code && /^\d{7}$/.test(code) && httpStatus === undefined && !code.startsWith('2'))
    failures.push(`the client returned code ${code} as a 2xx reply; it must arrive with HTTP ${code.slice(0, 3)}`);
  if (step.expect.message && !list(step.expect.message).includes(messageOf(body) ?? ''))
    failures.push(
      `expected message ${list(step.expect.message)
        .map((m) => JSON.stringify(m))
        .join(' or ')}, got ${JSON.stringify(messageOf(body))}`,
    );
  for (const [path, expected] of Object.entries(step.expect.fields ?? {})) {
    const wanted = fill(expected, { vars: state.vars, now });
    const actual = getPath(fieldRoot(body), path);
    if (!matches(actual, wanted)) failures.push(`${path}: expected ${show(wanted)}, got ${show(actual)}`);
  }
  for (const path of step.expect.present ?? []) {
    const actual = getPath(fieldRoot(body), path);
    if (!isPresent(actual)) failures.push(`${path}: expected a value, got ${show(actual)}`);
  }
  const balances = before ? await balanceCheck(target, step.expect.balances!, before) : { failures: [], unchecked: [] };
  failures.push(...balances.failures);
  remember(step.save, 'response', fieldRoot(body), state.vars);
  return {
    label,
    status: failures.length ? 'failed' : 'passed',
    failures,
    request,
    response: body,
    httpStatus,
    ...evidence,
    ...(note ? { note } : uncheckedNote(balances.unchecked)),
  };
}

async function payOrderStep(target: Target, step: PayOrderStep, state: CaseState): Promise<Omit<StepResult, 'durationMs'>> {
  const reference = String(fill(step.payOrder, { vars: state.vars, now: Date.now() }));
  const label = `pay order ${reference} at the cashier${step.payer ? ` as ${step.payer}` : ''}`;
  if (!target.control)
    return { label, status: 'skipped', skipped: "paying at DANA's hosted cashier needs a browser; run this case by hand", failures: [] };
  const expected = step.expect?.balances;
  const before = expected ? await target.control.balances() : undefined;
  const reply = await target.control.payOrder(target.merchant.merchantId, reference, step.payer);
  const failures =
    reply.status === 200 ? [] : [`the order was not paid: ${show((reply.body as { error?: unknown })?.error ?? reply.body)}`];
  if (before) failures.push(...(await balanceCheck(target, expected!, before)).failures);
  return { label, status: failures.length ? 'failed' : 'passed', failures, response: reply.body, httpStatus: reply.status };
}

async function checkNotify(
  options: RunOptions,
  step: NotifyStep,
  state: CaseState,
  receiver: NotificationReceiver,
): Promise<Omit<StepResult, 'durationMs'>> {
  const label = `expect ${step.expectNotify.kind}`;
  const { target } = options;
  if (!target.control) return { label, status: 'skipped', skipped: `DANA cannot deliver notifications to ${receiver.url}`, failures: [] };
  const attempts = step.expectNotify.attempts ?? 1;
  const deadline = Date.now() + NOTIFY_WAIT_MS;
  // Retries are due on the simulator clock: move it along the notification schedule while waiting.
  while (receiver.at(state.notifyPath).length < attempts && Date.now() < deadline) {
    await target.control.settle();
    if (receiver.at(state.notifyPath).length < attempts) await target.control.advanceClock(5000);
  }
  const deliveries = receiver.at(state.notifyPath);
  const failures: string[] = [];
  if (deliveries.length < attempts) failures.push(`expected ${attempts} deliveries at the NOTIFICATION url, got ${deliveries.length}`);
  const last = deliveries.at(-1);
  const now = await target.control.now();
  if (last) {
    const body = JSON.parse(last.body) as unknown;
    for (const [path, expected] of Object.entries(step.expectNotify.fields ?? {})) {
      const wanted = fill(expected, { vars: state.vars, now });
      if (!matches(getPath(body, path), wanted))
        failures.push(`notification ${path}: expected ${show(wanted)}, got ${show(getPath(body, path))}`);
    }
    const key = target.danaPublicKey;
    if (key && !deliveries.every((d) => verifyDanaNotification({ path: d.path, headers: d.headers, body: d.body }, key)))
      failures.push('a notification signature does not verify with the DANA public key');
  }
  return {
    label,
    status: failures.length ? 'failed' : 'passed',
    failures,
    response: last ? JSON.parse(last.body) : undefined,
    httpStatus: last?.status,
  };
}
