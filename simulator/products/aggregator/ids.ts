import { createHmac } from 'node:crypto';
import type { Ids } from '../../clock/ids.ts';
import { ID_PREFIXES, type IdKind } from '../../../contracts/aggregator/index.ts';

// Object ids take the runtime's reference numbers (digits, sorted by creation, unique across
// restarts), behind WooshPay's prefixes (`pi_1646356544343769088`). Keys and secrets derive from the
// seed, so one seed gives the same credentials on every start and a test can hard-code them.

export function newId(ids: Ids, kind: IdKind): string {
  return `${ID_PREFIXES[kind]}${ids.referenceNo()}`;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` letters and digits drawn from HMAC-SHA256(seed, label), repeatable for the same pair. */
function derived(seed: string, label: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    for (const byte of createHmac('sha256', seed).update(`${label}:${round}`).digest()) {
      // 248 = 62 * 4: bytes above it are skipped so every character is equally likely.
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `pi_…_secret_<24>`, Stripe's and WooshPay's client secret shape. */
export function clientSecret(seed: string, paymentIntentId: string): string {
  return `${paymentIntentId}_secret_${derived(seed, `client_secret:${paymentIntentId}`, 24)}`;
}

export interface ApiKeys {
  readonly secretKey: string;
  readonly publishableKey: string;
}

/** The test-mode key pair of one account (`sk_test_…`, `pk_test_…`). */
export function apiKeys(seed: string, account: string): ApiKeys {
  return {
    secretKey: `sk_test_${derived(seed, `sk:${account}`, 32)}`,
    publishableKey: `pk_test_${derived(seed, `pk:${account}`, 32)}`,
  };
}

/** A webhook endpoint's signing secret, shown once at creation (`whsec_…`). */
export function webhookSecret(seed: string, endpointId: string): string {
  return `whsec_${derived(seed, `whsec:${endpointId}`, 32)}`;
}
