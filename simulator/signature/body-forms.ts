// Which text of a JSON body was hashed by the client. SDKs disagree (auth.md section 2.2): Python
// sends `", "` separators but hashes compact JSON, PHP escapes `/` in what it sends but not in what it
// hashes, Go hashes its own `\u003c` escapes verbatim. The verifier therefore tries, in order, the
// raw body with insignificant whitespace removed, the body re-serialised compactly, and the raw body.

/** Removes whitespace outside JSON strings without touching key order or escapes. */
export function stripInsignificantWhitespace(raw: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += raw[++i] ?? '';
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
      out += ch;
    }
  }
  return out;
}

export function bodyForms(raw: string): string[] {
  const forms = [stripInsignificantWhitespace(raw)];
  try {
    forms.push(JSON.stringify(JSON.parse(raw)));
  } catch {
    // Not JSON: only the textual forms can have been signed.
  }
  forms.push(raw);
  return [...new Set(forms)];
}
