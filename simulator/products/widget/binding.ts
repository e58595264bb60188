import { WIDGET_SANDBOX_USERS } from '../../../contracts/widget/sandbox-users.ts';
import type { PageHandler, Pages, Runtime } from '../../core/product.ts';
import { MERCHANTS, type MerchantRecord } from '../../parties/merchants.ts';
import { USER_PIN, customerNumberOfPhone, localPhone } from '../../parties/users.ts';
import { redirect } from '../payment-gateway/cashier/layout.ts';
import { SESSION_TTL_MS, seal, unseal } from '../payment-gateway/cashier/session.ts';
import {
  BINDING_LOGIN_PATH,
  BINDING_PATHS,
  BINDING_PIN_PATH,
  bindingErrorPage,
  bindingPhonePage,
  bindingPinPage,
} from './binding-views.ts';
import { issueAuthCode } from './tokens.ts';

// Account binding (Get OAuth URL, svc 10): the page the SDKs' generateOauthUrl points at. The user
// gives phone and PIN; continuing past the listed scopes is the consent (DANA's UAT scripts press no
// separate consent button). Then the browser goes to redirectUrl with `authCode` and `state`. The
// merchant's request rides in a signed form field between the steps (the cashier's form tokens), so
// nothing is stored before the authCode.

/** What the merchant's link asked for, carried signed from page to page. */
interface BindingRequest {
  readonly partnerId: string;
  readonly redirectUrl: string;
  readonly state: string;
  readonly scopes: readonly string[];
}

const DEFAULT_SCOPES = ['CASHIER'];

/** The link's request, or what is wrong with it in words a developer acts on. */
function bindingRequest(sim: Runtime, query: URLSearchParams): BindingRequest | string {
  const partnerId = query.get('partnerId') ?? '';
  if (!partnerId) return 'The link has no partnerId (dana-node reads it from X_PARTNER_ID).';
  if (!sim.db.get<MerchantRecord>(MERCHANTS, partnerId)) return `No merchant has partnerId ${partnerId} on this simulator.`;
  const redirectUrl = query.get('redirectUrl') ?? '';
  if (!redirectUrl) return 'The link has no redirectUrl: DANA would have nowhere to send the authCode.';
  let url: URL | undefined;
  try {
    url = new URL(redirectUrl);
  } catch {
    url = undefined;
  }
  // A page on this server sends browsers to web addresses only, as the cashier does.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `redirectUrl must be an http or https address, not ${JSON.stringify(redirectUrl)}.`;
  const state = query.get('state') ?? '';
  if (state.length > 512) return 'state is longer than 512 characters.';
  const listed = (query.get('scopes') ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  return { partnerId, redirectUrl, state, scopes: listed.length > 0 ? listed : DEFAULT_SCOPES };
}

/** The phone the merchant already knows (seamlessData: `mobileNumber` in API mode, `mobile` in python's). */
function seamlessPhone(query: URLSearchParams): string {
  try {
    const data = JSON.parse(query.get('seamlessData') ?? '{}') as { mobileNumber?: unknown; mobile?: unknown };
    const phone = customerNumberOfPhone(String(data.mobileNumber ?? data.mobile ?? ''));
    return phone ? localPhone(phone).replace(/-/g, '').slice(1) : '';
  } catch {
    return '';
  }
}

const viewOf = (sim: Runtime, request: BindingRequest) => ({
  merchantName: sim.db.get<MerchantRecord>(MERCHANTS, request.partnerId)?.name ?? request.partnerId,
  scopes: request.scopes,
});

const sealRequest = (sim: Runtime, request: BindingRequest, customerNumber = '') =>
  seal([
    'binding',
    request.partnerId,
    request.redirectUrl,
    request.state,
    request.scopes,
    customerNumber,
    sim.clock.now() + SESSION_TTL_MS,
  ]);

/** A request sealed by this run and not over, with the phone given so far. */
function unsealRequest(sim: Runtime, token: string): { request: BindingRequest; customerNumber: string } | string {
  const values = unseal(token);
  if (!values || values[0] !== 'binding') return 'This linking page is no longer valid. Open the merchant\u2019s link again.';
  const [, partnerId, redirectUrl, state, scopes, customerNumber, expiresAt] = values as [
    string,
    string,
    string,
    string,
    string[],
    string,
    number,
  ];
  if (sim.clock.now() >= expiresAt) return 'Your login has timed out. Open the merchant\u2019s link again.';
  return { request: { partnerId, redirectUrl, state, scopes }, customerNumber };
}

const pinMatches = (customerNumber: string, pin: string) =>
  pin === USER_PIN || (WIDGET_SANDBOX_USERS[customerNumber]?.pins.includes(pin) ?? false);

const start: PageHandler = (sim, page) => {
  const request = bindingRequest(sim, page.url.searchParams);
  if (typeof request === 'string') return bindingErrorPage(400, request);
  return bindingPhonePage(viewOf(sim, request), sealRequest(sim, request), undefined, seamlessPhone(page.url.searchParams));
};

const login: PageHandler = (sim, page) => {
  const fields = new URLSearchParams(page.body);
  const token = fields.get('request') ?? '';
  const resumed = unsealRequest(sim, token);
  if (typeof resumed === 'string') return bindingErrorPage(403, resumed);
  const typed = fields.get('phoneNumber') ?? '';
  const customerNumber = customerNumberOfPhone(typed);
  const view = viewOf(sim, resumed.request);
  if (!customerNumber) return bindingPhonePage(view, token, { typed, message: 'Enter a DANA phone number, such as 812 3456 7890.' });
  return bindingPinPage(view, sealRequest(sim, resumed.request, customerNumber), customerNumber);
};

const verifyPin: PageHandler = async (sim, page) => {
  const fields = new URLSearchParams(page.body);
  const session = fields.get('session') ?? '';
  const resumed = unsealRequest(sim, session);
  if (typeof resumed === 'string') return bindingErrorPage(403, resumed);
  const { request, customerNumber } = resumed;
  if (!customerNumber) return bindingErrorPage(403, 'This linking page is no longer valid. Open the merchant\u2019s link again.');
  if (!pinMatches(customerNumber, fields.get('pin') ?? '')) return bindingPinPage(viewOf(sim, request), session, customerNumber, true);
  const binding = { customerNumber, partnerId: request.partnerId, scopes: request.scopes };
  const authCode = sim.db.transact((tx) => issueAuthCode(tx, binding, sim.clock.now()));
  await sim.settle();
  const back = new URL(request.redirectUrl);
  back.searchParams.set('authCode', authCode);
  if (request.state) back.searchParams.set('state', request.state);
  return redirect(back.toString());
};

export const BINDING_ROUTES: Pages['routes'] = {
  ...Object.fromEntries(BINDING_PATHS.map((path) => [`GET ${path}`, start])),
  [`POST ${BINDING_LOGIN_PATH}`]: login,
  [`POST ${BINDING_PIN_PATH}`]: verifyPin,
};
