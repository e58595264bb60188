import { advanceProblem, parseDuration, wibIso } from '../clock/clock.ts';
import { DURATION_PROBLEM, httpUrl, namesOf, optionalText, text } from '../core/control-input.ts';
import { ControlError } from '../core/product.ts';
import { userBalance } from '../ledger/accounts.ts';
import { POSTINGS } from '../ledger/database.ts';
import { toValue } from '../ledger/money.ts';
import { NOTIFICATIONS, listNotifications, resendNotification } from '../notifications/outbox.ts';
import { USER_PIN, customerName } from '../parties/users.ts';
import type { HostRoutes } from './host.ts';
import { addMerchant, publicMerchant } from './merchants.ts';

// Control routes for the simulator itself: health, merchants, DANA users, reset, ledger, keys, the
// clock, and the outbox every outbound call goes through.

export const CORE_ROUTES: HostRoutes = {
  'GET /health': (host) => ({
    ok: true,
    merchants: host.parties.merchants().length,
    seed: host.runtime.seed,
    products: host.products.map((product) => product.name),
    // What a rule's `endpoint` may name (the dashboard's rule form suggests them).
    endpoints: [...new Set(host.products.flatMap((product) => product.routes ?? []).map((route) => route.contract.key))].sort(),
  }),
  'GET /user': ({ runtime }, request) => {
    const customerNumber = text(request.query.get('customer') ?? undefined, 'customer');
    if (!/^\d{5,32}$/.test(customerNumber))
      throw new ControlError(`a customer number is a DANA user's phone number, 5-32 digits such as 62811742234; got "${customerNumber}"`);
    return {
      customerNumber,
      name: customerName(runtime.seed, customerNumber),
      balance: toValue(runtime.db.ledger.balance(userBalance(customerNumber))),
      currency: 'IDR',
      // What the hosted cashier asks for when this user logs in.
      pin: USER_PIN,
    };
  },
  'GET /merchants': (host) => host.parties.merchants().map(publicMerchant),
  'POST /merchants': async ({ runtime }, request) => {
    const merchant = addMerchant(
      runtime.db,
      {
        partnerId: text(request.body.partnerId, 'partnerId'),
        publicKeyPem: text(request.body.publicKey, 'publicKey'),
        merchantId: optionalText(request.body.merchantId),
        clientSecret: optionalText(request.body.clientSecret),
      },
      runtime.clock.now(),
    );
    await runtime.settle();
    return publicMerchant(merchant);
  },
  'POST /reset': async (host) => {
    await host.reset();
    return { ok: true };
  },
  'GET /ledger': ({ runtime }) => ({
    totalMinor: runtime.db.ledger.totalMinor(),
    postings: runtime.db.size(POSTINGS),
    accounts: Object.fromEntries([...runtime.db.ledger.accounts()].map(([account, minor]) => [account, toValue(minor)])),
  }),
  'GET /keys/dana': (host) => ({ publicKeyPem: host.danaPublicKeyPem }),
  // WIB (+07:00), as DANA shows times; any ISO parser reads it. offsetMs: how far `clock advance` has
  // moved it, what a clock snapshot saves (routes-clock.ts).
  'GET /clock': (host) => ({ now: wibIso(host.runtime.clock.now()), offsetMs: host.clockOffsetMs() }),
  'POST /clock/advance': async (host, request) => {
    const duration = parseDuration(text(request.body.duration, 'duration'));
    if (duration === undefined) throw new ControlError(DURATION_PROBLEM(String(request.body.duration)));
    const tooFar = advanceProblem(duration, host.runtime.clock.now());
    if (tooFar) throw new ControlError(tooFar);
    // What became due happens before the call returns, so scripts and tests see its effects.
    await host.advanceClock(duration);
    return { now: wibIso(host.runtime.clock.now()) };
  },
  'GET /webhooks': ({ runtime }) => listNotifications(runtime.db),
  'POST /webhooks/resend': async ({ runtime }, request) => {
    const url = httpUrl(request.body.url, 'url');
    const record = resendNotification(runtime.db, text(request.body.id, 'id'), runtime.clock.now(), url);
    if (!record)
      throw new ControlError(
        `no notification "${String(request.body.id)}"; ids: ${namesOf(listNotifications(runtime.db).map((n) => n.id))}`,
      );
    await runtime.settle();
    return runtime.db.get(NOTIFICATIONS, record.id);
  },
};
