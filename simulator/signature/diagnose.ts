import type { KeyObject } from 'node:crypto';
import { wibTime } from '../clock/clock.ts';
import { stripInsignificantWhitespace } from './body-forms.ts';
import { bodyCandidates, pathCandidates, timestampCandidates, type Candidate } from './diagnose-candidates.ts';
import { keyFingerprint } from './keys.ts';
import { rawMemberText } from './open-api.ts';
import { asymmetricStringToSign, decodeSignature, hmacMatches, rsaVerify, sha256Hex, symmetricStringToSign } from './snap.ts';

// Why a signature failed, worked out only after it has (so cost does not matter): the string dana-sim
// built from the bytes it received, the key it checked against, and the most likely mistake, found by
// re-verifying the signature over changed candidates (another path spelling, body serialisation,
// timestamp, another partner's key). DANA's reply stays `Unauthorized. Invalid Signature`; this is
// shown only with X-Debug-Mode, in the request log and on the `start --verbose` console.

export type Scheme = 'SNAP RSA' | 'SNAP HMAC' | 'B2B token request' | 'Open API RSA';

export type MistakeKind =
  | 'not-base64'
  | 'signature-length'
  | 'hmac-vs-rsa'
  | 'path'
  | 'body-form'
  | 'timestamp'
  | 'other-partner-key'
  | 'token-other-client'
  | 'token-expired'
  | 'token-unknown'
  | 'none-found';

export interface Diagnosis {
  readonly scheme: Scheme;
  /** Built from the received bytes (body minified as every SDK signs it). */
  readonly stringToSign: string;
  readonly method?: string;
  readonly path?: string;
  readonly bodySha256?: string;
  readonly timestamp?: string;
  /** The partner whose credential was tried and which: `RSA key <fingerprint>` or `client secret (HMAC)`. */
  readonly verifiedWith: { readonly partnerId: string; readonly key: string };
  readonly mistake: { readonly kind: MistakeKind; readonly detail: string };
}

/** A partner as far as verification goes. */
export interface SigningParty {
  readonly partnerId: string;
  readonly publicKey: KeyObject;
  readonly clientSecret: string;
}

export interface SnapDiagnosisInput {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly host?: string;
  readonly client: SigningParty;
  /** Set when an Authorization bearer selected the symmetric (HMAC) scheme. */
  readonly accessToken?: string;
  /** The endpoint's other paths (`.htm` and `/rest/…`). */
  readonly otherPaths: readonly string[];
  /** Every partner dana-sim knows, for "signed with another partner's key". */
  readonly parties: readonly SigningParty[];
}

/** The bearer token stands in the shown string by its last characters only: it is a credential. */
const shownToken = (token: string) => `<access token …${token.slice(-6)}>`;

/** An Open API head carries the client secret inside the signed text: shown, it is masked like a token. */
const shownOpenApiText = (text: string) => text.replace(/("clientSecret"\s*:\s*")((?:[^"\\]|\\.)*)"/g, '$1<client secret>"');

const rsaKeyName = (key: KeyObject) => `RSA key ${keyFingerprint(key)}`;
const HMAC_KEY = 'client secret (HMAC)';
/** HMAC-SHA512 is 64 bytes; RSA signatures are the modulus size (256 bytes for 2048 bits). */
const HMAC_BYTES = 64;

type Check = (text: string) => boolean;

function firstMatch(candidates: readonly Candidate[], build: (value: string) => string, check: Check): Candidate | undefined {
  return candidates.find((candidate) => check(build(candidate.value)));
}

/**
 * Runs a diagnosis, or gives none: it only explains a refusal already decided, so a diagnosis that
 * fails (a body nested too deep to re-serialise) must never turn a 401 into a 500.
 */
export function tryDiagnosis(diagnose: () => Diagnosis): { diagnosis?: Diagnosis } {
  try {
    return { diagnosis: diagnose() };
  } catch {
    return {};
  }
}

