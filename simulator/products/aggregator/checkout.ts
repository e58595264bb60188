import type { PageHandler, Runtime } from '../../core/product.ts';
import type { SimResponse } from '../../core/render.ts';
import { rupiah } from '../payment-gateway/cashier/format.ts';
import { escape, page } from '../payment-gateway/cashier/layout.ts';
import type { EmitEvent } from './events-port.ts';
import type { Params } from './form.ts';
import { confirmIntent } from './intents.ts';
import { isFailure } from './render.ts';
import { CHECKOUT_PAGE_PATH, SESSIONS_TABLE, browserUrl, type SessionRow } from './sessions.ts';
import { intentRow } from './state.ts';

// The hosted checkout page of a Checkout Session (the session's `url`): its line items, the total in
// rupiah and DANA as the one way to pay. "Pay with DANA" confirms the session's intent, which opens
// the DANA order, and sends the browser to DANA's cashier; a second click finds the order open and
// goes back to it. Every shown value is escaped; the POST passes the simulator's browser guard.

const PAY_PATH = `${CHECKOUT_PAGE_PATH}/pay`;

function closedPage(status: number, message: string): SimResponse {
  return page(status, 'Checkout', `<section class="card result"><p class="error">${escape(message)}</p></section>`);
}

function sessionPage(row: SessionRow): SimResponse {
  const items = row.lineItems
    .map(
      (item) =>
        `<div class="row line-item"><span class="item-name">${escape(item.name)} × ${item.quantity}</span><strong>${rupiah(item.unitAmount * item.quantity * 100)}</strong></div>`,
    )
    .join('\n');
  const cancel = row.cancelUrl
    ? `<a class="btn btn-secondary cancel-link" href="${escape(browserUrl(row.cancelUrl)!.toString())}">Cancel</a>`
    : '';
  return page(
    200,
    'Checkout',
    `<section class="card order-summary">${items}
<div class="row total"><span>Total</span><strong class="amount">${rupiah(row.amountTotal * 100)}</strong></div></section>
<section class="card pay-options"><p class="bank-title">DANA</p><p class="bank-description">Pay with your DANA balance</p>
<form method="post" action="${PAY_PATH}"><input type="hidden" name="session" value="${escape(row.id)}">
<button type="submit" class="btn btn-primary pay-with-dana">Pay with DANA</button></form>${cancel}</section>`,
  );
}

function openSession(runtime: Runtime, id: string): SessionRow | SimResponse {
  const row = runtime.db.get<SessionRow>(SESSIONS_TABLE, id);
  if (!row) return closedPage(404, 'This checkout page does not exist.');
  if (row.status !== 'open') return closedPage(410, `This checkout session is ${row.status}.`);
  return row;
}

const isRow = (value: SessionRow | SimResponse): value is SessionRow => 'lineItems' in value;

function pay(runtime: Runtime, emit: EmitEvent, id: string): SimResponse {
  const row = openSession(runtime, id);
  if (!isRow(row)) return row;
  return runtime.db.transact((tx) => {
    const intent = intentRow(tx, row.paymentIntent)!;
    let cashierUrl = intent.status === 'requires_action' ? intent.cashierUrl : null;
    if (intent.status === 'requires_confirmation') {
      const params = Object.assign(Object.create(null) as Params, { return_url: browserUrl(row.successUrl)!.toString() });
      const confirmed = confirmIntent({ tx, runtime, now: runtime.clock.now(), emit }, params, intent.id);
      if (!isFailure(confirmed)) cashierUrl = (confirmed.next_action as { redirect_to_url: { url: string } }).redirect_to_url.url;
    }
    if (!cashierUrl) return closedPage(409, `This payment cannot be made: it is ${intent.status}.`);
    return { status: 303, headers: { location: cashierUrl }, body: '' };
  });
}

export function checkoutRoutes(emit: EmitEvent): Record<string, PageHandler> {
  return {
    [`GET ${CHECKOUT_PAGE_PATH}`]: (runtime, request) => {
      const row = openSession(runtime, request.url.searchParams.get('session') ?? '');
      return isRow(row) ? sessionPage(row) : row;
    },
    [`POST ${PAY_PATH}`]: (runtime, request) => pay(runtime, emit, new URLSearchParams(request.body).get('session') ?? ''),
  };
}
