// Dotted paths into request bodies ("additionalInfo.fundType"), used by validation, rules and
// idempotency fingerprints alike.

export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Present means neither absent, null nor the empty string (UAT fixtures send unused fields as null). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Path segments that would reach an object's prototype instead of a member of its own. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** False for a path that would write through a prototype (paths come from users: rules, `trigger --set`). */
export function isSafePath(path: string): boolean {
  return !path.split('.').some((part) => UNSAFE_SEGMENTS.has(part));
}

/**
 * Sets a dotted path, creating intermediate objects; used to build reply bodies from flat rule fields.
 * Walks only the target's own members, and throws on a path that would reach a prototype.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (!isSafePath(path)) throw new RangeError(`unsafe field path ${path}`);
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(current, part) ? current[part] : undefined;
    if (next === null || typeof next !== 'object') current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]] = value;
}
