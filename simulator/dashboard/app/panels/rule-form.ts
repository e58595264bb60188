import { useState } from 'preact/hooks';
import { postJson } from '../api.ts';
import { html } from '../html.ts';
import { useAction, useFields } from '../load.ts';

// Adding a fault rule: a small form for the common effects, and the full RuleSpec as JSON for the
// rest (predicates, nth, probability, partner; see contracts/common/rule.ts). The simulator checks
// either (unknown endpoint, a result the endpoint cannot answer) and its message is shown as is.

const EFFECTS: ReadonlyArray<[string, string]> = [
  ['result', 'answer a result key'],
  ['latency', 'only a delay'],
  ['drop', 'commit, then drop the reply'],
  ['timeout', 'time out before commit'],
  ['gateway', 'gateway error page'],
];

/** What the effect's one value means, for the placeholder. */
const VALUE_HINT: Record<string, string> = {
  result: 'INTERNAL_SERVER_ERROR',
  latency: 'delay in ms, e.g. 2000',
  gateway: '502, 503 or 504',
};

const SAMPLE = JSON.stringify(
  {
    endpoint: 'transferToBank',
    when: [{ field: 'amount.value', op: 'gte', value: 1000000 }],
    times: 1,
    effect: { result: 'INSUFFICIENT_FUNDS' },
  },
  null,
  2,
);

type Fields = {
  endpoint: string;
  effect: string;
  value: string;
  delay: string;
  times: string;
};

function effectOf(fields: Fields): Record<string, unknown> {
  const delay = fields.delay.trim() ? { delayMs: Number(fields.delay) } : {};
  switch (fields.effect) {
    case 'result':
      return { result: fields.value.trim(), ...delay };
    case 'latency':
      return { delayMs: Number(fields.value || fields.delay) };
    case 'drop':
      return { lostResponse: 'drop', ...delay };
    case 'timeout':
      return { timeout: 'before-commit' };
    default:
      return { gateway: Number(fields.value) };
  }
}

function specOf(fields: Fields): Record<string, unknown> {
  return {
    endpoint: fields.endpoint.trim(),
    ...(fields.times.trim() ? { times: Number(fields.times) } : {}),
    effect: effectOf(fields),
  };
}

export function RuleForm({ endpoints, reload }: { endpoints: readonly string[]; reload: () => void }) {
  const { fields, setFields, bind } = useFields<Fields>({ endpoint: '', effect: 'result', value: '', delay: '', times: '1' });
  const [json, setJson] = useState(SAMPLE);
  const [error, act] = useAction();
  const add = (spec: () => unknown) => act(async () => postJson('/faults', spec()), reload);
  return html`
    <form
      class="rule-form"
      onSubmit=${(event: Event) => {
        event.preventDefault();
        void add(() => specOf(fields));
      }}
    >
      <label
        >Endpoint <input ...${bind('endpoint')} list="rule-endpoints" placeholder="transferToDana, transferToBank, * …" required
      /></label>
      <datalist id="rule-endpoints">${['*', ...endpoints].map((endpoint) => html`<option value=${endpoint} />`)}</datalist>
      <label
        >Effect
        <select
          name="effect"
          value=${fields.effect}
          onChange=${(e: Event) => setFields({ ...fields, effect: (e.target as HTMLSelectElement).value })}
        >
          ${EFFECTS.map(([id, title]) => html`<option value=${id}>${title}</option>`)}
        </select>
      </label>
      ${VALUE_HINT[fields.effect] && html`<label>Value <input ...${bind('value')} placeholder=${VALUE_HINT[fields.effect]} /></label>`}
      ${
        fields.effect !== 'latency' &&
        fields.effect !== 'gateway' &&
        fields.effect !== 'timeout' &&
        html`<label>Delay ms <input ...${bind('delay')} type="number" min="0" placeholder="none" /></label>`
      }
      <label>Times <input ...${bind('times')} type="number" min="1" placeholder="unlimited" /></label>
      <button type="submit" class="primary">Add rule</button>
    </form>
    <details class="rule-json">
      <summary>Full rule as JSON</summary>
      <textarea
        class="rule-json-input"
        rows="9"
        value=${json}
        onInput=${(e: Event) => setJson((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="inline">
        <button type="button" class="primary" onClick=${() => add(() => JSON.parse(json))}>Add JSON rule</button>
        <button type="button" onClick=${() => setJson(JSON.stringify(specOf(fields), null, 2))}>From the form</button>
      </div>
    </details>
    ${error && html`<p class="error rule-form-error">${error}</p>`}
  `;
}
