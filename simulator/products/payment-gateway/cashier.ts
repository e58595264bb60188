import { ORDER_STATUS } from '../../../contracts/payment-gateway/common.ts';
import { UAT_CUSTOMERS } from '../../../contracts/sandbox-identities.ts';
import type { SimResponse } from '../../core/render.ts';
import { toValue } from '../../ledger/money.ts';
import { ControlError, type PageHandler, type Runtime } from '../../core/product.ts';
import { detailsOf } from './orders.ts';
import { orderByReference, payOrderFromBalance } from './payments.ts';

// The simulated DANA cashier behind a Payment Gateway order's webRedirectUrl: a minimal page where a
// test user pays with their DANA balance or cancels, then goes back to the order's PAY_RETURN url.

export const CHECKOUT_PATH = '/m/portal/cashier/checkout';
export const PAY_PATH = '/m/portal/cashier/pay';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const html = (status: number, body: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><html><head><meta charset="utf-8"><title>DANA (dana-sim)</title></head><body style="font-family:sans-serif;max-width:28rem;margin:2rem auto">${body}</body></html>`,
});
const redirect = (url: string): SimResponse => ({ status: 302, headers: { location: url }, body: '' });

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

export const checkoutPage: PageHandler = (sim, page) => checkout(sim, page.url.searchParams.get('bizNo'));

function checkout(sim: Runtime, referenceNo: string | null): SimResponse {
  const record = referenceNo ? orderByReference(sim, referenceNo) : undefined;
  if (!record) return html(404, '<h1>Order not found</h1>');
  const details = detailsOf(record);
  const open = record.status === ORDER_STATUS.INIT.code;
  return html(
    200,
    `<h1>${escape(details.title)}</h1>
<p>Amount: <strong>Rp ${escape(toValue(details.amountMinor))}</strong></p>
<p>Order ${escape(record.partnerReferenceNo)} &middot; status ${escape(record.status)}</p>
${
  open
    ? `<form method="post" action="${PAY_PATH}">
<input type="hidden" name="bizNo" value="${escape(referenceNo!)}">
<label>DANA account (phone) <input name="customerNumber" value="${UAT_CUSTOMERS[0]}"></label>
<p><button name="action" value="pay">Pay with DANA balance</button> <button name="action" value="cancel">Cancel</button></p>
</form>`
    : '<p>This order can no longer be paid.</p>'
}`,
  );
}

export const submitPayment: PageHandler = (sim, page) => pay(sim, new URLSearchParams(page.body));

async function pay(sim: Runtime, form: URLSearchParams): Promise<SimResponse> {
  const record = orderByReference(sim, form.get('bizNo') ?? '');
  if (!record) return html(404, '<h1>Order not found</h1>');
  const back = detailsOf(record).payReturnUrl;
  if (form.get('action') !== 'pay')
    return back ? redirect(withQuery(back, { bizNo: record.referenceNo!, status: 'CANCELLED' })) : html(200, '<h1>Payment cancelled</h1>');
  try {
    await payOrderFromBalance(sim, record, form.get('customerNumber') ?? UAT_CUSTOMERS[0]);
  } catch (error) {
    if (error instanceof ControlError) return html(400, `<h1>Payment failed</h1><p>${escape(error.message)}</p>`);
    throw error;
  }
  return back ? redirect(withQuery(back, { bizNo: record.referenceNo!, status: 'SUCCESS' })) : html(200, '<h1>Payment successful</h1>');
}
