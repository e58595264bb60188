import { ORDER_STATUS } from '../../../../contracts/payment-gateway/common.ts';
import type { TransactionRecord } from '../../../core/idempotency.ts';
import { ControlError, type PageHandler, type Pages, type Runtime } from '../../../core/product.ts';
import type { SimResponse } from '../../../core/render.ts';
import { userBalance } from '../../../ledger/accounts.ts';
import { MERCHANTS, type MerchantRecord } from '../../../parties/merchants.ts';
import { USER_PIN, customerNumberOfPhone } from '../../../parties/users.ts';
import { detailsOf } from '../orders.ts';
import { orderByReference, payOrderFromBalance } from '../payments.ts';
import { redirect } from './layout.ts';
import { SESSION_TTL_MS, readSession, signSession, type CashierStep } from './session.ts';
import {
  CHECKOUT_PATH,
  LOGIN_PATH,
  PAY_PATH,
  PIN_PATH,
  failurePage,
  paidPage,
  payPage,
  phonePage,
  pinPage,
  successPage,
  type OrderView,
} from './views.ts';

// The simulated DANA cashier behind a Payment Gateway order's webRedirectUrl: the user logs in with
// phone and PIN (or a Widget OTT in the URL logs them in), sees the merchant, the amount, their balance and the time left, then pays from
// their DANA balance or cancels. Paying is the same ledger posting and Finish Notify as every other
// way of paying an order (payments.ts).
//
// Back to the merchant: the browser goes to the order's PAY_RETURN url (http or https only) with
// `bizNo` = the order's referenceNo and `status`:
//   SUCCESS    the order is paid (just now, or before: an already paid order's page links back too)
//   CANCELLED  the user pressed Cancel; the order stays INIT (01) and closes at validUpTo unless paid
//   FAILED     paying failed (balance too low); the order stays INIT as well
//   EXPIRED    the order's validUpTo passed, or the merchant closed it, before it was paid
// The status is a hint for the browser only; Query Payment and Finish Notify are the truth.

type ReturnStatus = 'SUCCESS' | 'CANCELLED' | 'FAILED' | 'EXPIRED';

interface Order {
  readonly record: TransactionRecord;
  readonly view: OrderView;
  readonly payReturnUrl?: string;
}

function loadOrder(sim: Runtime, referenceNo: string): Order | undefined {
  const record = referenceNo ? orderByReference(sim, referenceNo) : undefined;
  if (!record) return undefined;
  const details = detailsOf(record);
  const merchant = sim.db.get<MerchantRecord>(MERCHANTS, record.partnerId);
  return {
    record,
    payReturnUrl: details.payReturnUrl,
    view: {
      referenceNo,
      merchantName: merchant?.name ?? details.merchantId,
      title: details.title,
      amountMinor: details.amountMinor,
      remainingMs: details.validUntil - sim.clock.now(),
    },
  };
}

/** The order's PAY_RETURN url with the result, when the merchant gave a web address. */
function returnUrl(order: Order, status: ReturnStatus): string | undefined {
  if (!order.payReturnUrl) return undefined;
  let url: URL;
  try {
    url = new URL(order.payReturnUrl);
  } catch {
    return undefined;
  }
  // A deep link or javascript: address is no place for a browser to be sent from a server page.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.set('bizNo', order.view.referenceNo);
  url.searchParams.set('status', status);
  return url.toString();
}

const checkoutUrl = (referenceNo: string) => `${CHECKOUT_PATH}?bizNo=${encodeURIComponent(referenceNo)}`;

function leave(order: Order, status: ReturnStatus): { url: string; label: string } {
  const url = returnUrl(order, status);
  return url ? { url, label: 'Back to merchant' } : { url: checkoutUrl(order.view.referenceNo), label: 'OK' };
}

const notFound = () =>
  failurePage(404, undefined, 'This payment page does not exist: no order has this reference.', { url: '/', label: 'OK' });

/** The page for an order that can no longer be paid, or undefined while it can. */
function closedPage(order: Order, pressedPay = false): SimResponse | undefined {
  const { status } = order.record;
  if (status === ORDER_STATUS.SUCCESS.code) return paidPage(order.view, leave(order, 'SUCCESS'), pressedPay);
  // Widget's sandbox amount 205502.00 leaves the order PAYING: DANA is still settling it.
  if (status === ORDER_STATUS.PAYING.code)
    return failurePage(409, order.view, 'This payment is being processed.', {
      url: checkoutUrl(order.view.referenceNo),
      label: 'Check again',
    });
  if (status === ORDER_STATUS.INIT.code && order.view.remainingMs > 0) return undefined;
  const reason = order.view.remainingMs > 0 ? 'This order was cancelled by the merchant.' : 'This order has expired.';
  return failurePage(410, order.view, reason, leave(order, 'EXPIRED'));
}

const form = (body: string) => new URLSearchParams(body);

