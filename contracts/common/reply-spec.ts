import { JAKARTA_DATE_TIME, MONEY_VALUE, mandatory, optional, type FieldSpec, type Fields } from './fields.ts';

// What a reply may look like, as data: the constraints the official SDKs' generated reply models
// enforce (dana-python `dana/<product>/v1/models/*.py`, dana-php `lib/<Product>/v1/Model/*.php`; both
// generated from one spec, so the limits agree). A reply outside them makes the SDK raise on the
// client's side although DANA's server would have answered fine, so the simulator must never send one.
// Reply specs are written in the request field language (fields.ts), keyed by endpoint key, one
// `replies.ts` per product; `contracts/replies.ts` joins them and a test checks every served endpoint.

export type Envelope = 'snap' | 'open-api' | 'bni';

export interface ReplySpec {
  /**
   * The members of a successful reply: SNAP, beside responseCode/responseMessage (an HTTP 202 body is
   * parsed by the same model, so it must satisfy it too); Open API, of `response.body` beside
   * `resultInfo`; BNI, the whole body. `M` = the model requires it.
   */
  readonly success: Fields;
  /** The SDK model(s) the constraints come from, or why there is none. */
  readonly source: string;
}

export type ReplySpecs = Readonly<Record<string, ReplySpec>>;

/** The most characters of a reply message the SDK models accept (SNAP `responseMessage`). */
const MAX_MESSAGE_LENGTH = 150;

/**
 * Guidance that DANA's newer SDKs append to a message on the client side (the QRIS / externalStoreId
 * hint, "For testing positive case in sandbox use beneficiaryAccountNumber ..."); the server's
 * messages never carry it. A field name alone ("Invalid Mandatory Field externalStoreId") is plain.
 */
const SDK_HINTS = [/https?:\/\//i, /\bsandbox\b/i, /\bif you\b/i, /\bfor testing\b/i, /\bfor qris\b/i, /\bmake sure\b/i];

export function isPlainMessage(message: string): boolean {
  return message.length <= MAX_MESSAGE_LENGTH && !SDK_HINTS.some((hint) => hint.test(message));
}

/** SNAP's envelope members: every reply, success or error (BI SNAP; every SDK model requires both). */
const SNAP_ENVELOPE: Fields = {
  responseCode: mandatory.string({ maxLength: 7, pattern: /^\d{7}$/ }),
  responseMessage: mandatory.string({ maxLength: MAX_MESSAGE_LENGTH }),
};

/** Open API `response.head` (dana-python merchant_management `*ResponseResponseHead`). */
const OPEN_API_HEAD: Fields = {
  version: optional.string({ maxLength: 8 }),
  function: optional.string({ maxLength: 128 }),
  clientId: optional.string({ maxLength: 32 }),
  respTime: optional.string({ maxLength: 25, pattern: JAKARTA_DATE_TIME }),
  reqMsgId: optional.string({ maxLength: 64 }),
};

/** Open API `resultInfo` (dana-python `MemberAssetResultInfo`, the stricter of the two result models). */
const OPEN_API_RESULT: Fields = {
  resultStatus: mandatory.string({ maxLength: 1, oneOf: ['S', 'F', 'U'] }),
  resultCodeId: mandatory.string({ maxLength: 16 }),
  resultCode: mandatory.string({ maxLength: 64 }),
  resultMsg: optional.string({ maxLength: 256 }),
};

/**
 * Every way `body` (the parsed reply) breaks the spec, as `path: problem` lines; empty when it fits.
 * A success must carry the spec's mandatory members; an error reply is not parsed into the success
 * model, but what it does carry (echoed references, additionalInfo) must still fit.
 */
export function replyProblems(envelope: Envelope, spec: ReplySpec, httpStatus: number, body: unknown): string[] {
  const problems: string[] = [];
  if (envelope === 'snap') {
    checkFields(body, SNAP_ENVELOPE, '', true, problems);
    const { responseCode, responseMessage } = (body ?? {}) as Record<string, unknown>;
    if (typeof responseCode === 'string' && !responseCode.startsWith(String(httpStatus)))
      problems.push(`responseCode: ${responseCode} does not start with the HTTP status ${httpStatus}`);
    if (typeof responseMessage === 'string' && !isPlainMessage(responseMessage))
      problems.push(`responseMessage: not a plain server message: ${JSON.stringify(responseMessage)}`);
    checkFields(body, spec.success, '', httpStatus >= 200 && httpStatus < 300, problems);
  } else if (envelope === 'open-api') {
    const response = (body as { response?: { head?: unknown; body?: unknown } } | undefined)?.response;
    checkFields(response?.head, OPEN_API_HEAD, 'response.head.', true, problems);
    checkFields(response?.body, { resultInfo: mandatory.object(OPEN_API_RESULT) }, 'response.body.', true, problems);
    const status = (response?.body as { resultInfo?: { resultStatus?: unknown } } | undefined)?.resultInfo?.resultStatus;
    checkFields(response?.body, spec.success, 'response.body.', status === 'S', problems);
  } else {
    checkFields(body, spec.success, '', true, problems);
  }
  return problems;
}

function checkFields(container: unknown, fields: Fields, prefix: string, required: boolean, problems: string[]): void {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) {
    problems.push(`${prefix || '(body)'}: not an object`);
    return;
  }
  for (const [name, spec] of Object.entries(fields))
    checkValue((container as Record<string, unknown>)[name], spec, prefix + name, required, problems);
}

function checkValue(value: unknown, spec: FieldSpec, path: string, required: boolean, problems: string[]): void {
  // Absent or null: the models' Optional[...] accepts both; "" is a string and is checked as one.
  if (value === undefined || value === null) {
    if (required && spec.presence === 'M') problems.push(`${path}: required by the SDK model, absent`);
    return;
  }
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return void problems.push(`${path}: not a string (${JSON.stringify(value)})`);
      if (spec.maxLength !== undefined && value.length > spec.maxLength)
        problems.push(`${path}: ${value.length} characters, the SDK model allows ${spec.maxLength}`);
      if (spec.minLength !== undefined && value.length < spec.minLength) problems.push(`${path}: shorter than ${spec.minLength}`);
      if (spec.pattern && !spec.pattern.test(value)) problems.push(`${path}: ${JSON.stringify(value)} does not match ${spec.pattern}`);
      if (spec.oneOf && !spec.oneOf.includes(value))
        problems.push(`${path}: ${JSON.stringify(value)} is not one of ${spec.oneOf.join(', ')}`);
      return;
    case 'number':
      if (typeof value !== 'number') problems.push(`${path}: not a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: not a boolean`);
      return;
    case 'money':
      // dana-python Money: value <= 19 and currency <= 3, both strict strings; DANA writes two decimals.
      return checkFields(value, MONEY, `${path}.`, true, problems);
    case 'object':
      if (spec.fields) checkFields(value, spec.fields, `${path}.`, true, problems);
      else if (typeof value !== 'object' || Array.isArray(value)) problems.push(`${path}: not an object`);
      return;
    case 'array':
      if (!Array.isArray(value)) return void problems.push(`${path}: not an array`);
      value.forEach((item, index) => checkValue(item, spec.items, `${path}[${index}]`, true, problems));
      return;
  }
}

const MONEY: Fields = {
  value: mandatory.string({ maxLength: 19, pattern: MONEY_VALUE }),
  currency: mandatory.string({ maxLength: 3 }),
};
