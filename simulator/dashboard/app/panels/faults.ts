import { useCallback, useState } from 'preact/hooks';
import { getJson, postJson } from '../api.ts';
import { html } from '../html.ts';
import { useAction, useLoad } from '../load.ts';
import { useReloadOnLive } from './live-reload.ts';
import type { ActiveRule } from '../../../faults/rules.ts';
import { RuleForm } from './rule-form.ts';
import './faults.css';

// Faults: the rules the pipeline consults before any handler. User rules (added here, by the CLI, rule
// files or tests) come first and can be edited or removed; DANA's sandbox magic values are a rule set
// that can be switched off and on. Times left drop as requests fire them, so requests refresh the list.

/** A rule as GET /faults lists it. */
type Rule = ActiveRule;

interface SandboxState {
  readonly enabled: boolean;
  readonly rules: number;
}

const conditions = (rule: Rule): string =>
  [
    ...(rule.when ?? []).map((p) => `${p.field} ${p.op}${p.value === undefined ? '' : ` ${JSON.stringify(p.value)}`}`),
    ...(rule.partnerId ? [`partner ${rule.partnerId}`] : []),
    ...(rule.customer ? [`customer ${rule.customer}`] : []),
    ...(rule.nth ? [`call #${rule.nth}`] : []),
    ...(rule.probability !== undefined ? [`p=${rule.probability}`] : []),
  ].join(', ') || 'always';

/** `{kind:'result', result:'X', delayMs: 5}` → "result X, delayMs 5". */
function effectText(effect: ActiveRule['effect']): string {
  const { kind, ...rest }: { kind: string } & Record<string, unknown> = { ...effect };
  const main = rest[kind === 'lost-response' ? 'lostResponse' : kind];
  const extras = Object.entries(rest)
    .filter(([name]) => name !== kind && name !== 'lostResponse')
    .map(([name, value]) => `${name} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  return [main === undefined ? kind : `${kind} ${String(main)}`, ...extras].join(', ');
}

/** What a rule was written as: the table's own bookkeeping left out, so it can be sent back edited. */
function specOf(rule: Rule): Record<string, unknown> {
  const { id: _id, source: _source, matched: _matched, fired: _fired, ...spec } = rule;
  return spec;
}

function RuleRow({ rule, reload }: { rule: Rule; reload: () => void }) {
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [error, act] = useAction();
  const user = rule.source === 'user';
  const left = rule.times === undefined ? '∞' : String(rule.times - rule.fired);
  const save = () =>
    act(
      async () => postJson('/faults/update', { id: rule.id, rule: JSON.parse(editing ?? '{}') }),
      () => (setEditing(undefined), reload()),
    );
  return html`
    <tr class="rule" data-id=${rule.id} data-source=${rule.source}>
      <td><code>${rule.id}</code>${rule.description && html`<div class="muted">${rule.description}</div>`}</td>
      <td class="rule-endpoint">${rule.endpoint}</td>
      <td class="rule-when">${conditions(rule)}</td>
      <td class="rule-effect">${effectText(rule.effect)}</td>
      <td class="num rule-times">${left}</td>
      <td class="num rule-fired">${rule.fired}</td>
      <td class="rule-actions">
        ${
          user &&
          html`<button type="button" onClick=${() => setEditing(JSON.stringify(specOf(rule), null, 2))}>Edit</button>
            <button type="button" class="danger" onClick=${() => act(() => postJson('/faults/clear', { id: rule.id }), reload)}>
              Remove
            </button>`
        }
      </td>
    </tr>
    ${
      (editing !== undefined || error) &&
      html`<tr class="rule-editor">
        <td colspan="7">
          ${
            editing !== undefined &&
            html`<textarea
                class="rule-edit-json"
                rows="8"
                value=${editing}
                onInput=${(e: Event) => setEditing((e.target as HTMLTextAreaElement).value)}
              ></textarea>
              <div class="inline">
                <button type="button" class="primary" onClick=${save}>Save</button>
                <button type="button" onClick=${() => setEditing(undefined)}>Cancel</button>
              </div>`
          }
          ${error && html`<p class="error">${error}</p>`}
        </td>
      </tr>`
    }
  `;
}

function RuleTable({ rules, reload }: { rules: readonly Rule[]; reload: () => void }) {
  return html`<table class="rules">
    <thead>
      <tr>
        <th>Rule</th>
        <th>Endpoint</th>
        <th>When</th>
        <th>Effect</th>
        <th class="num">Times left</th>
        <th class="num">Fired</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${rules.map((rule) => html`<${RuleRow} key=${rule.id} rule=${rule} reload=${reload} />`)}
    </tbody>
  </table>`;
}

/** GET /faults/sandbox where the simulator has it; otherwise whether any sandbox rule is active. */
async function loadSandbox(): Promise<SandboxState & { list: Rule[] }> {
  const list = await getJson<Rule[]>('/faults?source=sandbox');
  const state = await getJson<SandboxState>('/faults/sandbox').catch(() => ({ enabled: list.length > 0, rules: list.length }));
  return { ...state, list };
}

/** Every endpoint key a rule may name, as the simulator serves them. */
async function loadEndpoints(): Promise<string[]> {
  return (await getJson<{ endpoints?: string[] }>('/health')).endpoints ?? [];
}

export function FaultsPanel() {
  const user = useLoad(() => getJson<Rule[]>('/faults?source=user'));
  const sandbox = useLoad(loadSandbox);
  const seen = useLoad(loadEndpoints);
  const [error, act] = useAction();
  const reload = useCallback(() => (user.reload(), sandbox.reload()), [user.reload, sandbox.reload]);
  // Both sets count what fired; the sandbox set's counters move with the sandbox's magic values.
  useReloadOnLive(reload, ['request']);
  const ruled = [...(user.value ?? []), ...(sandbox.value?.list ?? [])].map((rule) => rule.endpoint);
  const endpoints = [...new Set([...ruled, ...(seen.value ?? [])])].filter((endpoint) => endpoint !== '*').sort();
  return html`
    <section class="card faults-user">
      <h2>User rules</h2>
      ${user.error && html`<p class="error">${user.error}</p>`}
      ${user.value && !user.value.length && html`<p class="empty">No user rules: every request is answered as DANA's sandbox would.</p>`}
      ${!!user.value?.length && html`<${RuleTable} rules=${user.value} reload=${reload} />`}
    </section>
    <section class="card">
      <h2>Add a rule</h2>
      ${seen.error && html`<p class="error">${seen.error}</p>`}
      <${RuleForm} endpoints=${endpoints} reload=${reload} />
    </section>
    <section class="card faults-sandbox">
      <h2>Sandbox magic values</h2>
      ${sandbox.error && html`<p class="error">${sandbox.error}</p>`}
      <label class="inline">
        <input
          type="checkbox"
          class="sandbox-toggle"
          checked=${sandbox.value?.enabled ?? false}
          onChange=${(event: Event) => act(() => postJson('/faults/sandbox', { enabled: (event.target as HTMLInputElement).checked }), reload)}
        />
        DANA's sandbox rule set is
        <strong>${sandbox.value?.enabled ? 'on' : 'off'}</strong>${sandbox.value?.enabled ? ` (${sandbox.value.list.length} rules)` : ''}
      </label>
      ${error && html`<p class="error">${error}</p>`}
      ${
        !!sandbox.value?.list.length &&
        html`<details>
          <summary>The sandbox rules</summary>
          <${RuleTable} rules=${sandbox.value.list} reload=${reload} />
        </details>`
      }
    </section>
  `;
}
