import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

// An independent check of the signatures dana-sim puts on what it sends, written from our DANA digest
// (../shared/dana-api/auth.md sections 6.2 and 8, webhooks.md section 3) with node:crypto alone. It
// deliberately shares no code with simulator/: a bug in the simulator's signing code must not be able
// to hide behind the same bug in the code that checks it.
//
// Each check returns undefined when the signature holds, or the reason it does not, so a failing
// assertion says what is wrong.

export type PublicKeyInput = string | KeyObject;

function publicKeyOf(key: PublicKeyInput): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key;
}

/** auth.md 2.1: standard alphabet, padded. Anything else is not a DANA signature. */
function signatureBytes(signature: string): Buffer | undefined {
  if (signature.length === 0 || signature.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return undefined;
  const bytes = Buffer.from(signature, 'base64');
  // Reject encodings whose unused bits are set: they decode to the same bytes as another text.
  return bytes.toString('base64') === signature ? bytes : undefined;
}

/** SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256) of the UTF-8 bytes of `text`. */
function rsaSha256Holds(text: string, signature: string, key: PublicKeyInput): string | undefined {
  const bytes = signatureBytes(signature);
  if (!bytes) return `signature is not padded standard base64: ${JSON.stringify(signature.slice(0, 40))}`;
  return verify('sha256', Buffer.from(text, 'utf8'), publicKeyOf(key), bytes)
    ? undefined
    : 'signature does not verify with the DANA public key';
}

// ---------------------------------------------------------------------------------------------
// A small JSON scanner: it finds where each top-level member's value starts and ends in the text, so
// the check runs over the bytes that were sent rather than over a re-serialisation.

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Scanner {
  index = 0;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.index])) this.index++;
  }

  expect(char: string): void {
    if (this.text[this.index] !== char) throw new Error(`expected ${char} at ${this.index}`);
    this.index++;
  }

  /** Consumes a string literal and returns its decoded value. */
  string(): string {
    const start = this.index;
    this.expect('"');
    while (this.index < this.text.length && this.text[this.index] !== '"') {
      if (this.text.charCodeAt(this.index) < 0x20) throw new Error(`control character in a string at ${this.index}`);
      this.index += this.text[this.index] === '\\' ? 2 : 1;
    }
    this.expect('"');
    return JSON.parse(this.text.slice(start, this.index)) as string;
  }

  /** Consumes any value and returns its [start, end) span. */
  value(): [number, number] {
    this.skipWhitespace();
    const start = this.index;
    const char = this.text[this.index];
    if (char === '{') this.container('}', true);
    else if (char === '[') this.container(']', false);
    else if (char === '"') this.string();
    else {
      const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.index));
      if (!match) throw new Error(`unexpected ${JSON.stringify(char)} at ${this.index}`);
      this.index += match[0].length;
    }
    return [start, this.index];
  }

  /** Consumes an object or array; for the top-level object, `onMember` sees each member's span. */
  container(close: string, isObject: boolean, onMember?: (key: string, span: [number, number]) => void): void {
    this.index++;
    this.skipWhitespace();
    if (this.text[this.index] === close) {
      this.index++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.skipWhitespace();
        const key = this.string();
        this.skipWhitespace();
        this.expect(':');
        const span = this.value();
        onMember?.(key, span);
      } else {
        this.value();
      }
      this.skipWhitespace();
      if (this.text[this.index] === ',') {
        this.index++;
        continue;
      }
      this.expect(close);
      return;
    }
  }
}

/** The raw text of each top-level member's value; a repeated key keeps its last value, as JSON.parse does. */
export function topLevelMembers(text: string): Map<string, string> {
  const scanner = new Scanner(text);
  const members = new Map<string, string>();
  scanner.skipWhitespace();
  if (text[scanner.index] !== '{') throw new Error('not a JSON object');
  scanner.container('}', true, (key, [start, end]) => members.set(key, text.slice(start, end)));
  scanner.skipWhitespace();
  if (scanner.index !== text.length) throw new Error(`trailing text at ${scanner.index}`);
  return members;
}

