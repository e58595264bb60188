import type { KeyObject } from 'node:crypto';
import { rsaSign, rsaVerify } from './snap.ts';

// Open API envelope signatures (auth.md section 6): SHA256withRSA over the JSON text of `request`
// exactly as the client serialised it, so the verifier works on the raw bytes it received rather
// than on a re-serialisation (Python signs `", "`-separated text, PHP escapes `/`).

/**
 * Returns the raw text of a top-level member's value, or undefined when absent or not an object.
 * A repeated member yields its last occurrence, the one JSON.parse keeps: the text verified must be
 * the request that is acted on.
 */
export function rawMemberText(raw: string, member: string): string | undefined {
  let i = raw.indexOf('{');
  if (i < 0) return undefined;
  i++;
  let expecting: 'key' | 'colon' | 'value' = 'key';
  let key: string | undefined;
  let found: string | undefined;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '"') {
      const end = endOfString(raw, i);
      if (expecting === 'key') {
        try {
          key = JSON.parse(raw.slice(i, end + 1)) as string;
        } catch {
          return undefined;
        }
        expecting = 'colon';
      }
      i = end + 1;
    } else if (ch === ':' && expecting === 'colon') {
      expecting = 'value';
      if (key === member) found = undefined;
      i++;
    } else if ((ch === '{' || ch === '[') && expecting === 'value') {
      const end = endOfValue(raw, i);
      if (end === undefined) return undefined;
      if (key === member && ch === '{') found = raw.slice(i, end + 1);
      i = end + 1;
    } else if (ch === ',') {
      expecting = 'key';
      i++;
    } else if (ch === '}') {
      return found;
    } else {
      i++;
    }
  }
  return undefined;
}

function endOfString(raw: string, start: number): number {
  let i = start + 1;
  while (i < raw.length) {
    if (raw[i] === '\\') i += 2;
    else if (raw[i] === '"') return i;
    else i++;
  }
  return raw.length - 1;
}

function endOfValue(raw: string, start: number): number | undefined {
  let depth = 0;
  let i = start;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '"') {
      i = endOfString(raw, i) + 1;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return undefined;
}

/** Verifies the envelope signature against the raw `request` text, then against its compact form. */
export function verifyOpenApiEnvelope(raw: string, parsedRequest: unknown, signature: string, publicKey: string | KeyObject): boolean {
  const candidates = new Set<string>();
  const text = rawMemberText(raw, 'request');
  if (text !== undefined) candidates.add(text);
  candidates.add(JSON.stringify(parsedRequest));
  for (const candidate of candidates) {
    if (rsaVerify(candidate, signature, publicKey)) return true;
  }
  return false;
}

/** Serialises `{member: payload, signature}` so the signed text is exactly the text that is sent. */
export function signedEnvelopeText(member: 'request' | 'response', payload: unknown, privateKey: string | KeyObject): string {
  const text = JSON.stringify(payload);
  return `{"${member}":${text},"signature":${JSON.stringify(rsaSign(text, privateKey))}}`;
}
