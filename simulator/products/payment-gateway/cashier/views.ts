import type { SimResponse } from '../../../core/render.ts';
import { localPhone } from '../../../parties/users.ts';
import { countdown, rupiah } from './format.ts';
import { escape, page } from './layout.ts';

// The cashier's pages. Class names and texts are the ones DANA's own UAT browser scripts look for
// (dana-id/uat-script test/*: automate-payment.js, payment_pg_util.py, PaymentPGBrowser.java, and the
// widget ones: payment_widget_util.py/.go, WebAutomation.php), so those scripts can drive this
// cashier: the DANA pay option `.dana>.bank-title`, `.desktop-input>.txt-input-phone-number-field`,
// `.agreement__button>.btn-continue`, `.txt-input-pin-field` inside an `input-pin` element, a pay
// button that is both `.btn.btn-primary` and `button.btn-pay`, the success markers with the exact
// text `Payment Success`, and `.lbl-failed-payment`.

export const LOGIN_PATH = '/m/portal/cashier/login';
export const PIN_PATH = '/m/portal/cashier/verify-pin';
export const PAY_PATH = '/m/portal/cashier/pay';
export const CHECKOUT_PATH = '/m/portal/cashier/checkout';

/** What every page shows of the order. */
export interface OrderView {
  readonly referenceNo: string;
  readonly merchantName: string;
  readonly title: string;
  readonly amountMinor: number;
  readonly remainingMs: number;
}

const summary = (order: OrderView) => `<section class="card order-summary">
<p class="merchant-name">${escape(order.merchantName)}</p>
<p class="order-title">${escape(order.title)}</p>
<p class="amount">${rupiah(order.amountMinor)}</p>
</section>`;

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
const error = (text?: string, className = 'error') => (text ? `<p class="${className}" role="alert">${escape(text)}</p>` : '');

// DANA's cashier first lists the ways to pay; the widget scripts pick DANA there (python and node
// click it whenever it is visible, go only when the phone field is not). DANA is the only way to pay
// here and is already chosen, with the phone field open beside it: a click only moves the cursor to
// the phone field, so the option never blocks a script that skips it.
const DANA_OPTION = `<section class="card pay-options" role="radiogroup" aria-label="Pay with">
<div class="bank-item dana dana-pay-option sdetfe-lbl-dana-pay-option selected" role="radio" aria-checked="true" tabindex="0" onclick="document.getElementById('phone').focus()">
<div class="bank-title">DANA</div><div class="bank-description">DANA balance</div></div>
</section>`;

export function phonePage(order: OrderView, problem?: { readonly message: string; readonly typed: string }): SimResponse {
  return page(
    problem ? 400 : 200,
    'Log in',
    `${summary(order)}
${DANA_OPTION}
<form class="card" method="post" action="${LOGIN_PATH}">${hidden('bizNo', order.referenceNo)}
<label class="new-clearable-input form-ipg-phonenumber" for="phone">Your DANA phone number</label>
<div class="desktop-input"><span class="prefix">+62</span><input id="phone" class="txt-input-phone-number-field" type="tel" name="phoneNumber" inputmode="numeric" autocomplete="tel-national" maxlength="15" placeholder="812 3456 7890" required value="${escape(problem?.typed ?? '')}"></div>
${error(problem?.message)}
<div class="agreement__button"><button type="submit" class="btn-continue">Continue</button></div>
<p class="notice">Sandbox test user: 0838-1122-3355, PIN 181818 (dana-sim user shows every user's PIN).</p>
</form>`,
  );
}

// The PIN sends itself once six digits are in, as DANA's does: its UAT scripts fill the PIN and then
// wait for the pay button, so this page must have no button of its own (only without scripts).
const PIN_SCRIPT = `(function(){var f=document.getElementById('pin-form'),i=document.getElementById('pin'),sent=false;
i.addEventListener('input',function(){if(!sent&&/^[0-9]{6}$/.test(i.value)){sent=true;f.submit();}});})();`;

export function pinPage(order: OrderView, session: string, customerNumber: string, wrongPin = false): SimResponse {
  return page(
    wrongPin ? 401 : 200,
    'Enter PIN',
    `${summary(order)}
<form class="card" id="pin-form" method="post" action="${PIN_PATH}">${hidden('bizNo', order.referenceNo)}${hidden('session', session)}
<p>Logging in as <strong class="phone-number">${escape(localPhone(customerNumber))}</strong></p>
<label for="pin">Enter your 6-digit DANA PIN</label>
<div class="input-pin"><input id="pin" class="txt-input-pin-field" type="password" name="pin" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off" required autofocus></div>
${error(wrongPin ? 'Incorrect PIN. Please try again.' : undefined, 'error lbl-wrong-pin')}
<noscript><button type="submit" class="btn-continue">Continue</button></noscript>
<p class="notice"><a href="${CHECKOUT_PATH}?bizNo=${encodeURIComponent(order.referenceNo)}">Use another number</a></p>
</form>`,
    { script: PIN_SCRIPT },
  );
}

