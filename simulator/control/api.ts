import { parseDuration } from '../core/clock.ts';
import { parseJsonObject } from '../core/envelopes/snap.ts';
import type { SimResponse } from '../core/render.ts';
import { POSTINGS } from '../ledger/database.ts';
import { toValue } from '../ledger/money.ts';
import type { Simulator } from '../index.ts';
import { merchantBalances } from '../products/merchant/handlers.ts';
import type { MerchantRecord } from '../products/merchant/state.ts';
import { ControlError, addMerchant, findMerchant, reset, topUpDeposit } from './operations.ts';
import { INITIAL_MERCHANT_DEPOSIT } from '../../contracts/sandbox-identities.ts';
import { NOTIFICATIONS, listNotifications, resendNotification } from '../notifications/outbox.ts';
import { listBankAccounts } from '../products/disbursement/bank-accounts.ts';
import { addBankAccount, completeTransferNow, setNotifyUrl } from './disbursement-operations.ts';
import { minorOf } from '../ledger/money.ts';

// The control API under /__sim: what the CLI, tests and scripts use to steer the simulator. It is
// not part of DANA's API; adapters expose it on loopback only (and behind a token when configured).

export const CONTROL_PREFIX = '/__sim';

interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

type ControlHandler = (sim: Simulator, request: ControlRequest) => Promise<unknown> | unknown;

const json = (status: number, value: unknown): SimResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

/** A merchant as shown to users: never the private key. */
export function publicMerchant(merchant: MerchantRecord) {
  return { merchantId: merchant.merchantId, partnerId: merchant.partnerId, clientSecret: merchant.clientSecret, name: merchant.name, origin: merchant.origin, notifyUrl: merchant.notifyUrl, publicKeyPem: merchant.publicKeyPem };
}

export function balanceView(sim: Simulator, merchant: MerchantRecord) {
  const balances = merchantBalances(sim.db, merchant.merchantId);
  return {
    merchantId: merchant.merchantId,
    deposit: toValue(balances.MERCHANT_DEPOSIT_BALANCE),
    available: toValue(balances.MERCHANT_AVAILABLE_BALANCE),
    total: toValue(balances.MERCHANT_TOTAL_BALANCE),
    currency: 'IDR',
  };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ControlError(`${name} is required`);
  return value;
}

