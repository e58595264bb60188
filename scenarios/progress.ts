import type { Predicate } from '../contracts/common/rule.ts';
import { optionalText, text } from '../simulator/core/control-input.ts';
import { howToTrigger } from './case-hint.ts';
import type { Product, Runtime } from '../simulator/core/product.ts';
import { matches } from '../simulator/faults/rules.ts';
import { findMerchant } from '../simulator/parties/find.ts';
import { loadCases } from './load.ts';
import { portalGroup, type CaseFile } from './types.ts';
import { UAT_COMMANDS } from './uat-commands.ts';

// Live UAT progress: the simulator recognises, in any traffic it serves (the merchant's own app,
// not just the runner), which UAT case a request or a notification exercised, by the outcome, the
// inputs and, where needed, the reply that define the case (each case file's `classify`), and keeps
// portal-style progress per merchant. In memory; `dana-sim uat status --reset` clears it. It joins a
// simulator as a product that only observes (the CLI's start command adds it), so the simulator
// never imports scenarios.

export interface RequestEvent {
  readonly endpoint: string;
  /** The path it came in on; a classify `path` matches only events that carry the same one. */
  readonly path?: string;
  readonly partnerId: string;
  readonly code: string;
  readonly body: unknown;
  /** The parsed reply body. */
  readonly reply?: unknown;
  /** The X-Dana-Sim-Run header: a `dana-sim uat` run's own call, never counted. */
  readonly run?: string;
}

export interface NotificationEvent {
  readonly kind: string;
  readonly partnerId: string;
  readonly body: unknown;
  readonly acknowledged: boolean;
}

export interface GroupProgress {
  readonly group: string;
  readonly covered: number;
  readonly total: number;
  readonly coveredCases: string[];
  readonly missing: string[];
  /** How to trigger each missing case, in the order of `missing`. */
  readonly missingHints: { readonly id: string; readonly hint: string }[];
}

const MAX_RUN_REFERENCES = 10_000;

/** The merchant's reference a request or notification carries: DANA's names for it, in SNAP bodies. */
function referenceOf(body: unknown): string | undefined {
  const b = body as { partnerReferenceNo?: unknown; originalPartnerReferenceNo?: unknown } | undefined;
  const reference = b?.originalPartnerReferenceNo ?? b?.partnerReferenceNo;
  return typeof reference === 'string' && reference !== '' ? reference : undefined;
}

const all = (when: readonly Predicate[] | undefined, body: unknown) => (when ?? []).every((predicate) => matches(predicate, body));

class UatProgress {
  private cases: CaseFile[] | undefined;
  private readonly covered = new Map<string, Set<string>>();
  /** Open UAT run windows: run id -> partnerId. While one is open, that merchant's traffic is the run's. */
  private readonly runs = new Map<string, string>();
  private nextRun = 1;
  /**
   * References (partnerReferenceNo) of the runs' own requests, kept after their window closes: a
   * notification for one (a retry due after the run) is the run's too. Bounded, oldest forgotten.
   */
  private readonly runReferences = new Set<string>();

  constructor(private readonly load: () => CaseFile[] = loadCases) {}

  /** Case files are read on first use, so starting the simulator stays fast. */
  private classified(): CaseFile[] {
    this.cases ??= this.load().filter((c) => c.classify);
    return this.cases;
  }

  private mark(partnerId: string, id: string): void {
    let set = this.covered.get(partnerId);
    if (!set) this.covered.set(partnerId, (set = new Set()));
    set.add(id);
  }

  /**
   * A `dana-sim uat` run against this simulator opens a window on its merchant: its own calls carry
   * X-Dana-Sim-Run, but calls through a merchant's adapter may not, and the notifications it causes
   * cannot, so nothing on that merchant counts until the run closes it.
   */
  openRun(partnerId: string): string {
    const runId = `uat-run-${this.nextRun++}`;
    this.runs.set(runId, partnerId);
    return runId;
  }

  closeRun(runId: string): boolean {
    return this.runs.delete(runId);
  }

  runInProgress(partnerId: string): boolean {
    return [...this.runs.values()].includes(partnerId);
  }

