import { createHash, createHmac, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { anyBodyForm, stripInsignificantWhitespace } from './body-forms.ts';
import { toPrivateKey, toPublicKey } from './keys.ts';

// SNAP signatures (auth.md sections 2-4 and 8). The one place that builds or checks them; the server,
// the notification sender, the scenario runner and the tests all call these functions.

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `<METHOD>:<relative path>:<lowercase hex SHA-256 of the minified body>:<X-TIMESTAMP>` */
export function asymmetricStringToSign(method: string, path: string, body: string, timestamp: string): string {
  return `${method.toUpperCase()}:${path}:${sha256Hex(body)}:${timestamp}`;
}

/** `<METHOD>:<relative path>:<access token>:<body hash>:<X-TIMESTAMP>` (BI SNAP symmetric). */
export function symmetricStringToSign(method: string, path: string, accessToken: string, body: string, timestamp: string): string {
  return `${method.toUpperCase()}:${path}:${accessToken}:${sha256Hex(body)}:${timestamp}`;
}

export function rsaSign(text: string, privateKey: string | KeyObject): string {
  return sign('sha256', Buffer.from(text), toPrivateKey(privateKey)).toString('base64');
}

/**
 * Decodes a signature only when it is canonical base64 (padding optional). Node's decoder stops at
 * the first `=` and ignores unused bits, so `<signature>==<anything>` would otherwise still verify.
 */
export function decodeSignature(signature: string): Buffer | undefined {
  const bytes = Buffer.from(signature, 'base64');
  const unpadded = (text: string) => text.replace(/=+$/, '');
  return unpadded(bytes.toString('base64')) === unpadded(signature) ? bytes : undefined;
}

export function rsaVerify(text: string, signature: string, publicKey: string | KeyObject): boolean {
  const bytes = decodeSignature(signature);
  if (!bytes) return false;
  try {
    return verify('sha256', Buffer.from(text), toPublicKey(publicKey), bytes);
  } catch {
    return false;
  }
}

export interface SnapSignInput {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly timestamp: string;
}

/** Signs the minified body, as every official SDK does. */
export function signAsymmetric(input: SnapSignInput, privateKey: string | KeyObject): string {
  const body = stripInsignificantWhitespace(input.body);
  return rsaSign(asymmetricStringToSign(input.method, input.path, body, input.timestamp), privateKey);
}

export function verifyAsymmetric(input: SnapSignInput, signature: string, publicKey: string | KeyObject): boolean {
  const key = toPublicKey(publicKey);
  return anyBodyForm(input.body, (body) =>
    rsaVerify(asymmetricStringToSign(input.method, input.path, body, input.timestamp), signature, key),
  );
}

export function signSymmetric(input: SnapSignInput, accessToken: string, clientSecret: string): string {
  const body = stripInsignificantWhitespace(input.body);
  const text = symmetricStringToSign(input.method, input.path, accessToken, body, input.timestamp);
  return createHmac('sha512', clientSecret).update(text).digest('base64');
}

export function verifySymmetric(input: SnapSignInput, accessToken: string, signature: string, clientSecret: string): boolean {
  const given = decodeSignature(signature);
  if (!given) return false;
  return anyBodyForm(input.body, (body) =>
    hmacMatches(symmetricStringToSign(input.method, input.path, accessToken, body, input.timestamp), given, clientSecret),
  );
}

/** Whether `given` is the HMAC-SHA512 of `text` under `clientSecret` (constant time). */
export function hmacMatches(text: string, given: Buffer, clientSecret: string): boolean {
  const expected = createHmac('sha512', clientSecret).update(text).digest();
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** B2B access-token request: RSA over `<clientId>|<X-TIMESTAMP>` (auth.md section 4). */
export function signTokenRequest(clientId: string, timestamp: string, privateKey: string | KeyObject): string {
  return rsaSign(`${clientId}|${timestamp}`, privateKey);
}

export function verifyTokenRequest(clientId: string, timestamp: string, signature: string, publicKey: string | KeyObject): boolean {
  return rsaVerify(`${clientId}|${timestamp}`, signature, publicKey);
}
