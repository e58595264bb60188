import { isSafePath, setPath } from '../../contracts/common/paths.ts';
import { httpUrl, namesOf, optionalText, text } from '../core/control-input.ts';
import { ControlError, type NotificationTrigger } from '../core/product.ts';
import { NOTIFICATIONS, enqueueNotification, listNotifications } from '../notifications/outbox.ts';
import { findMerchant } from '../parties/find.ts';
import type { HostRoutes } from './host.ts';

// `dana-sim trigger`: a notification about an existing transfer, order or VA, sent again on demand with
// fields overridden, so a merchant can test its webhook handler against edge cases. The product's own
// builder makes the body; it goes through the one outbox (signed at delivery, every attempt recorded),
// marked `triggered` so that no answer to it changes the transaction.

function overrides(value: unknown): Array<[string, unknown]> {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ControlError('set must be an object of dotted paths and values, e.g. {"latestTransactionStatus": "06"}');
  const entries = Object.entries(value);
  for (const [path] of entries)
    if (!/^[\w-]+(\.[\w-]+)*$/.test(path) || !isSafePath(path))
      throw new ControlError(`"${path}" is not a field path such as additionalInfo.paymentInfo.paidTime`);
  return entries;
}

export const TRIGGER_ROUTES: HostRoutes = {
  'POST /notifications/trigger': async (host, request) => {
    // A Map: on a plain object `constructor` or `__proto__` would find Object's own members.
    const triggers = new Map<string, NotificationTrigger>(host.products.flatMap((product) => Object.entries(product.triggers ?? {})));
    const subject = optionalText(request.body.subject);
    const trigger = subject === undefined ? undefined : triggers.get(subject);
    if (!trigger) throw new ControlError(`cannot trigger "${subject ?? ''}"; one of ${[...triggers.keys()].join(', ')}`);
    const reference = text(request.body.reference, trigger.reference);
    const merchant = optionalText(request.body.merchant);
    const partnerId = merchant === undefined ? undefined : findMerchant(host.runtime.db, merchant).partnerId;
    const set = overrides(request.body.set);
    const url = httpUrl(request.body.url, 'url');
    const built = trigger.build(host.runtime, reference, partnerId);
    if (!built)
      throw new ControlError(
        `no ${subject} with ${trigger.reference} "${reference}"; ${trigger.reference}s known: ${namesOf(trigger.known(host.runtime, partnerId))}`,
      );
    if (!(url ?? built.url))
      throw new ControlError(
        `no URL to send the ${subject} notification to: none is configured for ${built.partnerId}; give one (dana-sim trigger --to URL)`,
      );
    const body = structuredClone(built.body) as Record<string, unknown>;
    for (const [path, value] of set) setPath(body, path, value);
    // Fresh ids keep the original notification and earlier triggers in `webhooks list`.
    const earlier = listNotifications(host.runtime.db).filter((record) => record.id.startsWith(`${built.id}-trigger-`)).length;
    const now = host.runtime.clock.now();
    const record = host.runtime.db.transact((tx) =>
      enqueueNotification(tx, { ...built, id: `${built.id}-trigger-${earlier + 1}`, url: url ?? built.url, body, triggered: true }, now),
    );
    await host.runtime.settle();
    return host.runtime.db.get(NOTIFICATIONS, record.id);
  },
};