/** The order a form names, and the login it carries at `step`; or the page to show instead. */
function resume(sim: Runtime, fields: URLSearchParams, step: CashierStep): { order: Order; customerNumber: string } | SimResponse {
  const order = loadOrder(sim, fields.get('bizNo') ?? '');
  if (!order) return notFound();
  const session = readSession(fields.get('session') ?? '', step, sim.clock.now());
  const again = { url: checkoutUrl(order.view.referenceNo), label: 'Log in again' };
  // An order that can no longer be paid says so to any login, even none: the paid page's own pay
  // button posts without one.
  const closed = closedPage(order, step === 'pay');
  if (closed) return closed;
  if (session === 'invalid' || (session !== 'expired' && session.referenceNo !== order.view.referenceNo)) {
    return failurePage(403, order.view, 'This login is no longer valid. Please log in again.', again);
  }
  if (session === 'expired') return failurePage(403, order.view, 'Your login has timed out. Please log in again.', again);
  return { order, customerNumber: session.customerNumber };
}

const sessionFor = (sim: Runtime, order: Order, customerNumber: string, step: CashierStep) =>
  signSession({ referenceNo: order.view.referenceNo, customerNumber, step, expiresAt: sim.clock.now() + SESSION_TTL_MS });

const checkout: PageHandler = async (sim, request) => {
  const order = loadOrder(sim, request.url.searchParams.get('bizNo') ?? '');
  if (!order) return notFound();
  const closed = closedPage(order);
  if (closed) return closed;
  const ott = request.url.searchParams.get('ott');
  return ott ? await ottLogin(sim, order, ott) : phonePage(order.view);
};

/**
 * `webRedirectUrl&ott=<value>` (Widget's Apply OTT): straight to the pay step as the OTT's user, no
 * phone or PIN. The OTT is spent (durably) before the page shows; a used, expired or unknown one
 * falls back to the phone and PIN login, saying why.
 */
async function ottLogin(sim: Runtime, order: Order, ott: string): Promise<SimResponse> {
  const redeem = sim.pageLogin('ott');
  const now = sim.clock.now();
  const login = redeem
    ? sim.db.transact((tx) => redeem(tx, ott, { partnerId: order.record.partnerId, now }))
    : { refused: 'This payment page takes no login link.' };
  if ('refused' in login) {
    // The login page with a note: 200, since nothing the user typed was wrong.
    const fallback = phonePage(order.view, { typed: '', message: `${login.refused} Log in with your phone number and PIN.` });
    return { ...fallback, status: 200 };
  }
  await sim.db.sync();
  const { customerNumber } = login;
  const balanceMinor = sim.db.ledger.balance(userBalance(customerNumber));
  return payPage(order.view, sessionFor(sim, order, customerNumber, 'pay'), customerNumber, balanceMinor);
}

const login: PageHandler = (sim, request) => {
  const fields = form(request.body);
  const order = loadOrder(sim, fields.get('bizNo') ?? '');
  if (!order) return notFound();
  const closed = closedPage(order);
  if (closed) return closed;
  const typed = fields.get('phoneNumber') ?? '';
  const customerNumber = customerNumberOfPhone(typed);
  if (!customerNumber) return phonePage(order.view, { typed, message: 'Enter a DANA phone number, such as 812 3456 7890.' });
  return pinPage(order.view, sessionFor(sim, order, customerNumber, 'pin'), customerNumber);
};

const verifyPin: PageHandler = (sim, request) => {
  const fields = form(request.body);
  const resumed = resume(sim, fields, 'pin');
  if ('status' in resumed) return resumed;
  const { order, customerNumber } = resumed;
  if (fields.get('pin') !== USER_PIN) return pinPage(order.view, fields.get('session')!, customerNumber, true);
  const balanceMinor = sim.db.ledger.balance(userBalance(customerNumber));
  return payPage(order.view, sessionFor(sim, order, customerNumber, 'pay'), customerNumber, balanceMinor);
};

const pay: PageHandler = async (sim, request) => {
  const fields = form(request.body);
  const resumed = resume(sim, fields, 'pay');
  if ('status' in resumed) return resumed;
  const { order, customerNumber } = resumed;
  if (fields.get('action') !== 'pay') {
    const back = returnUrl(order, 'CANCELLED');
    return back
      ? redirect(back)
      : failurePage(200, order.view, 'You cancelled this payment.', leave(order, 'CANCELLED'), 'Payment cancelled');
  }
  const balanceMinor = sim.db.ledger.balance(userBalance(customerNumber));
  if (balanceMinor < order.view.amountMinor) {
    return failurePage(402, order.view, 'Your DANA balance is not enough for this payment.', leave(order, 'FAILED'));
  }
  try {
    await payOrderFromBalance(sim, order.record, customerNumber);
  } catch (error) {
    // Paid, closed or drained between the checks above and the posting: say so, move nothing.
    if (error instanceof ControlError) return failurePage(409, order.view, 'This payment could not be completed.', leave(order, 'FAILED'));
    throw error;
  }
  return successPage(order.view, returnUrl(order, 'SUCCESS'));
};

export const CASHIER_ROUTES: Pages['routes'] = {
  [`GET ${CHECKOUT_PATH}`]: checkout,
  [`POST ${LOGIN_PATH}`]: login,
  [`POST ${PIN_PATH}`]: verifyPin,
  [`POST ${PAY_PATH}`]: pay,
};