// Counts down in the browser from the time left on the simulator clock when the page was made; the
// server decides on the simulator clock again when the user pays.
const COUNTDOWN_SCRIPT = `(function(){var c=document.querySelector('.countdown');if(!c)return;var end=Date.now()+Number(c.getAttribute('data-remaining-ms'));
function two(n){return(n<10?'0':'')+n}function tick(){var s=Math.max(0,Math.ceil((end-Date.now())/1000)),h=Math.floor(s/3600),m=Math.floor(s/60)%60;
c.textContent=(h?h+':'+two(m):m)+':'+two(s%60);if(s===0){clearInterval(timer);c.parentNode.className+=' error';}}var timer=setInterval(tick,1000);})();`;

export function payPage(order: OrderView, session: string, customerNumber: string, balanceMinor: number): SimResponse {
  const form = (action: string, button: string) =>
    `<form method="post" action="${PAY_PATH}">${hidden('bizNo', order.referenceNo)}${hidden('session', session)}${hidden('action', action)}${button}</form>`;
  const short = balanceMinor < order.amountMinor;
  return page(
    200,
    'Pay',
    `${summary(order)}
<section class="card">
<div class="row"><span>DANA balance (${escape(localPhone(customerNumber))})</span><strong class="balance">${rupiah(balanceMinor)}</strong></div>
<div class="row expiry"><span>Pay within</span><strong class="countdown" data-remaining-ms="${Math.max(0, order.remainingMs)}">${countdown(order.remainingMs)}</strong></div>
${error(short ? 'Your DANA balance is not enough for this payment.' : undefined, 'error lbl-insufficient-balance')}
${form('pay', `<button type="submit" class="btn btn-primary btn-pay">Pay ${rupiah(order.amountMinor)}</button>`)}
${form('cancel', '<button type="submit" class="btn btn-secondary btn-cancel">Cancel</button>')}
</section>`,
    { script: COUNTDOWN_SCRIPT },
  );
}

/** Seconds the success page stays before the browser goes back to the merchant. */
const RETURN_DELAY_S = 2;

// One element only has a class containing `lbl-success`: DANA's go scripts wait for
// //*[contains(@class,'lbl-success')] with a strict Playwright locator, which fails on two matches.
export function successPage(order: OrderView, returnUrl: string | undefined): SimResponse {
  return page(
    200,
    'Payment Success',
    `<section class="card result">
<div class="result-animation sdet-img-success-payment" aria-hidden="true">&#10003;</div>
<div class="lbl-success sdetfe-lbl-success-description">
<h1>Payment Success</h1>
<p class="success-description">Payment ${rupiah(order.amountMinor)} to ${escape(order.merchantName)}</p>
</div>
<p class="order-title">${escape(order.title)}</p>
<p>This transaction is paid using DANA</p>
${
  returnUrl
    ? `<p class="redirection-notice">Taking you back to the merchant in ${RETURN_DELAY_S} seconds.</p><a class="btn btn-primary btn-back" href="${escape(returnUrl)}">Back to merchant</a>`
    : '<p class="redirection-notice">The merchant gave no return address: you can close this page.</p>'
}
</section>`,
    returnUrl ? { redirect: { url: returnUrl, seconds: RETURN_DELAY_S } } : {},
  );
}

/** A page that ends the flow: the order cannot be paid, or paying failed. `back` leaves the cashier. */
export function failurePage(
  status: number,
  order: OrderView | undefined,
  reason: string,
  back: { readonly url: string; readonly label: string },
  headline = 'Payment failed',
): SimResponse {
  return page(
    status,
    headline,
    `${order ? summary(order) : ''}
<section class="card result">
<div class="result-animation img-failed-payment" aria-hidden="true">!</div>
<div class="card-header-content"><h1 class="card-header-content__title lbl-failed-payment">${escape(headline)}</h1></div>
<p class="lbl-failed-description">${escape(reason)}</p>
<a class="btn btn-primary btn-back" href="${escape(back.url)}">${escape(back.label)}</a>
</section>`,
  );
}

/**
 * An order opened again after it was paid. It says so, as the PG scripts expect (`.lbl-failed-payment`
 * at once), and still offers a pay button, because DANA's go and python widget scripts press `btn-pay`
 * on the re-opened page and only then wait for the failure label. Pressing it charges nothing: the
 * answer is this page again, now saying that nothing was charged twice.
 */
export function paidPage(order: OrderView, back: { readonly url: string; readonly label: string }, pressedPay: boolean): SimResponse {
  return page(
    409,
    'Already paid',
    `${summary(order)}
<section class="card result">
<div class="result-animation img-failed-payment" aria-hidden="true">!</div>
<div class="card-header-content"><h1 class="card-header-content__title lbl-failed-payment">Already paid</h1></div>
<p class="lbl-failed-description">${pressedPay ? 'This order is already paid. Nothing was charged again.' : 'This order is already paid.'}</p>
<form method="post" action="${PAY_PATH}">${hidden('bizNo', order.referenceNo)}${hidden('action', 'pay')}<button type="submit" class="btn btn-primary btn-pay">Pay again</button></form>
<a class="btn btn-secondary btn-back" href="${escape(back.url)}">${escape(back.label)}</a>
</section>`,
  );
}