function signatureShape(scheme: Scheme, signature: string, expectHmac: boolean, rsaKey: KeyObject): Diagnosis['mistake'] | undefined {
  const bytes = decodeSignature(signature);
  if (!bytes)
    return {
      kind: 'not-base64',
      detail: `X-SIGNATURE is not canonical base64 (${signature.length} characters${/\s/.test(signature) ? ', contains whitespace' : ''}); send the signature bytes base64-encoded, unchanged.`,
    };
  const rsaBytes = (rsaKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  if (expectHmac && bytes.length === rsaBytes)
    return {
      kind: 'hmac-vs-rsa',
      detail: `X-SIGNATURE is ${bytes.length} bytes, the size of an RSA signature, but an Authorization bearer selects the symmetric scheme (HMAC-SHA512, 64 bytes, keyed with the client secret). Drop Authorization for an RSA call, or sign with HMAC.`,
    };
  if (!expectHmac && bytes.length === HMAC_BYTES)
    return {
      kind: 'hmac-vs-rsa',
      detail: `X-SIGNATURE is 64 bytes, the size of an HMAC-SHA512, but ${scheme} expects SHA256withRSA with the private key (256 bytes for RSA-2048). An HMAC signature needs an Authorization: Bearer <B2B token> header.`,
    };
  // A signature of the wrong size cannot verify over any candidate: say so without searching.
  const expected = expectHmac ? HMAC_BYTES : rsaBytes;
  if (bytes.length !== expected)
    return {
      kind: 'signature-length',
      detail: `X-SIGNATURE decodes to ${bytes.length} bytes, but ${expectHmac ? 'an HMAC-SHA512 is 64' : `an RSA signature with partner's ${rsaBytes * 8}-bit key is ${rsaBytes}`}: it is truncated, or not a signature.`,
    };
  return undefined;
}

export function diagnoseSnap(input: SnapDiagnosisInput): Diagnosis {
  const hmac = input.accessToken !== undefined;
  const body = stripInsignificantWhitespace(input.body);
  const build = (method: string, path: string, text: string, timestamp: string) =>
    hmac ? symmetricStringToSign(method, path, input.accessToken!, text, timestamp) : asymmetricStringToSign(method, path, text, timestamp);
  const given = decodeSignature(input.signature);
  const checkWith = (party: SigningParty): Check =>
    hmac
      ? (text) => given !== undefined && hmacMatches(text, given, party.clientSecret)
      : (text) => rsaVerify(text, input.signature, party.publicKey);
  const check = checkWith(input.client);
  const base = {
    scheme: (hmac ? 'SNAP HMAC' : 'SNAP RSA') as Scheme,
    stringToSign: hmac
      ? symmetricStringToSign(input.method, input.path, shownToken(input.accessToken!), body, input.timestamp)
      : build(input.method, input.path, body, input.timestamp),
    method: input.method.toUpperCase(),
    path: input.path,
    bodySha256: sha256Hex(body),
    timestamp: input.timestamp,
    verifiedWith: { partnerId: input.client.partnerId, key: hmac ? HMAC_KEY : rsaKeyName(input.client.publicKey) },
  };
  const mistake =
    signatureShape(base.scheme, input.signature, hmac, input.client.publicKey) ??
    pathMistake() ??
    bodyMistake() ??
    otherPartner(input.client.partnerId, input.parties, hmac, (party) =>
      checkWith(party)(build(input.method, input.path, body, input.timestamp)),
    ) ??
    timestampMistake() ??
    noneFound(input.client.partnerId, base.verifiedWith.key, 'path spelling, body serialisation or timestamp form');
  return { ...base, mistake };

  function pathMistake(): Diagnosis['mistake'] | undefined {
    const hit = firstMatch(
      pathCandidates(input.path, input.otherPaths, input.host),
      (p) => build(input.method, p, body, input.timestamp),
      check,
    );
    return (
      hit && {
        kind: 'path',
        detail: `the signature was made over ${hit.label}, but the request was sent to ${input.path}: sign the path you call.`,
      }
    );
  }
  function bodyMistake(): Diagnosis['mistake'] | undefined {
    const hit = firstMatch(bodyCandidates(input.body), (b) => build(input.method, input.path, b, input.timestamp), check);
    return (
      hit && {
        kind: 'body-form',
        detail: `the signature was made over ${hit.label} (SHA-256 ${sha256Hex(hit.value)}), but the body received hashes to ${base.bodySha256} once minified: hash exactly the body you send, minified.`,
      }
    );
  }
  function timestampMistake(): Diagnosis['mistake'] | undefined {
    const hit = firstMatch(timestampCandidates(input.timestamp), (t) => build(input.method, input.path, body, t), check);
    return (
      hit && {
        kind: 'timestamp',
        detail: `the signature was made with ${hit.label}, but X-TIMESTAMP is ${input.timestamp}: sign the exact X-TIMESTAMP value you send.`,
      }
    );
  }
}

function otherPartner(
  partnerId: string,
  parties: readonly SigningParty[],
  hmac: boolean,
  matches: (party: SigningParty) => boolean,
): Diagnosis['mistake'] | undefined {
  const hit = parties.find((party) => party.partnerId !== partnerId && matches(party));
  if (!hit) return undefined;
  const which = hmac
    ? `client secret of partner ${hit.partnerId}`
    : `private key of partner ${hit.partnerId} (${rsaKeyName(hit.publicKey)})`;
  return {
    kind: 'other-partner-key',
    detail: `the signature was made with the ${which}, but the request names partner ${partnerId}: sign with ${partnerId}'s own credentials, or send ${hit.partnerId} as the partner id.`,
  };
}

function noneFound(partnerId: string, key: string, tried: string): Diagnosis['mistake'] {
  return {
    kind: 'none-found',
    detail: `not made with partner ${partnerId}'s ${key} over this string, nor over another ${tried}, nor with another known partner's credentials. ${
      key.startsWith('client secret')
        ? `Check that you sign with ${partnerId}'s CLIENT_SECRET (HMAC-SHA512 over the string above).`
        : `Check that the private key you sign with belongs to the public key registered for ${partnerId}.`
    }`,
  };
}

export interface TokenFacts {
  /** False when the token is not a B2B token this simulator issued. */
  readonly ours: boolean;
  readonly subject?: string;
  readonly expiresAtMs?: number;
}

/** Why a bearer token was refused: issued to another client, expired on the simulator clock, or not ours. */
export function diagnoseToken(
  input: Omit<SnapDiagnosisInput, 'accessToken' | 'parties'> & { accessToken: string },
  facts: TokenFacts,
  nowMs: number,
): Diagnosis {
  const body = stripInsignificantWhitespace(input.body);
  const mistake: Diagnosis['mistake'] = !facts.ours
    ? {
        kind: 'token-unknown',
        detail:
          'the Authorization bearer is not a B2B access token dana-sim issued (or was issued before a reset): request a new token from this simulator.',
      }
    : facts.subject !== input.client.partnerId
      ? {
          kind: 'token-other-client',
          detail: `the access token was issued to client ${facts.subject ?? '(none)'}, but X-PARTNER-ID is ${input.client.partnerId}: use the token issued to ${input.client.partnerId}.`,
        }
      : {
          kind: 'token-expired',
          detail: `the access token expired at ${facts.expiresAtMs === undefined ? 'an unknown time' : wibTime(facts.expiresAtMs)} on the simulator clock (now ${wibTime(nowMs)}): request a new token.`,
        };
  return {
    scheme: 'SNAP HMAC',
    stringToSign: symmetricStringToSign(input.method, input.path, shownToken(input.accessToken), body, input.timestamp),
    method: input.method.toUpperCase(),
    path: input.path,
    bodySha256: sha256Hex(body),
    timestamp: input.timestamp,
    verifiedWith: { partnerId: input.client.partnerId, key: HMAC_KEY },
    mistake,
  };
}

/** The B2B token request: RSA over `<X-CLIENT-KEY>|<X-TIMESTAMP>`. */
export function diagnoseTokenRequest(input: {
  clientId: string;
  timestamp: string;
  signature: string;
  client: SigningParty;
  parties: readonly SigningParty[];
}): Diagnosis {
  const build = (timestamp: string) => `${input.clientId}|${timestamp}`;
  const check: Check = (text) => rsaVerify(text, input.signature, input.client.publicKey);
  const base = {
    scheme: 'B2B token request' as Scheme,
    stringToSign: build(input.timestamp),
    timestamp: input.timestamp,
    verifiedWith: { partnerId: input.client.partnerId, key: rsaKeyName(input.client.publicKey) },
  };
  const timestamp = firstMatch(timestampCandidates(input.timestamp), build, check);
  const mistake =
    signatureShape(base.scheme, input.signature, false, input.client.publicKey) ??
    (timestamp && {
      kind: 'timestamp' as const,
      detail: `the signature was made with ${timestamp.label}, but X-TIMESTAMP is ${input.timestamp}: sign the exact X-TIMESTAMP value you send.`,
    }) ??
    otherPartner(input.client.partnerId, input.parties, false, (party) => rsaVerify(base.stringToSign, input.signature, party.publicKey)) ??
    noneFound(input.client.partnerId, base.verifiedWith.key, 'timestamp form');
  return { ...base, mistake };
}

/** Open API: RSA over the `request` member's text as sent. */
export function diagnoseOpenApi(input: {
  raw: string;
  request: unknown;
  signature: string;
  client: SigningParty;
  parties: readonly SigningParty[];
}): Diagnosis {
  const text = rawMemberText(input.raw, 'request') ?? JSON.stringify(input.request);
  const check: Check = (candidate) => rsaVerify(candidate, input.signature, input.client.publicKey);
  const base = {
    scheme: 'Open API RSA' as Scheme,
    stringToSign: shownOpenApiText(text),
    bodySha256: sha256Hex(text),
    verifiedWith: { partnerId: input.client.partnerId, key: rsaKeyName(input.client.publicKey) },
  };
  const member = (input.request as { body?: unknown } | undefined)?.body;
  const memberCandidates: Candidate[] =
    member === undefined ? [] : [{ value: JSON.stringify(member), label: 'only request.body instead of the whole request member' }];
  const form = firstMatch([...bodyCandidates(text), ...memberCandidates], (value) => value, check);
  const mistake =
    signatureShape(base.scheme, input.signature, false, input.client.publicKey) ??
    (form && {
      kind: 'body-form' as const,
      detail: `the signature was made over ${form.label.replace(/^the body/, 'the request member')}, not over the request text as sent: sign exactly the JSON text of "request" that you send.`,
    }) ??
    otherPartner(input.client.partnerId, input.parties, false, (party) => rsaVerify(text, input.signature, party.publicKey)) ??
    noneFound(input.client.partnerId, base.verifiedWith.key, 'serialisation of the request member');
  return { ...base, mistake };
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

/** One readable paragraph: what `additionalInfo.debugMessage` carries and the log's reason. */
export function describeDiagnosis(diagnosis: Diagnosis): string {
  return (
    `Invalid signature (${diagnosis.scheme}). dana-sim built the string to sign from the request it received: "${clip(diagnosis.stringToSign)}" ` +
    `and verified X-SIGNATURE against partner ${diagnosis.verifiedWith.partnerId}'s ${diagnosis.verifiedWith.key}. ` +
    `Likely mistake: ${diagnosis.mistake.detail}`
  );
}
