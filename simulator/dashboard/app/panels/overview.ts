import { getJson } from '../api.ts';
import { rupiah } from '../format.ts';
import { html } from '../html.ts';
import { useLoad } from '../load.ts';

// Overview: every merchant's deposit, available and total balance.

interface Merchant {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly name: string;
}

interface Balance {
  readonly merchantId: string;
  readonly deposit: string;
  readonly available: string;
  readonly total: string;
}

async function loadMerchants(): Promise<Array<Merchant & { balance: Balance }>> {
  const merchants = await getJson<Merchant[]>('/merchants');
  return Promise.all(
    merchants.map(async (merchant) => ({
      ...merchant,
      balance: await getJson<Balance>(`/balance?merchant=${encodeURIComponent(merchant.merchantId)}`),
    })),
  );
}

export function OverviewPanel() {
  const merchants = useLoad(loadMerchants);
  return html`
    <section class="card">
      <h2>Merchants</h2>
      ${merchants.error && html`<p class="error">${merchants.error}</p>`}
      <table class="merchants">
        <thead>
          <tr>
            <th>Merchant</th>
            <th>Partner</th>
            <th>Deposit</th>
            <th>Available</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          ${(merchants.value ?? []).map(
            (m) =>
              html`<tr data-merchant=${m.merchantId}>
                <td>${m.name} <code>${m.merchantId}</code></td>
                <td><code>${m.partnerId}</code></td>
                <td class="merchant-deposit">${rupiah(m.balance.deposit)}</td>
                <td class="merchant-available">${rupiah(m.balance.available)}</td>
                <td class="merchant-total">${rupiah(m.balance.total)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
  `;
}
