import type { SimResponse } from '../../core/render.ts';
import { localPhone } from '../../parties/users.ts';
import { escape, page } from '../payment-gateway/cashier/layout.ts';

// The account-binding pages: phone (with what the merchant asks to be allowed: continuing is the
// consent), PIN, and the error page. Class names are the ones DANA's UAT binding scripts look for
// (automate-oauth.js, automate_oauth.py, oauth_widget_util.go): `input.txt-input-phone-number-field`
// of type tel, a `.btn-continue` submit button, `.txt-input-pin-field` with maxlength 6.

export const BINDING_PATHS = ['/v1.0/get-auth-code', '/n/ipg/oauth'] as const;
export const BINDING_LOGIN_PATH = '/v1.0/get-auth-code/login';
export const BINDING_PIN_PATH = '/v1.0/get-auth-code/verify-pin';

/** What DANA's scopes let the merchant do, as the consent shows it. */
const SCOPE_TEXT: Readonly<Record<string, string>> = {
  CASHIER: 'Take payments from your DANA balance',
  AGREEMENT_PAY: 'Charge your DANA account under an agreement',
  QUERY_BALANCE: 'See your DANA balance',
  DEFAULT_BASIC_PROFILE: 'See your basic profile (name, phone number)',
  MINI_DANA: 'Open DANA features inside its app',
};

export interface BindingView {
  readonly merchantName: string;
  readonly scopes: readonly string[];
}

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
const error = (text?: string) => (text ? `<p class="error" role="alert">${escape(text)}</p>` : '');

const consent = (view: BindingView) => `<section class="card consent">
<p class="merchant-name">${escape(view.merchantName)}</p>
<p class="order-title">wants to link your DANA account and will be able to:</p>
<ul class="scopes">${view.scopes.map((scope) => `<li>${escape(SCOPE_TEXT[scope] ?? scope)}</li>`).join('')}</ul>
</section>`;

export function bindingPhonePage(
  view: BindingView,
  request: string,
  problem?: { message: string; typed: string },
  phone = '',
): SimResponse {
  return page(
    problem ? 400 : 200,
    'Link your DANA account',
    `${consent(view)}
<form class="card" method="post" action="${BINDING_LOGIN_PATH}">${hidden('request', request)}
<label class="new-clearable-input form-ipg-phonenumber" for="phone">Your DANA phone number</label>
<div class="desktop-input"><span class="prefix">+62</span><input id="phone" class="txt-input-phone-number-field" type="tel" name="phoneNumber" inputmode="numeric" autocomplete="tel-national" maxlength="15" placeholder="812 3456 7890" required value="${escape(problem?.typed ?? phone)}"></div>
${error(problem?.message)}
<div class="agreement__button"><button type="submit" class="btn-continue">Continue</button></div>
<p class="notice">By continuing you allow the merchant the access listed above. Sandbox test user: 0838-1122-3355, PIN 181818.</p>
</form>`,
  );
}

// As on the cashier, six digits send the PIN by themselves: DANA's node UAT types the PIN and waits.
const PIN_SCRIPT = `(function(){var f=document.getElementById('pin-form'),i=document.getElementById('pin'),sent=false;
i.addEventListener('input',function(){if(!sent&&/^[0-9]{6}$/.test(i.value)){sent=true;f.submit();}});})();`;

export function bindingPinPage(view: BindingView, session: string, customerNumber: string, wrongPin = false): SimResponse {
  return page(
    wrongPin ? 401 : 200,
    'Enter PIN',
    `${consent(view)}
<form class="card" id="pin-form" method="post" action="${BINDING_PIN_PATH}">${hidden('session', session)}
<p>Linking <strong class="phone-number">${escape(localPhone(customerNumber))}</strong></p>
<label for="pin">Enter your 6-digit DANA PIN</label>
<input id="pin" class="txt-input-pin-field" type="password" name="pin" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off" required autofocus>
${error(wrongPin ? 'Incorrect PIN. Please try again.' : undefined)}
<noscript><button type="submit" class="btn-continue">Continue</button></noscript>
</form>`,
    { script: PIN_SCRIPT },
  );
}

/** The binding cannot go on: a broken link from the merchant, or a login that ran out. */
export function bindingErrorPage(status: number, reason: string): SimResponse {
  return page(
    status,
    'Account linking failed',
    `<section class="card result">
<div class="result-animation img-failed-payment" aria-hidden="true">!</div>
<div class="card-header-content"><h1 class="card-header-content__title lbl-failed-binding">Account linking failed</h1></div>
<p class="lbl-failed-description">${escape(reason)}</p>
</section>`,
  );
}
