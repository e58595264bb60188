// Secrets never leave the simulator: requests and replies are copied with credentials replaced by
// "***" before they are shown, in a UAT report (scenarios/reports) or in the request log.

export const REDACTED = '***';

/** Object keys (compared case-insensitively) whose values are always replaced. */
const SECRET_KEYS: readonly string[] = [
  'clientSecret',
  'client_secret',
  'privateKey',
  'private_key',
  'secretKey',
  'secret',
  'password',
  'authorization',
  'authorization-customer',
  'x-signature',
  'signature',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'pin',
  'otp',
];

const secretKeys = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** True for a key whose value must not be shown. */
export function isSecretKey(key: string): boolean {
  return secretKeys.has(key.toLowerCase());
}

/**
 * A deep copy of `value` with every secret replaced by "***": the value of any key named in
 * SECRET_KEYS (any case, any depth, whatever its type) and any string containing a PEM private key.
 * Circular references become "[Circular]", values nested deeper than MAX_DEPTH "[too deep]"; the input
 * is not modified.
 */
export function redact(value: unknown): unknown {
  return copy(value, new Set());
}

/**
 * Deeper values become "[too deep]": a hostile body such as 5,000 nested `[` parses fine, but copying
 * it recursively would overflow the stack. No DANA body comes near this depth.
 */
export const MAX_DEPTH = 64;

function copy(value: unknown, path: Set<object>): unknown {
  if (typeof value === 'string') return value.includes('PRIVATE KEY-----') ? REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (path.has(value)) return '[Circular]';
  if (path.size >= MAX_DEPTH) return '[too deep]';
  path.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, path));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : copy(item, path);
    }
    return out;
  } finally {
    path.delete(value);
  }
}
