import { fail, type Failure } from './render.ts';

// Who is calling: WooshPay authenticates with HTTP Basic, the secret key as the user name and an
// empty password (API Introduction, doc-1763752). Stripe also takes `Authorization: Bearer <key>`,
// and Stripe-based client libraries send that, so both are accepted (contracts/aggregator/README.md).

export interface AccountKeys {
  readonly account: string;
  readonly secretKey: string;
  readonly publishableKey: string;
}

export type Authenticated = { readonly ok: true; readonly account: string } | { readonly ok: false; readonly failure: Failure };

export function authenticate(authorization: string | undefined, keys: readonly AccountKeys[]): Authenticated {
  const key = presentedKey(authorization);
  if (!key) return { ok: false, failure: fail('api_key_missing') };
  const bySecret = keys.find((entry) => entry.secretKey === key);
  if (bySecret) return { ok: true, account: bySecret.account };
  // A known publishable key is a real credential used in the wrong place: 403, as Stripe answers.
  if (keys.some((entry) => entry.publishableKey === key)) return { ok: false, failure: fail('api_key_publishable') };
  return { ok: false, failure: fail('api_key_invalid', { maskedKey: maskKey(key) }) };
}

/** The key from a Basic (user part, password ignored) or Bearer header; undefined when none is given. */
function presentedKey(authorization: string | undefined): string | undefined {
  const match = /^(\w+)\s+(.+)$/.exec((authorization ?? '').trim());
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const credential = match[2]!.trim();
  if (scheme === 'bearer') return credential;
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const user = decoded.split(':')[0]!;
  return user === '' ? undefined : user;
}

/** `sk_test_****abcd`: the key's kind stays readable, all but its last four characters are hidden. */
export function maskKey(key: string): string {
  const prefix = /^[a-z]+_(?:test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}****${key.slice(-4)}`;
}