/** The JSON text with every whitespace character outside string literals removed ("minified"). */
export function minifyJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (!WHITESPACE.has(char)) {
      out += char;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scheme E replies (auth.md 6.2): `{"response": {...}, "signature": "<base64>"}`, the signature being
// DANA's SHA256withRSA over the JSON text of `response` exactly as it stands in the reply.

/** Why an Open API reply's signature does not hold, or undefined when it does. */
export function openApiReplySignatureProblem(replyText: string, danaPublicKey: PublicKeyInput): string | undefined {
  let members: Map<string, string>;
  try {
    members = topLevelMembers(replyText);
  } catch (error) {
    return `reply is not a JSON object (${(error as Error).message}): ${replyText.slice(0, 120)}`;
  }
  const response = members.get('response');
  const signature = members.get('signature');
  if (response === undefined || !response.startsWith('{')) return 'reply has no "response" object';
  if (signature === undefined || !signature.startsWith('"')) return 'reply has no "signature" string';
  const extra = [...members.keys()].filter((key) => key !== 'response' && key !== 'signature');
  if (extra.length > 0) return `reply has members besides response and signature: ${extra.join(', ')}`;
  return rsaSha256Holds(response, JSON.parse(signature) as string, danaPublicKey);
}

export function openApiReplyIsSigned(replyText: string, danaPublicKey: PublicKeyInput): boolean {
  return openApiReplySignatureProblem(replyText, danaPublicKey) === undefined;
}

// ---------------------------------------------------------------------------------------------
// Scheme F notifications (auth.md 8, webhooks.md 3): X-SIGNATURE is SHA256withRSA over
// `POST:<path the request arrived on>:<lowercase hex SHA-256 of the minified body>:<X-TIMESTAMP>`.

export interface ReceivedCall {
  readonly method?: string;
  /** The request target as received; a query string is not part of the signed path. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

function headerValue(headers: ReceivedCall['headers'], name: string): string | undefined {
  const found = Object.keys(headers).filter((key) => key.toLowerCase() === name);
  if (found.length !== 1) return undefined;
  const value = headers[found[0]];
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
}

/** webhooks.md section 2: 25 characters, `YYYY-MM-DDTHH:mm:ss+07:00`. */
const DANA_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** Why a notification's (or DANA-to-bank call's) signature does not hold, or undefined when it does. */
export function notificationSignatureProblem(call: ReceivedCall, danaPublicKey: PublicKeyInput): string | undefined {
  const signature = headerValue(call.headers, 'x-signature');
  const timestamp = headerValue(call.headers, 'x-timestamp');
  if (!signature) return 'no single X-SIGNATURE header';
  if (!timestamp) return 'no single X-TIMESTAMP header';
  if (!DANA_TIMESTAMP.test(timestamp)) return `X-TIMESTAMP is not YYYY-MM-DDTHH:mm:ss+07:00: ${timestamp}`;
  const method = (call.method ?? 'POST').toUpperCase();
  if (method !== 'POST') return `sent with ${method}, DANA notifies with POST`;
  const path = call.path.split('?')[0];
  if (!path.startsWith('/')) return `path is not relative: ${path}`;
  try {
    JSON.parse(call.body);
  } catch {
    return `body is not JSON: ${call.body.slice(0, 80)}`;
  }
  const bodyHash = createHash('sha256').update(minifyJson(call.body), 'utf8').digest('hex');
  return rsaSha256Holds(`${method}:${path}:${bodyHash}:${timestamp}`, signature, danaPublicKey);
}

export function notificationIsSigned(call: ReceivedCall, danaPublicKey: PublicKeyInput): boolean {
  return notificationSignatureProblem(call, danaPublicKey) === undefined;
}
