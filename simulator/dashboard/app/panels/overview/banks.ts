import { getJson } from '../../api.ts';
import { html } from '../../html.ts';
import { useLoad } from '../../load.ts';
import { Secret } from './secret.ts';

// Banks on both sides: the VA partners that call DANA, and the payout accounts transfers go to
// (with the sandbox's magic account numbers and the rule each one fires).

interface Partner {
  readonly partnerId: string;
  readonly name: string;
  readonly clientSecret: string;
  readonly partnerServiceId: string;
  readonly callbackUrl?: string;
}

interface BankAccounts {
  readonly accounts: readonly { bankCode: string; accountNumber: string; holderName: string; status: string; source: string }[];
  readonly sandboxRules: readonly { accountNumber: string; endpoint: string; result?: string; rule: string }[];
}

export function BanksCard() {
  const partners = useLoad(() => getJson<Partner[]>('/partners'));
  const accounts = useLoad(() => getJson<BankAccounts>('/bank-accounts'));
  return html`
    <section class="card banks">
      <h2>Banks</h2>
      <h3>Virtual Account partners</h3>
      ${partners.error && html`<p class="error">${partners.error}</p>`}
      <table class="partners">
        <thead>
          <tr>
            <th>Partner</th>
            <th>Name</th>
            <th>Biller code</th>
            <th>Client secret</th>
            <th>Callback URL</th>
          </tr>
        </thead>
        <tbody>
          ${(partners.value ?? []).map(
            (p) =>
              html`<tr data-partner=${p.partnerId}>
                <td><code>${p.partnerId}</code></td>
                <td>${p.name}</td>
                <td><code>${p.partnerServiceId}</code></td>
                <td class="partner-secret">
                  <code><${Secret} value=${p.clientSecret} label="client secret" /></code>
                </td>
                <td>${p.callbackUrl ? html`<code>${p.callbackUrl}</code>` : html`<span class="empty">none</span>`}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h3>Payout bank accounts</h3>
      ${accounts.error && html`<p class="error">${accounts.error}</p>`}
      <table class="bank-accounts">
        <thead>
          <tr>
            <th>Bank</th>
            <th>Account</th>
            <th>Holder</th>
            <th>Status</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          ${(accounts.value?.accounts ?? []).map(
            (a) =>
              html`<tr data-account=${`${a.bankCode}:${a.accountNumber}`}>
                <td><code>${a.bankCode}</code></td>
                <td><code>${a.accountNumber}</code></td>
                <td>${a.holderName}</td>
                <td>${a.status}</td>
                <td class="empty">${a.source}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        accounts.value?.sandboxRules.length
          ? html`<h3>Sandbox magic account numbers</h3>
              <ul class="sandbox-accounts">
                ${accounts.value.sandboxRules.map(
                  (r) =>
                    html`<li>
                      <code>${r.accountNumber}</code>: ${r.endpoint} answers ${r.result ?? 'its rule'}${' '}
                      <span class="empty">(${r.rule})</span>
                    </li>`,
                )}
              </ul>`
          : ''
      }
    </section>
  `;
}
