import type { SetupServer } from 'msw/node';
import type { RuleSpec } from '../../contracts/common/rule.ts';
import type { Credentials } from '../clients/types.ts';

// What the runner needs from the thing under test. A simulator target has `control` (rules, clock,
// balances, notification URL); DANA's sandbox has none, so cases that need it are skipped there.

export interface TargetControl {
  now(): Promise<number>;
  /** Adds rules ahead of every rule already there (the user's stay, but cannot change the run's cases); their ids. */
  addRules(rules: readonly RuleSpec[]): Promise<string[]>;
  /** Removes rules by id, the ones the run added; never the user's. */
  removeRules(ids: readonly string[]): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  /** Runs what is due (transfer completion, notifications) so their effects are visible now. */
  settle(): Promise<void>;
  /** Every ledger account's balance, minor units. */
  balances(): Promise<Record<string, number>>;
  /** The merchant's notification URL as configured (undefined: none set). */
  notifyUrl(merchantId: string): Promise<string | undefined>;
  /** Sets the merchant's notification URL; null unsets it. */
  setNotifyUrl(merchantId: string, url: string | null): Promise<void>;
  /** Saves the clock's offset to put it back later (undefined: this simulator cannot). */
  clockSnapshot(): Promise<string | undefined>;
  restoreClock(snapshot: string): Promise<void>;
  /** Opens a UAT run window (its traffic does not count in `uat status`); undefined when the target has no UAT progress. */
  openRun(merchantId: string): Promise<string | undefined>;
  closeRun(runId: string): Promise<void>;
  /** Pays a merchant's order as a DANA user (`dana-sim order pay`): what a UAT does at the hosted cashier. */
  payOrder(merchantId: string, partnerReferenceNo: string, payer?: string): Promise<{ status: number; body: unknown }>;
}

export interface Target {
  readonly name: string;
  /** Where the raw signer sends API calls. */
  readonly baseUrl: string;
  /** Where the hosted pages (binding, cashier) answer plain form posts; absent for DANA's, which need a browser. */
  readonly pagesUrl?: string;
  readonly merchant: Credentials & { readonly merchantId: string };
  /** The bank partner for VA cases; absent where no bank credentials are known. */
  readonly bank?: Credentials & { readonly partnerServiceId: string };
  readonly control?: TargetControl;
  /** The key that signs the target's notifications, to verify what the receiver gets. */
  readonly danaPublicKey?: string;
  /** Pays a VA by number through the portal's sandbox tools. */
  payVa(virtualAccountNo: string): Promise<{ status: number; body: unknown }>;
  /** Lets an SDK with hard-coded DANA hosts reach this target (msw interception); undone by close(). */
  routeSdk(): Promise<void>;
  /**
   * Calls the listener with every API request that passes through this machine's interception (msw),
   * the way SDK calls reach a simulator; returns the unsubscribe. Absent where nothing is intercepted.
   */
  watchRequests?(listener: (request: Request) => void): () => void;
  close(): Promise<void>;
}

/** Target.watchRequests over an msw server: every request it sees, before its handler runs. */
export function watchServer(server: SetupServer | undefined, listener: (request: Request) => void): () => void {
  if (!server) return () => undefined;
  const seen = ({ request }: { request: Request }) => listener(request);
  server.events.on('request:start', seen);
  return () => server.events.removeListener('request:start', seen);
}

/** Control over the HTTP control API of a dana-sim (in-process or remote): the same routes either way. */
export function controlOver(call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>): TargetControl {
  const ok = async (method: string, path: string, body?: unknown) => {
    const reply = await call(method, path, body);
    if (reply.status !== 200) throw new Error(`control ${method} ${path}: ${reply.body?.error ?? reply.status}`);
    return reply.body;
  };
  return {
    now: async () => Date.parse((await ok('GET', '/clock')).now),
    addRules: async (rules) => ((await ok('POST', '/faults', { rules, first: true })) as { id: string }[]).map((rule) => rule.id),
    removeRules: async (ids) => {
      for (const id of ids) {
        const reply = await call('POST', '/faults/clear', { id });
        // A rule with `times` retires once it has fired: already gone is what removing wants.
        if (reply.status !== 200 && !String(reply.body?.error).startsWith('no rule'))
          throw new Error(`control POST /faults/clear: ${reply.body?.error ?? reply.status}`);
      }
    },
    advanceClock: async (ms) => void (await ok('POST', '/clock/advance', { duration: `${Math.max(0, Math.round(ms))}ms` })),
    settle: async () => void (await ok('POST', '/clock/advance', { duration: '0ms' })),
    balances: async () => {
      const accounts = (await ok('GET', '/ledger')).accounts as Record<string, string>;
      return Object.fromEntries(Object.entries(accounts).map(([account, value]) => [account, Math.round(Number(value) * 100)]));
    },
    notifyUrl: async (merchantId) =>
      ((await ok('GET', '/merchants')) as { merchantId: string; notifyUrl?: string }[]).find((m) => m.merchantId === merchantId)?.notifyUrl,
    setNotifyUrl: async (merchant, url) => void (await ok('POST', '/merchants/notify-url', { merchant, url })),
    // A simulator older than these routes answers 404: the run goes on, leaving what it cannot put back.
    clockSnapshot: async () => {
      const reply = await call('POST', '/clock/snapshot', {});
      return reply.status === 200 ? String(reply.body.snapshot) : undefined;
    },
    restoreClock: async (snapshot) => void (await ok('POST', '/clock/restore', { snapshot })),
    openRun: async (merchant) => {
      const reply = await call('POST', '/uat/runs', { merchant });
      return reply.status === 200 ? String(reply.body.runId) : undefined;
    },
    closeRun: async (runId) => void (await ok('POST', '/uat/runs/close', { runId })),
    // Refusals (an order not open, a balance too low) are outcomes the step reports, not runner errors.
    payOrder: (merchant, partnerReferenceNo, payer) =>
      call('POST', '/orders/pay', { merchant, partnerReferenceNo, ...(payer ? { customer: payer } : {}) }),
  };
}
