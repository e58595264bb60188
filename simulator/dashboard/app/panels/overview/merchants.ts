import { getJson } from '../../api.ts';
import { rupiah } from '../../format.ts';
import { html } from '../../html.ts';
import type { Loaded } from '../../load.ts';

// Every merchant with its deposit, available and total balance and where its notifications go.

export interface Merchant {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly name: string;
  readonly notifyUrl?: string | null;
}

interface Balance {
  readonly merchantId: string;
  readonly deposit: string;
  readonly available: string;
  readonly total: string;
}

export type MerchantWithBalance = Merchant & { readonly balance: Balance };

export async function loadMerchants(): Promise<MerchantWithBalance[]> {
  const merchants = await getJson<Merchant[]>('/merchants');
  return Promise.all(
    merchants.map(async (merchant) => ({
      ...merchant,
      balance: await getJson<Balance>(`/balance?merchant=${encodeURIComponent(merchant.merchantId)}`),
    })),
  );
}

export function MerchantsCard({ merchants }: { merchants: Loaded<MerchantWithBalance[]> }) {
  return html`
    <section class="card">
      <h2>Merchants</h2>
      ${merchants.error && html`<p class="error">${merchants.error}</p>`}
      <table class="merchants">
        <thead>
          <tr>
            <th>Merchant</th>
            <th>Partner</th>
            <th class="num">Deposit</th>
            <th class="num">Available</th>
            <th class="num">Total</th>
            <th>Notify URL</th>
          </tr>
        </thead>
        <tbody>
          ${(merchants.value ?? []).map(
            (m) =>
              html`<tr data-merchant=${m.merchantId}>
                <td>${m.name} <code>${m.merchantId}</code></td>
                <td><code>${m.partnerId}</code></td>
                <td class="merchant-deposit num">${rupiah(m.balance.deposit)}</td>
                <td class="merchant-available num">${rupiah(m.balance.available)}</td>
                <td class="merchant-total num">${rupiah(m.balance.total)}</td>
                <td class="merchant-notify">
                  ${m.notifyUrl ? html`<code>${m.notifyUrl}</code>` : html`<span class="empty">none set</span>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
  `;
}
