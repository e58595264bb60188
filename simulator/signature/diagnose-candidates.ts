import { jakartaTimestamp } from '../clock/clock.ts';
import { bodyForms } from './body-forms.ts';

// The other texts a client may have signed instead of what it sent: each a plausible mistake named
// in words. Built only when a signature has already failed (diagnose.ts), so cost does not matter.

export interface Candidate {
  readonly value: string;
  /** How the client produced it, completing "signed …". */
  readonly label: string;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** Python's json.dumps default: `", "` and `": "` between items (and no other whitespace). */
function pythonSeparators(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonSeparators).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonSeparators(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

const escapeNonAscii = (text: string) => text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
const escapeHtml = (text: string) => text.replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Serialisations of the received JSON body that the verifier does not already try. */
export function bodyCandidates(raw: string): Candidate[] {
  const tried = new Set(bodyForms(raw));
  const out: Candidate[] = [];
  const add = (value: string, label: string) => {
    if (!tried.has(value)) {
      tried.add(value);
      out.push({ value, label });
    }
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  // A body nested thousands deep parses but overflows the stack when re-serialised: no JSON forms then.
  try {
    if (parsed !== undefined) jsonForms(parsed, add);
  } catch {}
  add('', 'an empty body');
  add('{}', 'an empty JSON object "{}" as the body');
  return out;
}

function jsonForms(parsed: unknown, add: (value: string, label: string) => void): void {
  {
    const compact = JSON.stringify(parsed);
    add(JSON.stringify(parsed, null, 2), 'the body pretty-printed with 2-space indents');
    add(JSON.stringify(parsed, null, 4), 'the body pretty-printed with 4-space indents');
    add(JSON.stringify(parsed, null, '\t'), 'the body pretty-printed with tab indents');
    add(pythonSeparators(parsed), "the body with Python json.dumps separators (', ' and ': ')");
    add(escapeNonAscii(pythonSeparators(parsed)), "the body as Python json.dumps writes it (', ' separators, non-ASCII as \\uXXXX)");
    add(compact.replace(/\//g, '\\/'), 'the body with "/" escaped as "\\/" (PHP json_encode)');
    add(escapeNonAscii(compact), 'the body with non-ASCII characters escaped as \\uXXXX');
    add(escapeHtml(compact), 'the body with <, > and & escaped as \\u003c, \\u003e, \\u0026 (Go encoding/json)');
    add(JSON.stringify(sortKeys(parsed)), 'the body with its keys sorted');
  }
}

/** Other spellings of the request path: the endpoint's other paths, a trailing slash, a full URL. */
export function pathCandidates(path: string, otherPaths: readonly string[], host: string | undefined): Candidate[] {
  const seen = new Set([path]);
  const out: Candidate[] = [];
  const add = (value: string, label: string) => {
    if (!seen.has(value)) {
      seen.add(value);
      out.push({ value, label });
    }
  };
  for (const other of otherPaths) add(other, `the path ${other} (another spelling of this endpoint)`);
  add(path.endsWith('/') ? path.slice(0, -1) : `${path}/`, 'the path with a different trailing slash');
  add(path.replace(/^\//, ''), 'the path without its leading "/"');
  if (host)
    for (const scheme of ['https', 'http'])
      add(`${scheme}://${host}${path}`, `the full URL ${scheme}://${host}${path} instead of the path`);
  return out;
}

/**
 * The same instant written in other forms, and the neighbouring seconds (a second timestamp made for
 * signing): every form within `formSpanS`, the WIB form alone out to `spanS` (each is an RSA verify).
 */
export function timestampCandidates(timestamp: string, spanS = 60, formSpanS = 10): Candidate[] {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return [];
  const base = Math.floor(at / 1000) * 1000;
  const forms = (ms: number): Array<[string, string]> => {
    const wib = jakartaTimestamp(ms);
    const utc = new Date(ms).toISOString();
    return [
      [wib, 'in WIB (+07:00)'],
      [utc.replace(/\.\d{3}Z$/, 'Z'), 'in UTC with "Z"'],
      [utc, 'in UTC with milliseconds'],
      [utc.replace(/\.\d{3}Z$/, '+00:00'), 'in UTC with "+00:00"'],
      [wib.replace('+07:00', `.${utc.slice(20, 23)}+07:00`), 'in WIB with milliseconds'],
      [wib.replace('+07:00', ''), 'in WIB without an offset'],
    ];
  };
  const out: Candidate[] = [];
  const seen = new Set([timestamp]);
  for (let step = 0; step <= spanS * 2; step++) {
    const deltaS = step === 0 ? 0 : step % 2 === 1 ? -(step + 1) / 2 : step / 2;
    const ms = base + deltaS * 1000;
    for (const [value, form] of Math.abs(deltaS) <= formSpanS ? forms(ms) : forms(ms).slice(0, 1)) {
      if (seen.has(value)) continue;
      seen.add(value);
      const when = deltaS === 0 ? 'the same instant' : `${Math.abs(deltaS)} s ${deltaS < 0 ? 'before' : 'after'} the X-TIMESTAMP header`;
      out.push({ value, label: `the timestamp ${value} (${when}, written ${form})` });
    }
  }
  return out;
}
