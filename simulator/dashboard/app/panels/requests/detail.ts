import { useEffect, useRef } from 'preact/hooks';
import { pretty, wib } from '../../format.ts';
import { html } from '../../html.ts';
import { Postings } from '../postings.ts';
import { verdictClass, verdictOf, type Diagnosis, type LogEntry } from './model.ts';

// One request in full: what was sent and answered (the server redacted secrets already), its
// references, why it failed, the signature verdict with dana-sim's diagnosis, and its postings.

function Field({ name, value, code = true }: { name: string; value: unknown; code?: boolean }) {
  if (value === undefined || value === '') return '';
  return html`<dt>${name}</dt>
    <dd>${code ? html`<code>${String(value)}</code>` : String(value)}</dd>`;
}

/** Every field of the server's Diagnosis (simulator/signature/diagnose.ts). */
function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  return html`<div class="diagnosis" data-mistake=${diagnosis.mistake.kind}>
    <p class="diagnosis-mistake bad"><strong>Likely mistake (${diagnosis.mistake.kind}):</strong> ${diagnosis.mistake.detail}</p>
    <dl class="fields">
      <${Field} name="Scheme" value=${diagnosis.scheme} code=${false} />
      <${Field}
        name="Checked against"
        value=${`partner ${diagnosis.verifiedWith.partnerId}'s ${diagnosis.verifiedWith.key}`}
        code=${false}
      />
      <${Field} name="Method" value=${diagnosis.method} />
      <${Field} name="Path" value=${diagnosis.path} />
      <${Field} name="Body SHA-256" value=${diagnosis.bodySha256} />
      <${Field} name="X-TIMESTAMP" value=${diagnosis.timestamp} />
    </dl>
    <h4>String to sign, as dana-sim built it from the bytes received</h4>
    <pre class="string-to-sign">${diagnosis.stringToSign}</pre>
  </div>`;
}

function Signature({ entry }: { entry: LogEntry }) {
  const verdict = verdictOf(entry);
  return html`<section class="detail-signature">
    <h3>Signature / token: <span class=${verdictClass(verdict)}>${verdict.text}</span></h3>
    ${
      entry.diagnosis
        ? html`<${DiagnosisView} diagnosis=${entry.diagnosis} />`
        : verdict.ok === false && html`<p class="empty">No diagnosis was recorded for this refusal.</p>`
    }
  </section>`;
}

function Pairs({ title, pairs, className }: { title: string; pairs: Readonly<Record<string, string>> | undefined; className: string }) {
  const rows = Object.entries(pairs ?? {});
  return html`<section class=${className}>
    <h3>${title}</h3>
    ${
      rows.length
        ? html`<table>
            <tbody>
              ${rows.map(
                ([name, value]) =>
                  html`<tr>
                    <th>${name}</th>
                    <td><code>${value}</code></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="empty">None.</p>`
    }
  </section>`;
}

function PostingsOf({ entry }: { entry: LogEntry }) {
  return html`<section class="detail-postings">
    <h3>Postings</h3>
    <${Postings} postings=${entry.postings ?? []} empty="This request moved no money." />
  </section>`;
}

export function RequestDetail({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  const card = useRef<HTMLElement>(null);
  // The detail opens below a long table: bring it into view when another request is chosen.
  useEffect(() => card.current?.scrollIntoView({ block: 'nearest' }), [entry.seq]);
  return html`<section class="card request-detail" data-seq=${entry.seq} ref=${card}>
    <div class="detail-head">
      <h2>#${entry.seq} ${entry.endpoint ?? ''} <code>${entry.method} ${entry.path}</code></h2>
      <button type="button" class="close" onClick=${onClose}>Close</button>
    </div>
    <dl class="fields">
      <${Field} name="Time" value=${wib(entry.at)} code=${false} />
      <${Field} name="Partner" value=${entry.partnerId} />
      <${Field} name="HTTP status" value=${entry.httpStatus} />
      <${Field} name="Code" value=${entry.code} />
      <${Field} name="Rule fired" value=${entry.rule && `${entry.rule}${entry.effect ? ` (${entry.effect})` : ''}`} />
      <${Field} name="Took" value=${`${entry.durationMs} ms`} code=${false} />
    </dl>
    ${entry.reason && html`<p class="request-reason"><strong>Reason:</strong> ${entry.reason}</p>`}
    <${Signature} entry=${entry} />
    <div class="detail-columns">
      <${Pairs} title="References" pairs=${entry.references} className="detail-references" />
      <${PostingsOf} entry=${entry} />
    </div>
    <${Pairs} title="Request headers" pairs=${entry.request?.headers} className="detail-headers" />
    <div class="detail-columns">
      <section>
        <h3>Request body</h3>
        <pre class="request-body">${pretty(entry.request?.body ?? '')}</pre>
      </section>
      <section>
        <h3>Reply body</h3>
        <pre class="reply-body">${pretty(entry.reply?.body ?? '')}</pre>
      </section>
    </div>
  </section>`;
}
