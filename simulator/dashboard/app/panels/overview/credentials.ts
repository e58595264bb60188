import { useRef, useState } from 'preact/hooks';
import { ApiError, getJson } from '../../api.ts';
import { html } from '../../html.ts';
import { useLoad } from '../../load.ts';
import type { Merchant } from './merchants.ts';
import { Secret } from './secret.ts';

// Credentials to copy into an app: per merchant, the dotenv block `dana-sim env --lang L --format
// dotenv` prints, one per SDK language. Secrets are blurred until clicked; Copy copies the whole
// block, secrets included (that is what it is for).

const LANGUAGES = ['node', 'python', 'go', 'php', 'java'] as const;

interface Credentials {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly envFile?: string;
  readonly note?: string;
  readonly languages: readonly { readonly lang: string; readonly env: string }[];
}

/** A variable whose value is a credential: hidden on screen. */
const SECRET_NAME = /PRIVATE_KEY|SECRET/;

/**
 * A simulator without GET /credentials (older, or not merged yet) still has the merchant's public
 * fields: the same variable names as merchant.env, without the private key, which only the server's
 * data directory holds.
 */
async function fallback(merchant: Merchant): Promise<Credentials> {
  const dana = await getJson<{ publicKeyPem: string }>('/keys/dana');
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
  const env = [
    `X_PARTNER_ID=${quote(merchant.partnerId)}`,
    '# PRIVATE_KEY: in merchant.env in the data directory `dana-sim start` wrote (see its banner)',
    `ORIGIN=${quote(merchant.origin)}`,
    `MERCHANT_ID=${quote(merchant.merchantId)}`,
    `CLIENT_SECRET=${quote(merchant.clientSecret)}`,
    `DANA_PUBLIC_KEY=${quote(dana.publicKeyPem)}`,
    `DANA_SIM_URL=${quote(location.origin)}`,
    `DEPOSIT_VA_NUMBER=${quote(merchant.depositVaNumber)}`,
  ].join('\n');
  return {
    merchantId: merchant.merchantId,
    partnerId: merchant.partnerId,
    note: 'This simulator has no GET /__sim/credentials: the block holds the public fields only; run `dana-sim env --lang <language>` for the proxy and CA settings.',
    languages: LANGUAGES.map((lang) => ({ lang, env })),
  };
}

async function loadCredentials(merchant: Merchant): Promise<Credentials> {
  try {
    return await getJson<Credentials>(`/credentials?merchant=${encodeURIComponent(merchant.merchantId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return fallback(merchant);
    throw error;
  }
}

function EnvLine({ line }: { line: string }) {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  // htm drops whitespace with line breaks between tags, so the line break is an expression.
  if (!match || !SECRET_NAME.test(match[1])) return html`<span class=${line.startsWith('#') ? 'env-comment' : ''}>${line}</span>${'\n'}`;
  return html`<span>${match[1]}=<${Secret} value=${match[2]} label=${match[1]} /></span>${'\n'}`;
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
      <pre class="env-block" data-lang=${lang} ref=${block}>${env.split('\n').map((line) => html`<${EnvLine} line=${line} />`)}</pre>
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
