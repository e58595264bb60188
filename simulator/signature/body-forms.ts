// Which text of a JSON body was hashed by the client. SDKs disagree (auth.md section 2.2): Python
// sends `", "` separators but hashes compact JSON, PHP escapes `/` in what it sends but not in what it
// hashes, Go hashes its own `\u003c` escapes verbatim. The verifier therefore tries, in order, the
// raw body with insignificant whitespace removed, the body re-serialised compactly, and the raw body.

/** Removes whitespace outside JSON strings without touching key order or escapes. */
export function stripInsignificantWhitespace(raw: string): string {
  // Copies runs between whitespace rather than character by character: this runs on every request.
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  if (start === 0) return raw;
  parts.push(raw.slice(start));
  return parts.join('');
}

export function bodyForms(raw: string): string[] {
  const forms: string[] = [];
  anyBodyForm(raw, (form) => {
    forms.push(form);
    return false;
  });
  return forms;
}

/** Whether `test` holds for one of the forms, tried in order; later forms are built only when needed. */
export function anyBodyForm(raw: string, test: (body: string) => boolean): boolean {
  const stripped = stripInsignificantWhitespace(raw);
  if (test(stripped)) return true;
  let compact: string | undefined;
  try {
    compact = JSON.stringify(JSON.parse(raw));
  } catch {
    // Not JSON: only the textual forms can have been signed.
  }
  if (compact !== undefined && compact !== stripped && test(compact)) return true;
  // Compact JSON has no whitespace to strip, so a raw body that differs from its stripped form also
  // differs from the compact one: it has not been tried yet.
  return raw !== stripped && test(raw);
}
