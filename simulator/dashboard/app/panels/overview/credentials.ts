import { useRef, useState } from 'preact/hooks';
import { getJson } from '../../api.ts';
import { html } from '../../html.ts';
import { useLoad } from '../../load.ts';
import type { Merchant } from './merchants.ts';
import { Secret } from './secret.ts';

// Credentials to copy into an app: per merchant, the dotenv block `dana-sim env --lang L --format
// dotenv` prints, one per SDK language. Secrets are blurred until clicked; Copy copies the whole
// block, secrets included (that is what it is for).

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

function EnvLine({ line }: { line: string }) {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  if (!match || !SECRET_NAME.test(match[1])) return html`<span class=${line.startsWith('#') ? 'env-comment' : ''}>${line}</span>`;
  return html`<span>${match[1]}=<${Secret} value=${match[2]} label=${match[1]} /></span>`;
}

/** Copies with the Clipboard API; where it is refused, selects the block for Ctrl+C instead. */
async function copy(text: string, block: HTMLElement | null): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (block) {
      const range = document.createRange();
      range.selectNodeContents(block);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    return 'selected: press Ctrl+C';
  }
}

function MerchantCredentials({ merchant }: { merchant: Merchant }) {
  const credentials = useLoad(() => loadCredentials(merchant), [merchant.merchantId]);
  const [lang, setLang] = useState<string>('node');
  const [copied, setCopied] = useState('');
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
              onClick=${() => (setLang(entry.lang), setCopied(''))}
            >
              ${entry.lang}
            </button>`,
        )}
        <button type="button" class="copy" onClick=${async () => setCopied(await copy(env, block.current))}>Copy</button>
        <span class="copy-state empty">${copied}</span>
      </div>
      ${credentials.value?.note && html`<p class="empty note">${credentials.value.note}</p>`}
      ${credentials.value?.envFile && html`<p class="empty">From <code>${credentials.value.envFile}</code></p>`}
      <pre class="env-block" data-lang=${lang} ref=${block}>
${env
          .split('\n')
          // htm drops whitespace with line breaks between tags, so each line break is an expression.
          .map((line, index) => html`${index ? '\n' : ''}<${EnvLine} line=${line} />`)}</pre>
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
