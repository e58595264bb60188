import { useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api.ts';
import { html } from '../html.ts';
import { useAction, useLoad } from '../load.ts';
import { useReloadOnLive } from './live-reload.ts';
import './uat.css';

// UAT progress per merchant: the mandated cases the application's own traffic has covered (the
// simulator recognises them as it serves requests and notifications), and how to trigger the rest.
// Only `dana-sim start` adds the tracker; a simulator without it answers 404, said as such.

interface Merchant {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly name: string;
}

interface Group {
  readonly group: string;
  readonly covered: number;
  readonly total: number;
  readonly coveredCases: readonly string[];
  readonly missing: readonly string[];
  readonly missingHints?: readonly { readonly id: string; readonly hint: string }[];
}

interface Status {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly runInProgress?: boolean;
  readonly groups: readonly Group[];
}

const UNTRACKED = 'untracked';

/** UNTRACKED: this simulator does not track UAT progress. */
async function loadStatus(merchant: string): Promise<Status | typeof UNTRACKED> {
  try {
    return await getJson<Status>(`/uat/status${merchant ? `?merchant=${encodeURIComponent(merchant)}` : ''}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return UNTRACKED;
    throw error;
  }
}

function totals(groups: readonly Group[]): string {
  const covered = groups.reduce((sum, group) => sum + group.covered, 0);
  const total = groups.reduce((sum, group) => sum + group.total, 0);
  return `${covered} of ${total} recognised cases covered by this merchant's own traffic, in ${groups.length} groups.`;
}

function GroupCard({ group }: { group: Group }) {
  const percent = group.total ? Math.round((group.covered / group.total) * 100) : 0;
  const hints = new Map((group.missingHints ?? []).map((entry) => [entry.id, entry.hint]));
  return html`<section class="uat-group" data-group=${group.group}>
    <div class="uat-group-head">
      <h3>${group.group}</h3>
      <span class=${`uat-count ${group.covered === group.total ? 'ok' : ''}`}>${group.covered} of ${group.total}</span>
    </div>
    <div class="uat-bar" role="progressbar" aria-valuemin="0" aria-valuemax=${group.total} aria-valuenow=${group.covered}>
      <div class="uat-bar-fill" style=${`width: ${percent}%`}></div>
    </div>
    ${
      group.coveredCases.length > 0 &&
      html`<ul class="uat-covered">
        ${group.coveredCases.map((id) => html`<li data-case=${id}><span class="ok">✓</span> <code>${id}</code></li>`)}
      </ul>`
    }
    ${
      group.missing.length > 0 &&
      html`<ul class="uat-missing">
        ${group.missing.map(
          (id) =>
            html`<li data-case=${id}>
              <code>${id}</code>
              ${hints.has(id) && html`<div class="uat-hint empty">${hints.get(id)}</div>`}
            </li>`,
        )}
      </ul>`
    }
  </section>`;
}

export function UatPanel() {
  const merchants = useLoad(() => getJson<Merchant[]>('/merchants'));
  const [merchant, setMerchant] = useState('');
  const chosen = merchant || merchants.value?.[0]?.merchantId || '';
  const status = useLoad(() => loadStatus(chosen), [chosen]);
  const [actionError, act] = useAction();
  // Coverage changes with traffic; notification cases are covered by the notify URL's answer.
  useReloadOnLive(status.reload, ['request', 'notification']);
  const untracked = status.value === UNTRACKED;
  const progress = untracked ? undefined : status.value;
  return html`
    <section class="card uat">
      <form class="inline" onSubmit=${(event: Event) => event.preventDefault()}>
        <h2>UAT progress</h2>
        <label
          >Merchant
          <select class="uat-merchant" value=${chosen} onChange=${(event: Event) => setMerchant((event.target as HTMLSelectElement).value)}>
            ${(merchants.value ?? []).map((m) => html`<option value=${m.merchantId}>${m.name} (${m.partnerId})</option>`)}
          </select>
        </label>
        <button
          type="button"
          class="danger uat-reset"
          disabled=${!progress}
          onClick=${() => act(() => postJson('/uat/reset', { merchant: chosen }), status.reload)}
        >
          Reset
        </button>
      </form>
      ${merchants.error && html`<p class="error">${merchants.error}</p>`} ${status.error && html`<p class="error">${status.error}</p>`}
      ${actionError && html`<p class="error">${actionError}</p>`}
      ${untracked && html`<p class="uat-unavailable empty">UAT progress is tracked by <code>dana-sim start</code>.</p>`}
      ${progress && html`<p class="uat-total">${totals(progress.groups)}</p>`}
      ${progress?.runInProgress && html`<p class="warn">A <code>dana-sim uat</code> run is in progress: its own traffic is not counted.</p>`}
    </section>
    ${progress && html`<div class="uat-groups">${progress.groups.map((group) => html`<${GroupCard} key=${group.group} group=${group} />`)}</div>`}
  `;
}
