import { rupiah } from '../format.ts';
import { html } from '../html.ts';

// The one way the dashboard shows ledger postings (a request's, a transaction's): an account per
// line, what left it under Debit, what reached it under Credit.

export interface Posting {
  readonly account: string;
  /** Positive credits the account, negative debits it; minor units. */
  readonly amountMinor: number;
}

export function Postings({ postings, empty }: { postings: readonly Posting[]; empty: string }) {
  if (!postings.length) return html`<p class="empty">${empty}</p>`;
  return html`<table class="postings">
    <thead>
      <tr>
        <th>Account</th>
        <th class="num">Debit</th>
        <th class="num">Credit</th>
      </tr>
    </thead>
    <tbody>
      ${postings.map(
        (posting) =>
          html`<tr class="posting" data-account=${posting.account}>
            <td><code>${posting.account}</code></td>
            <td class="num bad">${posting.amountMinor < 0 ? rupiah(-posting.amountMinor, true) : ''}</td>
            <td class="num ok">${posting.amountMinor > 0 ? rupiah(posting.amountMinor, true) : ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
