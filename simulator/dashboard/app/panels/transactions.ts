import { useState } from 'preact/hooks';
import { getJson, postJson } from '../api.ts';
import { rupiah, wib } from '../format.ts';
import { html } from '../html.ts';
import { useAction, useLoad } from '../load.ts';
import { useReloadOnLive } from './live-reload.ts';
import { Postings, type Posting } from './postings.ts';
import './transactions.css';

// Transactions: every product's money movements (GET /transactions), by kind, with the ledger
// postings each made and the buttons for what the control API can do to it now (complete or fail a
// transfer in progress, pay or expire an open order or VA). Live requests and notifications refresh it.

interface Transaction {
  readonly kind: string;
  readonly id: string;
  readonly merchantId: string | null;
  readonly partnerReferenceNo: string;
  readonly referenceNo?: string;
  readonly status: string;
  readonly statusCode?: string;
  readonly amount: { readonly value: string; readonly currency: string } | null;
  readonly counterparty?: string;
  readonly createdAt: string;
  readonly postings: readonly Posting[];
  readonly actions: readonly string[];
  readonly virtualAccountNo?: string;
}

const KINDS: ReadonlyArray<[string, string]> = [
  ['', 'All'],
  ['topup', 'Top ups'],
  ['transfer', 'Transfers to bank'],
  ['refund', 'Refunds'],
  ['order', 'Orders'],
  ['va', 'Virtual accounts'],
];

const ACTION_LABELS: Record<string, string> = { complete: 'Complete', fail: 'Fail', pay: 'Pay', expire: 'Expire' };

const GOOD = new Set(['SUCCESS', 'PAID']);
const BAD = new Set(['FAILED', 'CANCELLED', 'EXPIRED', 'NOT_FOUND']);

/** How a row is named in the page: a VA by its number, everything else by the merchant's reference. */
const refOf = (item: Transaction) => (item.kind === 'va' && item.virtualAccountNo) || item.partnerReferenceNo;

const statusClass = (status: string) => (GOOD.has(status) ? 'ok' : BAD.has(status) ? 'bad' : 'warn');

/** The control call behind a button, by the item's kind. */
function runAction(item: Transaction, action: string): Promise<unknown> {
  const merchant = item.merchantId ? { merchant: item.merchantId } : {};
  const order = { partnerReferenceNo: item.partnerReferenceNo, ...merchant };
  const va = { virtualAccountNo: item.virtualAccountNo ?? item.counterparty };
  switch (`${item.kind} ${action}`) {
    case 'transfer complete':
      return postJson('/transfers/complete', { ...order, outcome: 'success' });
    case 'transfer fail':
      return postJson('/transfers/complete', { ...order, outcome: 'failed' });
    case 'order pay':
      return postJson('/orders/pay', order);
    case 'order expire':
      return postJson('/orders/expire', order);
    case 'va pay': {
      // An open-amount VA is paid whatever the payer types, as at a bank.
      const amount = item.amount ? undefined : prompt('Amount to pay into this open-amount VA, e.g. 50000.00');
      if (amount === null) return Promise.resolve();
      return postJson('/va/pay', amount ? { ...va, amount: amount.trim() } : va);
    }
    case 'va expire':
      return postJson('/va/expire', va);
    default:
      return Promise.reject(new Error(`the dashboard cannot ${action} a ${item.kind}`));
  }
}

function Row({ item, act, busy, reload }: { item: Transaction; act: ReturnType<typeof useAction>[1]; busy: boolean; reload: () => void }) {
  const [open, setOpen] = useState(false);
  return html`
    <tr
      class=${open ? 'transaction-row clickable selected' : 'transaction-row clickable'}
      data-kind=${item.kind}
      data-ref=${refOf(item)}
      tabindex="0"
      aria-expanded=${open}
      onClick=${() => setOpen(!open)}
      onKeyDown=${(event: KeyboardEvent) => event.key === 'Enter' && event.target === event.currentTarget && setOpen(!open)}
    >
      <td>${wib(item.createdAt)}</td>
      <td>${item.kind}</td>
      <td><code>${refOf(item)}</code>${item.referenceNo && html`<br /><code class="muted">${item.referenceNo}</code>`}</td>
      <td class=${`transaction-status ${statusClass(item.status)}`}>${item.status}${item.statusCode ? ` (${item.statusCode})` : ''}</td>
      <td class="num">${item.amount ? rupiah(item.amount.value) : '—'}</td>
      <td>${item.counterparty ?? ''}</td>
      <td class="transaction-actions" onClick=${(event: Event) => event.stopPropagation()}>
        ${item.actions.map(
          (action) =>
            html`<button
              type="button"
              class=${action === 'fail' || action === 'expire' ? 'danger' : 'primary'}
              data-action=${action}
              disabled=${busy}
              onClick=${() => act(() => runAction(item, action), reload)}
            >
              ${ACTION_LABELS[action] ?? action}
            </button>`,
        )}
      </td>
    </tr>
    ${
      open &&
      html`<tr class="transaction-detail">
        <td colspan="7"><${Postings} postings=${item.postings} empty="No ledger postings: no money moved." /></td>
      </tr>`
    }
  `;
}

export function TransactionsPanel() {
  const [kind, setKind] = useState('');
  const list = useLoad(() => getJson<Transaction[]>(kind ? `/transactions?kind=${kind}` : '/transactions'), [kind]);
  const [actionError, act, busy] = useAction();
  useReloadOnLive(list.reload, ['request', 'notification']);
  const items = list.value ?? [];
  return html`
    <section class="card transactions">
      <h2>Transactions</h2>
      <nav class="kind-tabs">
        ${KINDS.map(
          ([id, title]) =>
            html`<button
              type="button"
              class=${id === kind ? 'kind-tab primary' : 'kind-tab'}
              data-kind=${id || 'all'}
              onClick=${() => setKind(id)}
            >
              ${title}
            </button>`,
        )}
      </nav>
      ${list.error && html`<p class="error">${list.error}</p>`} ${actionError && html`<p class="error">${actionError}</p>`}
      ${!list.error && list.value && !items.length && html`<p class="empty">No transactions yet.</p>`}
      ${
        items.length > 0 &&
        html`<table class="transactions-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Kind</th>
              <th>Reference</th>
              <th>Status</th>
              <th class="num">Amount</th>
              <th>Counterparty</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((item) => html`<${Row} key=${item.id} item=${item} act=${act} busy=${busy} reload=${list.reload} />`)}
          </tbody>
        </table>`
      }
    </section>
  `;
}
