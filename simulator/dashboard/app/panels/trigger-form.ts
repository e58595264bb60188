import { postJson } from '../api.ts';
import { html } from '../html.ts';
import { useAction, useFields } from '../load.ts';

// A notification about the same transfer, order or VA, sent anew with fields overridden
// (POST /notifications/trigger): the product builds the body as it would, then each `path=value` line
// replaces one field. Values are read as JSON when they are JSON ("06", 12, true, {...}), else as text.

/** What the form reads of a notification record. */
interface Triggered {
  readonly kind: string;
  readonly url?: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Which trigger a record's kind belongs to, and the body field that names its transaction. */
const SUBJECTS: Record<string, [string, string]> = {
  transferToBankNotify: ['transfer', 'originalPartnerReferenceNo'],
  finishNotify: ['order', 'originalPartnerReferenceNo'],
  vaCreate: ['va', 'virtualAccountNo'],
  vaInquiryStatus: ['va', 'virtualAccountNo'],
};

function referenceOf(record: Triggered, field: string | undefined): string {
  const value = field && record.body[field];
  return typeof value === 'string' ? value : '';
}

/** "a.b=1\nc=text" → {"a.b": 1, "c": "text"}; a line without `=` is a mistake worth naming. */
function parseOverrides(text: string): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`"${line}" is not path=value, e.g. latestTransactionStatus="06"`);
    const raw = line.slice(equals + 1).trim();
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Plain text.
    }
    set[line.slice(0, equals).trim()] = value;
  }
  return set;
}

export function TriggerForm({ record, reload }: { record: Triggered; reload: () => void }) {
  const [subject, field] = SUBJECTS[record.kind] ?? ['', undefined];
  const { fields: form, bind } = useFields({ subject, reference: referenceOf(record, field), set: '', url: '' });
  const [error, act] = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void act(
      async () =>
        postJson('/notifications/trigger', {
          subject: form.subject.trim(),
          reference: form.reference.trim(),
          set: parseOverrides(form.set),
          ...(form.url.trim() ? { url: form.url.trim() } : {}),
        }),
      reload,
    );
  };
  return html`
    <details class="trigger">
      <summary>Trigger with overridden fields</summary>
      <form class="trigger-form" onSubmit=${submit}>
        <label>Subject <input ...${bind('subject')} placeholder="transfer, order or va" /></label>
        <label>Reference <input ...${bind('reference')} placeholder="partnerReferenceNo or virtualAccountNo" /></label>
        <label>URL (optional) <input ...${bind('url')} type="url" placeholder=${record.url ?? ''} /></label>
        <label class="wide"
          >Fields, one path=value a line
          <textarea ...${bind('set')} rows="3" placeholder='latestTransactionStatus="06"'></textarea>
        </label>
        <button type="submit" class="primary">Trigger</button>
      </form>
      ${error && html`<p class="error">${error}</p>`}
    </details>
  `;
}
