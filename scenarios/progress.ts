import type { Predicate } from '../contracts/common/rule.ts';
import { optionalText } from '../simulator/core/control-input.ts';
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
}

const all = (when: readonly Predicate[] | undefined, body: unknown) => (when ?? []).every((predicate) => matches(predicate, body));

class UatProgress {
  private cases: CaseFile[] | undefined;
  private readonly covered = new Map<string, Set<string>>();

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

  observeRequest(event: RequestEvent): void {
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
      return {
        group,
        covered: done.length,
        total: cases.length,
        coveredCases: done,
        missing: cases.filter((c) => !covered.has(c.id)).map((c) => c.id),
      };
    });
  }

  reset(partnerId?: string): void {
    if (partnerId) this.covered.delete(partnerId);
    else this.covered.clear();
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
        return { merchantId: merchant.merchantId, partnerId: merchant.partnerId, groups: progressOf(runtime).status(merchant.partnerId) };
      },
      'POST /uat/reset': (runtime, request) => {
        const named = optionalText(request.body.merchant);
        progressOf(runtime).reset(named ? findMerchant(runtime.db, named).partnerId : undefined);
        return { ok: true };
      },
    },
    commands: UAT_COMMANDS,
  };
}
