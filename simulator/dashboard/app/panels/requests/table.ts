import { rupiah, wib } from '../../format.ts';
import { html } from '../../html.ts';
import { movedMinor, verdictClass, verdictOf, type LogEntry } from './model.ts';

// One row per request, newest first; a click opens its detail below.

function Row({ entry, selected, onSelect }: { entry: LogEntry; selected: boolean; onSelect: (seq: number) => void }) {
  const verdict = verdictOf(entry);
  const moved = movedMinor(entry);
  const failed = entry.httpStatus >= 400;
  return html`<tr
    class=${`request-row clickable${selected ? ' selected' : ''}`}
    data-seq=${entry.seq}
    data-endpoint=${entry.endpoint ?? ''}
    tabindex="0"
    onClick=${() => onSelect(entry.seq)}
    onKeyDown=${(event: KeyboardEvent) => event.key === 'Enter' && onSelect(entry.seq)}
  >
    <td class="request-time">${wib(entry.at)}</td>
    <td class="request-endpoint">
      <strong>${entry.endpoint ?? '—'}</strong><br /><code class="empty">${entry.method} ${entry.path}</code>
    </td>
    <td class=${`request-code ${failed ? 'bad' : 'ok'}`}>${entry.code}</td>
    <td class=${`request-status num ${failed ? 'bad' : 'ok'}`}>${entry.httpStatus}</td>
    <td class="request-partner"><code>${entry.partnerId ?? ''}</code></td>
    <td class="request-rule">${entry.rule ? html`<code>${entry.rule}</code>` : ''}</td>
    <td class="request-money num">${moved ? rupiah(moved, true) : ''}</td>
    <td class="request-duration num">${entry.durationMs} ms</td>
    <td class=${verdictClass(verdict)} title=${entry.diagnosis?.mistake.detail ?? entry.reason ?? ''}>${verdict.text}</td>
  </tr>`;
}

export function RequestsTable({
  entries,
  selected,
  onSelect,
}: {
  entries: readonly LogEntry[];
  selected: number | undefined;
  onSelect: (seq: number) => void;
}) {
  return html`
    <table class="requests">
      <thead>
        <tr>
          <th>Time (WIB)</th>
          <th>Endpoint</th>
          <th>Code</th>
          <th class="num">HTTP</th>
          <th>Partner</th>
          <th>Rule fired</th>
          <th class="num">Money moved</th>
          <th class="num">Took</th>
          <th>Signature / token</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map((entry) => html`<${Row} key=${entry.seq} entry=${entry} selected=${entry.seq === selected} onSelect=${onSelect} />`)}
      </tbody>
    </table>
  `;
}