  private rememberRunReference(body: unknown): void {
    const reference = referenceOf(body);
    if (reference === undefined) return;
    this.runReferences.add(reference);
    if (this.runReferences.size > MAX_RUN_REFERENCES) this.runReferences.delete(this.runReferences.values().next().value!);
  }

  observeRequest(event: RequestEvent): void {
    if (event.run !== undefined || this.runInProgress(event.partnerId)) {
      this.rememberRunReference(event.body);
      return;
    }
    for (const c of this.classified()) {
      const rule = c.classify!;
      if (
        'endpoint' in rule &&
        rule.endpoint === event.endpoint &&
        (rule.path === undefined || rule.path === event.path) &&
        rule.code === event.code &&
        all(rule.when, event.body) &&
        all(rule.reply, event.reply)
      )
        this.mark(event.partnerId, c.id);
    }
  }

  observeNotification(event: NotificationEvent): void {
    if (this.runInProgress(event.partnerId)) return;
    const reference = referenceOf(event.body);
    if (reference !== undefined && this.runReferences.has(reference)) return;
    const outcome = event.acknowledged ? 'delivered' : 'rejected';
    for (const c of this.classified()) {
      const rule = c.classify!;
      if ('notification' in rule && rule.notification === event.kind && rule.outcome === outcome && all(rule.when, event.body))
        this.mark(event.partnerId, c.id);
    }
  }

  /** Mandated groups (every group with a classified case), in portal order, with what is still missing. */
  status(partnerId: string): GroupProgress[] {
    const covered = this.covered.get(partnerId) ?? new Set<string>();
    const groups = new Map<string, CaseFile[]>();
    for (const c of this.classified()) {
      const group = portalGroup(c);
      groups.set(group, [...(groups.get(group) ?? []), c]);
    }
    return [...groups].map(([group, cases]) => {
      const done = cases.filter((c) => covered.has(c.id)).map((c) => c.id);
      const missing = cases.filter((c) => !covered.has(c.id));
      return {
        group,
        covered: done.length,
        total: cases.length,
        coveredCases: done,
        missing: missing.map((c) => c.id),
        missingHints: missing.map((c) => ({ id: c.id, hint: howToTrigger(c) })),
      };
    });
  }

  /** Also closes the run windows it concerns: a run that died without closing its window is forgotten. */
  reset(partnerId?: string): void {
    if (partnerId) this.covered.delete(partnerId);
    else this.covered.clear();
    for (const [runId, owner] of this.runs) if (!partnerId || owner === partnerId) this.runs.delete(runId);
  }
}

/** Live UAT progress as a product: observers, its control routes and the `uat` commands. */
export function uatProgress(load: () => CaseFile[] = loadCases): Product {
  const bySimulator = new WeakMap<Runtime, UatProgress>();
  const progressOf = (runtime: Runtime) => {
    let progress = bySimulator.get(runtime);
    if (!progress) bySimulator.set(runtime, (progress = new UatProgress(load)));
    return progress;
  };
  return {
    name: 'uat-progress',
    observe: {
      request: (runtime, event) => progressOf(runtime).observeRequest(event),
      notification: (runtime, event) => progressOf(runtime).observeNotification(event),
    },
    control: {
      'GET /uat/status': (runtime, request) => {
        const merchant = findMerchant(runtime.db, request.query.get('merchant') ?? undefined);
        const progress = progressOf(runtime);
        return {
          merchantId: merchant.merchantId,
          partnerId: merchant.partnerId,
          runInProgress: progress.runInProgress(merchant.partnerId),
          groups: progress.status(merchant.partnerId),
        };
      },
      'POST /uat/runs': (runtime, request) => {
        const merchant = findMerchant(runtime.db, optionalText(request.body.merchant));
        return { runId: progressOf(runtime).openRun(merchant.partnerId), merchantId: merchant.merchantId, partnerId: merchant.partnerId };
      },
      'POST /uat/runs/close': (runtime, request) => ({ closed: progressOf(runtime).closeRun(text(request.body.runId, 'runId')) }),
      'POST /uat/reset': (runtime, request) => {
        const named = optionalText(request.body.merchant);
        progressOf(runtime).reset(named ? findMerchant(runtime.db, named).partnerId : undefined);
        return { ok: true };
      },
    },
    commands: UAT_COMMANDS,
  };
}
