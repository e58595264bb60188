import { wooshpaySignature } from '../../signature/wooshpay.ts';

/** The `Wooshpay-Signature` header value for a delivery made at `atSeconds` (unix seconds). */
export function signatureHeader(secret: string, body: string | Uint8Array, atSeconds: number): string {
  return `t=${atSeconds},v1=${wooshpaySignature(secret, body, atSeconds)}`;
}
