import { createHash, createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

// Key handling shared by verification and signing. DANA documents PKCS#8 PEM, but every official SDK
// also accepts PKCS#1 and bare base64 (with literal "\n" escapes from dotenv files), so the simulator
// accepts the same inputs a merchant already has.

export interface RsaKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const generateKeyPairOnPool = promisify(generateKeyPair);

/**
 * generateRsaKeyPair() on libuv's thread pool: a 2048-bit key takes 50 to 300 ms of CPU (the prime
 * search is random), so a first start that needs three generates them at once instead of in turn.
 */
export async function generateRsaKeyPairOffThread(): Promise<RsaKeyPair> {
  const { privateKey, publicKey } = await generateKeyPairOnPool('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function unescape(text: string): string {
  return text.replace(/\\n/g, '\n').trim();
}

function bareBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

/** Bare base64 DER in the first encoding that parses: PKCS#8/SPKI, then PKCS#1. */
function fromDer(text: string, kind: 'private' | 'public'): KeyObject {
  const der = bareBase64(text);
  if (!der) throw new Error(`${kind} key is neither PEM nor base64 DER`);
  const create = (type: 'pkcs8' | 'spki' | 'pkcs1') =>
    kind === 'private'
      ? createPrivateKey({ key: der, format: 'der', type: type as 'pkcs8' | 'pkcs1' })
      : createPublicKey({ key: der, format: 'der', type: type as 'spki' | 'pkcs1' });
  try {
    return create(kind === 'private' ? 'pkcs8' : 'spki');
  } catch {
    return create('pkcs1');
  }
}

export function toPrivateKey(input: string | KeyObject): KeyObject {
  if (input instanceof KeyObject) return input;
  const text = unescape(input);
  return text.includes('-----BEGIN') ? createPrivateKey(text) : fromDer(text, 'private');
}

/** Accepts SPKI or PKCS#1 public keys, X.509 certificates, or a private key to derive from. */
export function toPublicKey(input: string | KeyObject): KeyObject {
  if (input instanceof KeyObject) return input.type === 'private' ? createPublicKey(input) : input;
  const text = unescape(input);
  // createPublicKey reads a PEM certificate's key itself.
  return text.includes('-----BEGIN') ? createPublicKey(text) : fromDer(text, 'public');
}

export function publicKeyPem(key: KeyObject): string {
  return toPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** A short name for a public key people can compare: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyFingerprint(key: string | KeyObject): string {
  const der = toPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}
