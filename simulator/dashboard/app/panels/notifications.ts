import { useState } from 'preact/hooks';
import { getJson, postJson } from '../api.ts';
import { pretty, wibAt } from '../format.ts';
import { html } from '../html.ts';
import { useAction, useLoad } from '../load.ts';
import { useReloadOnLive } from './live-reload.ts';
import type { Attempt, NotificationRecord } from '../../../notifications/outbox.ts';
import { TriggerForm } from './trigger-form.ts';
import './notifications.css';

// Notifications: every call DANA made outwards (GET /webhooks) with each delivery attempt, refreshed
// as attempts happen; each can be sent again, to its own URL or another, or triggered anew with fields
// overridden (POST /notifications/trigger).

const STATUS_CLASS: Record<string, string> = { delivered: 'ok', failed: 'bad', pending: 'warn' };

function Attempts({ attempts }: { attempts: readonly Attempt[] }) {
  if (!attempts.length) return html`<p class="empty">Not attempted yet.</p>`;
  return html`<table class="attempts">
    <thead>
      <tr>
        <th>#</th>
        <th>Time</th>
        <th>HTTP</th>
        <th class="num">Latency</th>
        <th>Acknowledged</th>
        <th>Reply / error</th>
      </tr>
    </thead>
    <tbody>
      ${attempts.map(
        (attempt, index) =>
          html`<tr class="attempt">
            <td>${index + 1}</td>
            <td>${wibAt(attempt.at)}</td>
            <td class=${attempt.httpStatus && attempt.httpStatus < 300 ? 'ok' : 'bad'}>${attempt.httpStatus ?? '—'}</td>
            <td class="num">${attempt.latencyMs} ms</td>
            <td class=${attempt.acknowledged ? 'ok' : 'bad'}>${attempt.acknowledged ? 'yes' : 'no'}</td>
            <td>
              ${attempt.error ? html`<span class="bad">${attempt.error}</span>` : html`<code class="reply">${attempt.response ?? ''}</code>`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function Notification({ record, reload }: { record: NotificationRecord; reload: () => void }) {
  const [error, act] = useAction();
  const [otherUrl, setOtherUrl] = useState('');
  const [showBody, setShowBody] = useState(false);
  return html`
    <article class="card notification" data-id=${record.id} data-status=${record.status}>
      <header class="notification-head">
        <strong>${record.kind}</strong>
        ${record.triggered && html`<span class="tag">triggered</span>`}
        <span class=${`notification-status ${STATUS_CLASS[record.status] ?? ''}`}>${record.status}</span>
        <span class="attempt-count">${record.attempts.length} ${record.attempts.length === 1 ? 'attempt' : 'attempts'}</span>
      </header>
      <dl class="notification-facts">
        <dt>Subject</dt>
        <dd><code>${record.subject}</code></dd>
        <dt>URL</dt>
        <dd><code>${record.url ?? 'none configured'}</code></dd>
        <dt>Created</dt>
        <dd>${wibAt(record.createdAt)}</dd>
        ${
          record.nextAttemptAt !== undefined &&
          html`<dt>Next attempt</dt>
            <dd class="next-attempt">${wibAt(record.nextAttemptAt)}</dd>`
        }
      </dl>
      <${Attempts} attempts=${record.attempts} />
      <div class="notification-actions">
        <button type="button" class="primary resend" onClick=${() => act(() => postJson('/webhooks/resend', { id: record.id }), reload)}>
          Resend
        </button>
        <form
          class="inline resend-to"
          onSubmit=${(event: Event) => {
            event.preventDefault();
            void act(() => postJson('/webhooks/resend', { id: record.id, url: otherUrl.trim() }), reload);
          }}
        >
          <input
            name="url"
            type="url"
            placeholder="http://127.0.0.1:9000/notify"
            value=${otherUrl}
            onInput=${(e: Event) => setOtherUrl((e.target as HTMLInputElement).value)}
          />
          <button type="submit">Resend to…</button>
        </form>
        <button type="button" onClick=${() => setShowBody(!showBody)}>${showBody ? 'Hide body' : 'Body'}</button>
      </div>
      ${showBody && html`<pre class="notification-body">${pretty(record.body)}</pre>`} ${error && html`<p class="error">${error}</p>`}
      <${TriggerForm} record=${record} reload=${reload} />
    </article>
  `;
}

export function NotificationsPanel() {
  const list = useLoad(() => getJson<NotificationRecord[]>('/webhooks'));
  useReloadOnLive(list.reload, ['notification']);
  // Newest first (on a frozen clock, the one written last): what a test or a user just caused is on top.
  const records = [...(list.value ?? [])].reverse().sort((a, b) => b.createdAt - a.createdAt);
  return html`
    <section class="notifications">
      <h2 class="panel-title">Notifications</h2>
      ${list.error && html`<p class="error">${list.error}</p>`}
      ${!list.error && list.value && !records.length && html`<p class="empty">DANA has sent no notification yet.</p>`}
      ${records.map((record) => html`<${Notification} key=${record.id} record=${record} reload=${list.reload} />`)}
    </section>
  `;
}
