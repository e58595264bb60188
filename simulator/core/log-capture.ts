import type { LogEntry } from './request-log.ts';
import { isSecretKey, redact, REDACTED } from './redact.ts';

// What the request log keeps of a request and its reply: headers and bodies with secrets replaced
// (redact.ts, the same list UAT reports use) and capped in size, and the references a user searches
// the log by. Only the log reads these; the reply itself is never touched.

/** Bodies longer than this (as JSON text) are kept cut, so 2,000 entries stay a few megabytes at most. */
export const BODY_LIMIT_CHARS = 16_384;

/** Fields, at any depth, that name a transaction: what `dana-sim log --reference` matches. */
const REFERENCE_FIELDS: readonly string[] = [
  'partnerReferenceNo',
  'referenceNo',
  'originalPartnerReferenceNo',
  'originalReferenceNo',
  'originalExternalId',
  'originalCaptureNo',
  'virtualAccountNo',
  'virtual_account',
  'trxId',
  'trx_id',
  'paymentRequestId',
  'merchantTransId',
  'acquirementId',
];
const referenceFields = new Set(REFERENCE_FIELDS);

/** Deep enough for Open API envelopes (`request.body.…`) and SNAP `additionalInfo`; nothing goes deeper. */
const REFERENCE_DEPTH = 5;

export function capturedHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) kept[name] = isSecretKey(name) ? REDACTED : value;
  }
  return kept;
}

export interface CapturedBody {
  /** What the log shows: the redacted body, or its JSON text cut to BODY_LIMIT_CHARS with a note. */
  readonly shown: unknown;
  /** The whole redacted body, to find references in even when the shown one is cut. */
  readonly value: unknown;
}

/** The body as JSON when it parses, else as text; redacted, and cut to BODY_LIMIT_CHARS with a note. */
export function capturedBody(text: string): CapturedBody {
  if (text === '') return { shown: undefined, value: undefined };
  let value: unknown;
  try {
    value = redact(JSON.parse(text));
  } catch {
    value = redact(text);
  }
  const asText = typeof value === 'string' ? value : JSON.stringify(value);
  if (asText.length <= BODY_LIMIT_CHARS) return { shown: value, value };
  return { shown: `${asText.slice(0, BODY_LIMIT_CHARS)}… (cut: ${asText.length} characters in all)`, value };
}

/**
 * Every reference the request and its reply carry, by field name; X-EXTERNAL-ID as `X-EXTERNAL-ID`. A
 * reply value that differs from the request's (DANA's own referenceNo) is kept as `reply.<field>`.
 */
export function referencesOf(
  headers: Readonly<Record<string, string | undefined>>,
  request: unknown,
  reply: unknown,
): Record<string, string> {
  const found: Record<string, string> = {};
  const externalId = headers['x-external-id'];
  if (externalId) found['X-EXTERNAL-ID'] = externalId;
  collect(request, found, '', REFERENCE_DEPTH);
  collect(reply, found, 'reply.', REFERENCE_DEPTH);
  return found;
}

function collect(value: unknown, found: Record<string, string>, replyPrefix: string, depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (referenceFields.has(key) && (typeof item === 'string' || typeof item === 'number') && item !== '') {
      const text = String(item);
      if (found[key] === undefined) found[key] = text;
      else if (found[key] !== text && replyPrefix !== '' && found[replyPrefix + key] === undefined) found[replyPrefix + key] = text;
    } else collect(item, found, replyPrefix, depth - 1);
  }
}

/** What the log keeps of one exchange. Never throws: showing a request must not change its reply. */
export function capturedExchange(
  request: { readonly headers: Readonly<Record<string, string | undefined>>; readonly body: string },
  replyText: string,
  onBug: (error: unknown) => void,
): Pick<LogEntry, 'references' | 'request' | 'reply'> {
  try {
    const requestBody = capturedBody(request.body);
    const replyBody = capturedBody(replyText);
    return {
      references: referencesOf(request.headers, requestBody.value, replyBody.value),
      request: { headers: capturedHeaders(request.headers), body: requestBody.shown },
      reply: { body: replyBody.shown },
    };
  } catch (error) {
    onBug(error);
    const unshown = '(not shown: the log could not copy it)';
    return { references: {}, request: { headers: {}, body: unshown }, reply: { body: unshown } };
  }
}
