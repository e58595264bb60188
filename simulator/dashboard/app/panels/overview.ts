import { html } from '../html.ts';
import { useLoad } from '../load.ts';
import { BanksCard } from './overview/banks.ts';
import { CredentialsCard } from './overview/credentials.ts';
import { loadMerchants, MerchantsCard } from './overview/merchants.ts';
import { useReloadOnLive } from './live-reload.ts';
import { UsersCard } from './overview/users.ts';
import './overview/overview.css';

// Overview: merchants and their balances, DANA users, banks, and the credentials to put in an app.
// Balances follow the traffic (reloaded after each burst of requests).

export function OverviewPanel() {
  const merchants = useLoad(loadMerchants);
  useReloadOnLive(merchants.reload, ['request']);
  return html`
    <${MerchantsCard} merchants=${merchants} />
    <div class="overview-columns">
      <${UsersCard} />
      <${BanksCard} />
    </div>
    <${CredentialsCard} merchants=${merchants.value ?? []} />
  `;
}
