import { httpUrl, optionalText, text } from '../../core/control-input.ts';
import { ControlError, type ControlRoutes, type Runtime } from '../../core/product.ts';
import { NOTIFICATIONS } from '../../notifications/outbox.ts';
import { PARTNERS, type PartnerRecord } from '../../parties/banks.ts';
import { toMinor } from '../../ledger/money.ts';
import { expireVaByNumber, payVaByNumber } from './pay-by-number.ts';
import { addPartner, createVa, listVas, setPartnerCallback, statusCheck, vaView } from './operations.ts';

// Control routes for Virtual Account: bank partners, VA bills (create, pay, expire), and DANA's status check to the bank.

/** A bank as shown to users: never the private key. */
function publicPartner(partner: PartnerRecord) {
  const { privateKeyPem: _secret, ...rest } = partner;
  return rest;
}

async function durably<T>(sim: Runtime, value: T): Promise<T> {
  await sim.settle();
  return value;
}

export const VA_CONTROL: ControlRoutes = {
  'GET /partners': (sim) => [...sim.db.values<PartnerRecord>(PARTNERS)].map(publicPartner),
  'POST /partners': (sim, request) =>
    durably(
      sim,
      publicPartner(
        addPartner(
          sim.db,
          {
            partnerId: text(request.body.partnerId, 'partnerId'),
            publicKeyPem: text(request.body.publicKey, 'publicKey'),
            name: optionalText(request.body.name),
            clientSecret: optionalText(request.body.clientSecret),
            partnerServiceId: optionalText(request.body.partnerServiceId),
            callbackUrl: httpUrl(request.body.callbackUrl, 'callbackUrl'),
          },
          sim.clock.now(),
        ),
      ),
    ),
  'POST /partners/callback': (sim, request) =>
    durably(
      sim,
      publicPartner(
        setPartnerCallback(sim.db, httpUrl(request.body.url, 'url') ?? text(request.body.url, 'url'), optionalText(request.body.partner)),
      ),
    ),
  'GET /va': (sim) => listVas(sim.db),
  'POST /va': (sim, request) => {
    const minutes = request.body.expiresInMinutes;
    if (minutes !== undefined && typeof minutes !== 'number') throw new ControlError('expiresInMinutes must be a number');
    const bill = createVa(
      sim.db,
      sim.seed,
      sim.ids,
      {
        customerNumber: text(request.body.customer, 'customer'),
        amount: optionalText(request.body.amount),
        partnerId: optionalText(request.body.partner),
        expiresInMinutes: minutes as number | undefined,
      },
      sim.clock.now(),
    );
    return durably(sim, vaView(bill));
  },
  // As DANA's sandbox tools pay it (the same code path); `amount` for an open-amount VA.
  'POST /va/pay': async (sim, request) => {
    return vaView(await payVaByNumber(sim, text(request.body.virtualAccountNo, 'virtualAccountNo'), paidMinor(request.body.amount)));
  },
  'POST /va/expire': async (sim, request) => vaView(await expireVaByNumber(sim, text(request.body.virtualAccountNo, 'virtualAccountNo'))),
  'POST /va/status-check': async (sim, request) => {
    const record = statusCheck(sim.db, text(request.body.virtualAccountNo, 'virtualAccountNo'), sim.clock.now());
    await durably(sim, undefined);
    return sim.db.get(NOTIFICATIONS, record.id);
  },
};

/**
 * `va pay`'s amount: DANA's "22200.00" or a number of rupiah (22200, 22200.5), as scripts send it; absent
 * for the bill's own amount. Anything else is refused: ignoring it would pay a different amount.
 */
function paidMinor(amount: unknown): number | undefined {
  if (amount === undefined) return undefined;
  const value = typeof amount === 'number' && Number.isFinite(amount) ? amount.toFixed(2) : amount;
  const minor = typeof value === 'string' && (typeof amount === 'string' || Number(value) === amount) ? toMinor(value) : undefined;
  if (!minor)
    throw new ControlError(`amount must look like 50000.00 or be a number of rupiah such as 50000, got ${JSON.stringify(amount)}`);
  return minor;
}
