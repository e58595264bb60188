import { createHash, randomBytes } from 'node:crypto';
import { jakartaTimestamp } from '../../clock/clock.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { HandlerContext } from '../../core/route.ts';
import type { Transaction } from '../../ledger/database.ts';

// Widget's customer credentials: the authCode a binding hands back, and the access and refresh
// tokens Apply Token makes of it. All live in the ledger database, so they survive a restart, and
// end on the simulator clock. DANA documents none of the lifetimes (issue-17 facts section 9): these
// are simulator choices, recorded in contracts/README.md.

export const AUTH_CODES = 'widgetAuthCodes';
export const ACCESS_TOKENS = 'widgetAccessTokens';
export const REFRESH_TOKENS = 'widgetRefreshTokens';
export const WIDGET_TOKEN_TABLES = [AUTH_CODES, ACCESS_TOKENS, REFRESH_TOKENS] as const;

const AUTH_CODE_TTL_MS = 10 * 60_000;
const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000;

/** A user's consent to one merchant: what every code and token of the binding carries. */
export interface Binding {
  readonly customerNumber: string;
  /** The merchant the binding page was opened for, the only one its codes and tokens work for. */
  readonly partnerId: string;
  readonly scopes: readonly string[];
}

interface Credential extends Binding {
  /** The code or token itself, also the record's key (unbinding walks the table). */
  readonly token: string;
  readonly expiresAt: number;
  /** Set when the code was applied, or the binding ended (Account Unbinding). */
  readonly endedAt?: number;
}

/** The bound user a valid customer token names. */
export interface BoundCustomer extends Binding {
  readonly accessToken: string;
}

/** Opaque and URL-safe: an authCode travels in a query string, and dana-node v2 rejects `&` and `=` in it. */
const newSecret = () => randomBytes(24).toString('base64url');

export function issueAuthCode(tx: Transaction, binding: Binding, now: number): string {
  const code = newSecret();
  tx.put(AUTH_CODES, code, { ...binding, token: code, expiresAt: now + AUTH_CODE_TTL_MS } satisfies Credential);
  return code;
}

/** Why an authCode cannot be applied, in DANA's words after "Unauthorized.". */
export type AuthCodeProblem = 'Invalid Auth Code' | 'Auth Code Used' | 'Auth Code Expired';

/** Spends an authCode: it answers once, and only to the merchant the binding page was opened for. */
export function redeemAuthCode(tx: Transaction, code: string, partnerId: string, now: number): Binding | AuthCodeProblem {
  const found = tx.get<Credential>(AUTH_CODES, code);
  if (!found || found.partnerId !== partnerId) return 'Invalid Auth Code';
  if (found.endedAt !== undefined) return 'Auth Code Used';
  if (now >= found.expiresAt) return 'Auth Code Expired';
  tx.put(AUTH_CODES, code, { ...found, endedAt: now });
  return { customerNumber: found.customerNumber, partnerId: found.partnerId, scopes: found.scopes };
}

/** A live refresh token of the calling merchant, or undefined (unknown, expired, unbound, or another's). */
export function refreshBinding(tx: Transaction, refreshToken: string, partnerId: string, now: number): Binding | undefined {
  const found = tx.get<Credential>(REFRESH_TOKENS, refreshToken);
  if (!found || found.endedAt !== undefined || now >= found.expiresAt || found.partnerId !== partnerId) return undefined;
  return { customerNumber: found.customerNumber, partnerId: found.partnerId, scopes: found.scopes };
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly accessTokenExpiryTime: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiryTime: string;
}

/**
 * A new access token for the binding. The refresh token is kept when one is given (a REFRESH_TOKEN
 * grant does not rotate it: DANA is silent, and keeping it spares a merchant a lost-reply race).
 */
export function issueTokens(tx: Transaction, binding: Binding, now: number, refreshToken?: string): IssuedTokens {
  const accessToken = newSecret();
  const accessExpiry = now + ACCESS_TOKEN_TTL_MS;
  let refresh = refreshToken;
  let refreshExpiry: number;
  if (refresh) {
    refreshExpiry = tx.get<Credential>(REFRESH_TOKENS, refresh)!.expiresAt;
  } else {
    refresh = newSecret();
    refreshExpiry = now + REFRESH_TOKEN_TTL_MS;
    tx.put(REFRESH_TOKENS, refresh, { ...binding, token: refresh, expiresAt: refreshExpiry } satisfies Credential);
  }
  tx.put(ACCESS_TOKENS, accessToken, { ...binding, token: accessToken, expiresAt: accessExpiry } satisfies Credential);
  return {
    accessToken,
    accessTokenExpiryTime: jakartaTimestamp(accessExpiry),
    refreshToken: refresh,
    refreshTokenExpiryTime: jakartaTimestamp(refreshExpiry),
  };
}

/** Ends every code and token of the user's binding with the merchant; how many were live. */
export function endBinding(tx: Transaction, partnerId: string, customerNumber: string, now: number): number {
  let ended = 0;
  for (const table of [ACCESS_TOKENS, REFRESH_TOKENS]) {
    for (const credential of tx.values<Credential>(table)) {
      if (credential.partnerId !== partnerId || credential.customerNumber !== customerNumber || credential.endedAt !== undefined) continue;
      tx.put(table, credential.token, { ...credential, endedAt: now });
      ended += 1;
    }
  }
  return ended;
}

/** A stable public id for a DANA user (dana-python: publicUserId, up to 64). */
export function publicUserId(seed: string, customerNumber: string): string {
  const digest = createHash('sha256').update(`${seed}:user:${customerNumber}`).digest('hex');
  return `2188${BigInt(`0x${digest.slice(0, 15)}`)
    .toString()
    .padStart(18, '0')
    .slice(0, 12)}`;
}

/**
 * The user a Widget customer call is made for: the token in `Authorization-Customer` (or an Open API
 * head's accessToken), else the one in the body's `additionalInfo.accessToken`, which dana-node also
 * sends. It must be an access token issued to the calling merchant and not ended by unbinding
 * (otherwise INVALID_CUSTOMER_TOKEN, 401xx02), and not past its expiry (CUSTOMER_TOKEN_EXPIRED,
 * 401xx01 Token Expired). Widget endpoints call this first thing in their handler.
 */
export function customerOf(context: HandlerContext, bodyToken?: string): Result<BoundCustomer> {
  const accessToken = context.customerToken ?? (bodyToken ? bodyToken.replace(/^Bearer\s+/i, '') : undefined);
  if (!accessToken) return fail('INVALID_CUSTOMER_TOKEN');
  const found = context.tx.get<Credential>(ACCESS_TOKENS, accessToken);
  if (!found || found.endedAt !== undefined || found.partnerId !== context.client.partnerId) return fail('INVALID_CUSTOMER_TOKEN');
  if (context.now >= found.expiresAt) return fail('CUSTOMER_TOKEN_EXPIRED');
  return ok({ accessToken, customerNumber: found.customerNumber, partnerId: found.partnerId, scopes: found.scopes });
}

/** The customerNumber a live customer token of the request names, for the rules that match on it (core/route.ts). */
export function customerNumberOf(context: HandlerContext, bodyToken?: string): string | undefined {
  const customer = customerOf(context, bodyToken);
  return customer.ok ? customer.value.customerNumber : undefined;
}
