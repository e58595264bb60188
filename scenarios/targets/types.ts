import type { RuleSpec } from '../../contracts/common/rule.ts';
import type { Credentials } from '../clients/types.ts';

// What the runner needs from the thing under test. A simulator target has `control` (rules, clock,
// balances, notification URL); DANA's sandbox has none, so cases that need it are skipped there.

export interface TargetControl {
  now(): Promise<number>;
  addRules(rules: readonly RuleSpec[]): Promise<void>;
  clearRules(): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  /** Runs what is due (transfer completion, notifications) so their effects are visible now. */
  settle(): Promise<void>;
  /** Every ledger account's balance, minor units. */
  balances(): Promise<Record<string, number>>;
  setNotifyUrl(url: string): Promise<void>;
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
  close(): Promise<void>;
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
    addRules: async (rules) => void (await ok('POST', '/faults', { rules })),
    clearRules: async () => void (await ok('POST', '/faults/clear', {})),
    advanceClock: async (ms) => void (await ok('POST', '/clock/advance', { duration: `${Math.max(0, Math.round(ms))}ms` })),
    settle: async () => void (await ok('POST', '/clock/advance', { duration: '0ms' })),
    balances: async () => {
      const accounts = (await ok('GET', '/ledger')).accounts as Record<string, string>;
      return Object.fromEntries(Object.entries(accounts).map(([account, value]) => [account, Math.round(Number(value) * 100)]));
    },
    setNotifyUrl: async (url) => void (await ok('POST', '/merchants/notify-url', { url })),
    // Refusals (an order not open, a balance too low) are outcomes the step reports, not runner errors.
    payOrder: (merchant, partnerReferenceNo, payer) =>
      call('POST', '/orders/pay', { merchant, partnerReferenceNo, ...(payer ? { customer: payer } : {}) }),
  };
}
