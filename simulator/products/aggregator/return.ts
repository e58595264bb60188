import type { PageHandler } from '../../core/product.ts';
import { clientSecret } from './ids.ts';
import { RETURN_PATH } from './intents.ts';
import { CHECKOUT_PAGE_PATH, SESSIONS_TABLE, browserUrl, successTarget, type SessionRow } from './sessions.ts';
import { INTENTS_TABLE, type IntentRow } from './state.ts';

// The page DANA's cashier sends the browser back to (the order's payReturnUrl): it forwards to the
// merchant's return_url with Stripe's query parameters (`payment_intent`,
// `payment_intent_client_secret`, `redirect_status`). The cashier pays and settles before it
// redirects, so a paid intent is `succeeded` by the time the browser arrives here. A Checkout
// Session's intent goes to the session's `success_url` once paid (Stripe appends nothing there), else
// to its `cancel_url`, or back to its checkout page when it has none.

const text = (status: number, body: string) => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
const redirect = (location: string) => ({ status: 302, headers: { location }, body: '' });

const returnPage: PageHandler = (runtime, request) => {
  const id = request.url.searchParams.get('payment_intent') ?? '';
  const row = runtime.db.get<IntentRow>(INTENTS_TABLE, id);
  // Only a confirmed intent has an order whose cashier returns here, and confirming needs a return_url.
  if (!row?.returnUrl) return text(404, 'No payment is waiting for this return: the payment_intent is unknown.');
  const session = [...runtime.db.values<SessionRow>(SESSIONS_TABLE)].find((candidate) => candidate.paymentIntent === row.id);
  if (session) {
    if (row.status === 'succeeded') return redirect(successTarget(session));
    const back = session.cancelUrl
      ? browserUrl(session.cancelUrl)!.toString()
      : `${runtime.pagesUrl()}${CHECKOUT_PAGE_PATH}?session=${session.id}`;
    return redirect(back);
  }
  const target = new URL(row.returnUrl);
  target.searchParams.set('payment_intent', row.id);
  target.searchParams.set('payment_intent_client_secret', clientSecret(runtime.seed, row.id));
  target.searchParams.set('redirect_status', row.status === 'succeeded' ? 'succeeded' : 'failed');
  return redirect(target.toString());
};

export const RETURN_ROUTES = { [`GET ${RETURN_PATH}`]: returnPage } as const;
