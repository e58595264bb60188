import { useRef, useState } from 'preact/hooks';
import { getJson } from '../../api.ts';
import { html } from '../../html.ts';
import { useLoad } from '../../load.ts';
import type { Merchant } from './merchants.ts';
import { Secret } from './secret.ts';

// Credentials to copy into an app: per merchant, the dotenv block `dana-sim env --lang L --format
// dotenv` prints, one per SDK language. Secrets are hidden until clicked; Copy copies the whole
// block, secrets included (that is what it is for), and where the clipboard is refused it shows the
// secrets and selects the block for Ctrl+C.

interface Credentials {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly envFile?: string;
  /** Why PRIVATE_KEY is missing, when the simulator holds none to give. */
  readonly note?: string;
  readonly languages: readonly { readonly lang: string; readonly env: string }[];
}

/** A variable whose value is a credential: hidden on screen. */
const SECRET_NAME = /PRIVATE_KEY|SECRET/;

const loadCredentials = (merchant: Merchant) => getJson<Credentials>(`/credentials?merchant=${encodeURIComponent(merchant.merchantId)}`);

function EnvLine({ line, reveal }: { line: string; reveal: boolean }) {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  if (!match || !SECRET_NAME.test(match[1])) return html`<span class=${line.startsWith('#') ? 'env-comment' : ''}>${line}</span>`;
  return html`<span>${match[1]}=<${Secret} value=${match[2]} label=${match[1]} reveal=${reveal} /></span>`;
}

/** Copies with the Clipboard API; false where it is refused (a page over plain HTTP may be). */
async function copied(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function select(block: HTMLElement | null): void {
  if (!block) return;
  const range = document.createRange();
  range.selectNodeContents(block);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
}

function MerchantCredentials({ merchant }: { merchant: Merchant }) {
  const credentials = useLoad(() => loadCredentials(merchant), [merchant.merchantId]);
  const [lang, setLang] = useState<string>('node');
  const [copyState, setCopyState] = useState('');
  const [reveal, setReveal] = useState(false);
  const block = useRef<HTMLPreElement>(null);
  const env = credentials.value?.languages.find((entry) => entry.lang === lang)?.env ?? '';
  return html`
    <div class="credentials" data-merchant=${merchant.merchantId}>
      <h3>${merchant.name} <code>${merchant.partnerId}</code></h3>
      ${credentials.error && html`<p class="error">${credentials.error}</p>`}
      <div class="credentials-bar">
        ${(credentials.value?.languages ?? []).map(
          (entry) =>
            html`<button
              type="button"
              class=${entry.lang === lang ? 'lang primary' : 'lang'}
              data-lang=${entry.lang}
              onClick=${() => (setLang(entry.lang), setCopyState(''), setReveal(false))}
            >
              ${entry.lang}
            </button>`,
        )}
        <button
          type="button"
          class="copy"
          onClick=${async () => {
            if (await copied(env)) return setCopyState('copied');
            // Selecting needs the secrets on the page: show them, then select once drawn.
            setReveal(true);
            setCopyState('selected: press Ctrl+C');
            requestAnimationFrame(() => select(block.current));
          }}
        >
          Copy
        </button>
        <span class="copy-state empty">${copyState}</span>
      </div>
      ${credentials.value?.note && html`<p class="empty note">${credentials.value.note}</p>`}
      ${credentials.value?.envFile && html`<p class="empty">From <code>${credentials.value.envFile}</code></p>`}
      <pre class="env-block" data-lang=${lang} ref=${block}>
${env
          .split('\n')
          // htm drops whitespace with line breaks between tags, so each line break is an expression.
          .map((line, index) => html`${index ? '\n' : ''}<${EnvLine} line=${line} reveal=${reveal} />`)}</pre>
    </div>
  `;
}

export function CredentialsCard({ merchants }: { merchants: readonly Merchant[] }) {
  return html`
    <section class="card">
      <h2>Credentials</h2>
      <p class="empty">Environment variables for the official DANA SDKs; secrets stay hidden until clicked.</p>
      ${merchants.map((merchant) => html`<${MerchantCredentials} key=${merchant.merchantId} merchant=${merchant} />`)}
    </section>
  `;
}
