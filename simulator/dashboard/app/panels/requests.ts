import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from '../api.ts';
import { html } from '../html.ts';
import { useLiveEvents } from '../live.ts';
import { RequestDetail } from './requests/detail.ts';
import { matchesFilter, mergeEntries, MAX_ROWS, type LogEntry } from './requests/model.ts';
import { RequestsTable } from './requests/table.ts';
import './requests/requests.css';

// Requests, live: the last 200 from the log, then each new one as the event stream brings it (no
// reload, newest first). A click shows the request in full.

export function RequestsPanel() {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<number | undefined>(undefined);
  useEffect(() => {
    let current = true;
    getJson<{ entries: LogEntry[] }>('/log?limit=200').then(
      ({ entries: backlog }) =>
        current && (setEntries((live) => mergeEntries(backlog, live.slice().reverse())), setError(undefined), setLoaded(true)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => void (current = false);
  }, []);
  // Under load (a UAT run, a load test) hundreds arrive a second: one merge and redraw per frame.
  const pending = useRef<LogEntry[]>([]);
  const onRequest = useCallback((data: unknown) => {
    pending.current.push(data as LogEntry);
    if (pending.current.length > 1) return;
    requestAnimationFrame(() => {
      const arrived = pending.current;
      pending.current = [];
      setEntries((shown) => mergeEntries(shown, arrived));
    });
  }, []);
  useLiveEvents('request', onRequest);
  const visible = entries.filter((entry) => matchesFilter(entry, filter));
  const detail = entries.find((entry) => entry.seq === selected);
  return html`
    <section class="card requests-card" data-loaded=${loaded ? 'yes' : undefined}>
      <div class="requests-head">
        <h2>Requests</h2>
        <input
          type="search"
          class="request-filter"
          placeholder="filter: endpoint, code, reference"
          value=${filter}
          onInput=${(event: Event) => setFilter((event.target as HTMLInputElement).value)}
        />
        <span class="empty">${visible.length} of ${entries.length} shown (newest first, last ${MAX_ROWS} kept)</span>
      </div>
      ${error && html`<p class="error">${error}</p>`}
      <${RequestsTable} entries=${visible} selected=${selected} onSelect=${setSelected} />
      ${entries.length === 0 && !error && html`<p class="empty">No requests yet: they appear here as the simulator serves them.</p>`}
    </section>
    ${detail && html`<${RequestDetail} entry=${detail} onClose=${() => setSelected(undefined)} />`}
  `;
}