function setNotifyUrlCheck(url: string): void {
  if (!/^https?:\/\//.test(url)) throw new ControlError('url must be http or https');
}

const optionalText = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

const ROUTES: Record<string, ControlHandler> = {
  'GET /health': (sim) => ({ ok: true, merchants: sim.directory.list().length, seed: sim.seed }),
  'GET /merchants': (sim) => sim.directory.list().map(publicMerchant),
  'POST /merchants': async (sim, request) => {
    const merchant = addMerchant(sim.db, {
      partnerId: text(request.body.partnerId, 'partnerId'),
      publicKeyPem: text(request.body.publicKey, 'publicKey'),
      merchantId: optionalText(request.body.merchantId),
      clientSecret: optionalText(request.body.clientSecret),
    }, sim.clock.now());
    await sim.db.sync();
    return publicMerchant(merchant);
  },
  'GET /balance': (sim, request) => balanceView(sim, findMerchant(sim.db, request.query.get('merchant') ?? undefined)),
  'POST /balance/topup': async (sim, request) => {
    const { merchantId } = topUpDeposit(sim.db, text(request.body.amount, 'amount'), sim.clock.now(), optionalText(request.body.merchant));
    await sim.db.sync();
    return balanceView(sim, findMerchant(sim.db, merchantId));
  },
  'POST /reset': async (sim) => {
    reset(sim.db, sim.clock.now(), minorOf(INITIAL_MERCHANT_DEPOSIT));
    await sim.db.sync();
    return { ok: true };
  },
  'GET /ledger': (sim) => ({
    totalMinor: sim.db.ledger.totalMinor(),
    postings: sim.db.size(POSTINGS),
    accounts: Object.fromEntries([...sim.db.ledger.accounts()].map(([account, minor]) => [account, toValue(minor)])),
  }),
  'GET /keys/dana': (sim) => ({ publicKeyPem: sim.danaKeys.publicKeyPem }),
  'GET /clock': (sim) => ({ now: new Date(sim.clock.now()).toISOString() }),
  'POST /clock/advance': async (sim, request) => {
    const duration = parseDuration(text(request.body.duration, 'duration'));
    if (duration === undefined) throw new ControlError('duration must look like 90s, 5m or 1h30m');
    // What became due happens before the call returns, so scripts and tests see its effects.
    await sim.advanceClock(duration);
    return { now: new Date(sim.clock.now()).toISOString() };
  },
  'POST /merchants/notify-url': async (sim, request) => {
    const merchant = setNotifyUrl(sim.db, text(request.body.url, 'url'), optionalText(request.body.merchant));
    await sim.db.sync();
    return { merchantId: merchant.merchantId, notifyUrl: merchant.notifyUrl };
  },
  'GET /bank-accounts': (sim) => ({
    accounts: listBankAccounts(sim.db),
    sandboxRules: sim.rules.list('sandbox').filter((rule) => rule.when?.some((p) => p.field === 'beneficiaryAccountNumber')).map((rule) => ({
      accountNumber: rule.when!.find((p) => p.field === 'beneficiaryAccountNumber')!.value,
      endpoint: rule.endpoint,
      result: 'result' in rule.effect ? rule.effect.result : undefined,
      rule: rule.id,
    })),
  }),
  'POST /bank-accounts': async (sim, request) => {
    const record = addBankAccount(sim.db, sim.seed, {
      bankCode: text(request.body.bankCode, 'bankCode'),
      accountNumber: text(request.body.accountNumber, 'accountNumber'),
      holderName: optionalText(request.body.holderName),
      status: optionalText(request.body.status),
    });
    await sim.db.sync();
    return record;
  },
  'POST /transfers/complete': async (sim, request) => {
    const outcome = optionalText(request.body.outcome);
    if (outcome !== undefined && outcome !== 'success' && outcome !== 'failed') throw new ControlError('outcome must be success or failed');
    const record = completeTransferNow(sim.db, text(request.body.partnerReferenceNo, 'partnerReferenceNo'), sim.clock.now(), outcome, optionalText(request.body.merchant));
    await sim.db.sync();
    await sim.runDueWork();
    return { partnerReferenceNo: record.partnerReferenceNo, referenceNo: record.referenceNo, latestTransactionStatus: record.status };
  },
  'GET /webhooks': (sim) => listNotifications(sim.db),
  'POST /webhooks/resend': async (sim, request) => {
    const url = optionalText(request.body.url);
    if (url !== undefined) setNotifyUrlCheck(url);
    const record = resendNotification(sim.db, text(request.body.id, 'id'), sim.clock.now(), url);
    if (!record) throw new ControlError(`no notification ${String(request.body.id)}`);
    await sim.db.sync();
    await sim.runDueWork();
    return sim.db.get(NOTIFICATIONS, record.id);
  },
};

export async function handleControl(sim: Simulator, method: string, url: string, rawBody: string): Promise<SimResponse> {
  const parsed = new URL(url, 'http://dana-sim');
  const path = parsed.pathname.slice(CONTROL_PREFIX.length) || '/';
  const handler = ROUTES[`${method.toUpperCase()} ${path}`];
  if (!handler) return json(404, { error: `no control route ${method} ${parsed.pathname}`, routes: Object.keys(ROUTES) });
  const body = rawBody.trim() === '' ? {} : parseJsonObject(rawBody);
  if (!body) return json(400, { error: 'body must be a JSON object' });
  try {
    return json(200, await handler(sim, { method, path, query: parsed.searchParams, body }));
  } catch (error) {
    if (error instanceof ControlError) return json(400, { error: error.message });
    throw error;
  }
}
