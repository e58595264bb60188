import type { KeyObject } from 'node:crypto';
import { verifyDanaNotification, type ReceivedNotification } from './signature/notification.ts';

// `dana-sim/verify`: for a merchant's notification receiver, checks that a notification (Transfer to
// Bank Notify, Finish Notify) is signed by the simulator's DANA key (DANA_PUBLIC_KEY in the credentials
// file), as DANA's real notifications are checked against DANA's public key.

export { verifyDanaNotification, type ReceivedNotification };

// The aggregator's webhooks (WooshPay's `Wooshpay-Signature`, HMAC-SHA256 with the endpoint's `whsec_…`).
export { verifyWooshpaySignature, type WooshpayVerification, type WooshpayVerifyOptions } from './signature/wooshpay.ts';

/** The same check for a fetch `Request` (Next.js route handlers, Hono, msw); reads a clone, so the body stays readable. */
export async function verifyDanaNotificationRequest(request: Request, danaPublicKey: string | KeyObject): Promise<boolean> {
  const url = new URL(request.url);
  const body = await request.clone().text();
  return verifyDanaNotification(
    { method: request.method, path: url.pathname, headers: Object.fromEntries(request.headers), body },
    danaPublicKey,
  );
}
