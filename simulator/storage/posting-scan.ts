import type { Entry } from '../ledger/ledger.ts';

// The entries of a stored posting, read straight from its bytes: a restart sums every posting of the
// snapshot for the ledger check (ledger/verify.ts), and a full JSON.parse of a million postings costs
// a second it does not need. Only the exact shape JSON.stringify writes is accepted, `"entries":[`
// then `{"account":"…","amountMinor":<integer>}` items and the posting's closing brace; anything else
// (an escape in an account, another number form, other fields after the entries) returns undefined
// and the caller parses the whole posting instead.

const ENTRIES = Buffer.from('"entries":[');
const ACCOUNT = Buffer.from('{"account":"');
const AMOUNT = Buffer.from('","amountMinor":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

/** The entries of the posting whose JSON is bytes[from, to), or undefined when it is not in the usual shape. */
export function scanEntries(bytes: Buffer, from: number, to: number): Entry[] | undefined {
  const list = bytes.indexOf(ENTRIES, from);
  if (list < 0 || list >= to) return undefined;
  const entries: Entry[] = [];
  let at = list + ENTRIES.length;
  for (;;) {
    if (!startsWith(bytes, at, ACCOUNT, to)) return undefined;
    const accountFrom = at + ACCOUNT.length;
    let accountTo = accountFrom;
    while (accountTo < to && bytes[accountTo] !== QUOTE) if (bytes[accountTo++] === BACKSLASH) return undefined;
    if (!startsWith(bytes, accountTo, AMOUNT, to)) return undefined;
    at = accountTo + AMOUNT.length;
    const negative = bytes[at] === MINUS;
    if (negative) at++;
    const digitsFrom = at;
    let amount = 0;
    while (at < to && bytes[at] >= 0x30 && bytes[at] <= 0x39) amount = amount * 10 + (bytes[at++] - 0x30);
    // No digits, a leading zero, or a fraction or exponent next: not the usual shape.
    if (at === digitsFrom || (bytes[digitsFrom] === 0x30 && at - digitsFrom > 1) || bytes[at] !== 0x7d) return undefined;
    entries.push({ account: bytes.toString('utf8', accountFrom, accountTo), amountMinor: negative ? -amount : amount });
    at += 1;
    if (bytes[at] === 0x2c) {
      at += 1;
      continue;
    }
    // The list ends and so does the posting: `]}` closes both, at the very end of its bytes.
    return bytes[at] === 0x5d && at + 2 === to && bytes[at + 1] === 0x7d ? entries : undefined;
  }
}

/** Byte by byte: the prefixes are a dozen bytes, shorter than a call into Buffer.compare costs. */
function startsWith(bytes: Buffer, at: number, prefix: Buffer, to: number): boolean {
  if (at + prefix.length > to) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}
