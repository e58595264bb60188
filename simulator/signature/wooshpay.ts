import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_TOLERANCE_S } from '../../contracts/aggregator/events.ts';

// WooshPay's webhook signature (doc-2653815): `Wooshpay-Signature: t=<unix seconds>,v1=<hex>`, where
// the hex is HMAC-SHA256 keyed with the whole `whsec_…` secret over `<t>.<raw body>`. Signing (the
// aggregator's deliveries) and checking (`dana-sim/verify`, for merchants' receivers) share this code.

export function wooshpaySignature(secret: string, body: string | Uint8Array, atSeconds: number): string {
  return createHmac('sha256', secret).update(`${atSeconds}.`).update(body).digest('hex');
}

export type WooshpayVerification = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: string };

export interface WooshpayVerifyOptions {
  /** Largest distance between the signature's time and now, in seconds; 300 by default. */
  readonly toleranceS?: number;
  /** The current time in milliseconds (as `Date.now()`); defaults to `Date.now()`. */
  readonly now?: number;
}

/** Checks a received webhook: any `v1` in the header may match (secrets roll), compared in constant time. */
export function verifyWooshpaySignature(
  rawBody: string | Uint8Array,
  header: string,
  secret: string,
  options: WooshpayVerifyOptions = {},
): WooshpayVerification {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const cut = part.indexOf('=');
    if (cut < 0) continue;
    const name = part.slice(0, cut).trim();
    const value = part.slice(cut + 1).trim();
    if (name === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    if (name === 'v1') signatures.push(value);
  }
  if (timestamp === undefined) return { ok: false, reason: 'the header has no timestamp (t=)' };
  if (signatures.length === 0) return { ok: false, reason: 'the header has no v1 signature' };
  const expected = Buffer.from(wooshpaySignature(secret, rawBody, timestamp), 'utf8');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'no v1 signature matches the body and secret' };
  const nowS = Math.floor((options.now ?? Date.now()) / 1000);
  const toleranceS = options.toleranceS ?? SIGNATURE_TOLERANCE_S;
  if (nowS - timestamp > toleranceS) return { ok: false, reason: `the timestamp is more than ${toleranceS} s old` };
  if (timestamp - nowS > toleranceS) return { ok: false, reason: `the timestamp is more than ${toleranceS} s in the future` };
  return { ok: true, timestamp };
}
