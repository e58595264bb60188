import { getJson } from '../../api.ts';
import { rupiah } from '../../format.ts';
import { html } from '../../html.ts';
import { useLoad } from '../../load.ts';
import { useReloadOnLive } from '../live-reload.ts';

// DANA users: the seeded test users and everyone a call has credited or debited since.

interface User {
  readonly customerNumber: string;
  readonly name: string;
  readonly balance: string;
  readonly seeded: boolean;
}

export function UsersCard() {
  const users = useLoad(() => getJson<User[]>('/users'));
  useReloadOnLive(users.reload, ['request']);
  return html`
    <section class="card">
      <h2>DANA users</h2>
      ${users.error && html`<p class="error">${users.error}</p>`}
      <table class="users">
        <thead>
          <tr>
            <th>Customer number</th>
            <th>Name</th>
            <th class="num">Balance</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${(users.value ?? []).map(
            (u) =>
              html`<tr data-customer=${u.customerNumber}>
                <td><code>${u.customerNumber}</code></td>
                <td>${u.name}</td>
                <td class="user-balance num">${rupiah(u.balance)}</td>
                <td class="empty">${u.seeded ? 'seeded' : 'from traffic'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${users.value?.length === 0 && html`<p class="empty">No users yet.</p>`}
    </section>
  `;
}
