import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The cashier's login state: a signed form token instead of a stored session, so nothing is written
// until money moves and nothing secret goes in a URL. A token names the order, the DANA user and the
// step reached (the phone was given: `pin`; the PIN was right: `pay`), and ends after a few minutes on
// the simulator clock. The key lives only in this process: a restart ends every login, and the user
// simply opens the order's page again.

const KEY = randomBytes(32);

/** How long a login lasts between two steps. */
export const SESSION_TTL_MS = 10 * 60_000;

export type CashierStep = 'pin' | 'pay';

export interface CashierSession {
  readonly referenceNo: string;
  readonly customerNumber: string;
  readonly step: CashierStep;
  readonly expiresAt: number;
}

const mac = (payload: string) => createHmac('sha256', KEY).update(payload).digest('base64url');

/** Signs values for a hidden form field; other hosted pages (Widget's binding) use it for their own steps. */
export function seal(values: readonly unknown[]): string {
  const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
  return `${payload}.${mac(payload)}`;
}

/** The values a sealed token holds, or undefined when it was forged or sealed by an earlier run. */
export function unseal(token: string): unknown[] | undefined {
  const [payload = '', signature = ''] = token.split('.');
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
}

export function signSession(session: CashierSession): string {
  return seal([session.referenceNo, session.customerNumber, session.step, session.expiresAt]);
}

/** The session a form carried, or why there is none: forged or from an earlier run, the wrong step, or over. */
export function readSession(token: string, step: CashierStep, now: number): CashierSession | 'invalid' | 'expired' {
  const values = unseal(token);
  if (!values) return 'invalid';
  const [referenceNo, customerNumber, signedStep, expiresAt] = values as [string, string, CashierStep, number];
  if (signedStep !== step) return 'invalid';
  if (now >= expiresAt) return 'expired';
  return { referenceNo, customerNumber, step, expiresAt };
}
