import type { SimResponse } from '../../../core/render.ts';

// The cashier's page shell: one self-contained HTML document (inline CSS, no fonts, images or
// scripts from anywhere else, so it works offline), laid out for a phone first.

/** Every value that did not come from this file goes through here: titles, merchant names, URLs. */
export const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#eef3f8;color:#1f2d3d;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{background:#108ee9;color:#fff;padding:.75rem 1rem;font-weight:700;letter-spacing:.08em}
header small{font-weight:400;letter-spacing:0;opacity:.85;margin-left:.5rem}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1rem;margin-bottom:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.merchant-name,.order-title,.phone-number,.lbl-failed-description,.sdetfe-lbl-success-description{overflow-wrap:anywhere}
.merchant-name{font-weight:600;margin:0}
.order-title{color:#5c6b7a;margin:.25rem 0 0}
.amount{font-size:1.75rem;font-weight:700;margin:.5rem 0 0}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;margin:.25rem 0}
.row strong{white-space:nowrap}
label{display:block;font-weight:600;margin-bottom:.5rem}
.desktop-input{display:flex;align-items:center;border:1px solid #c5d0db;border-radius:8px;background:#fff}
.desktop-input .prefix{padding:0 .5rem 0 .75rem;color:#5c6b7a}
input{font:inherit;font-size:1.1rem;border:0;padding:.75rem;width:100%;min-width:0;border-radius:8px;background:transparent}
.txt-input-pin-field{border:1px solid #c5d0db;letter-spacing:.5em;text-align:center}
button,.btn{display:block;width:100%;font:inherit;font-weight:600;padding:.8rem 1rem;margin-top:.75rem;border-radius:8px;border:0;cursor:pointer;text-align:center;text-decoration:none}
.btn-continue,.btn-primary{background:#108ee9;color:#fff}
.btn-secondary{background:#fff;color:#108ee9;border:1px solid #108ee9}
.bank-item{display:flex;align-items:center;gap:.75rem;padding:.75rem;border:2px solid #108ee9;border-radius:8px;cursor:pointer}
.bank-title{font-weight:700;color:#108ee9}
.bank-description{color:#5c6b7a;font-size:.9rem}
.notice{color:#5c6b7a;font-size:.9rem}
.error{color:#c0392b;font-weight:600}
.result-animation{width:4rem;height:4rem;margin:0 auto;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:2rem;color:#fff}
.sdet-img-success-payment{background:#27ae60}
.img-failed-payment{background:#c0392b}
.result{text-align:center}
`;

export interface PageOptions {
  /** Where the browser goes by itself after `seconds` (a meta refresh: works without scripts). */
  readonly redirect?: { readonly url: string; readonly seconds: number };
  /** Inline script: the countdown and the PIN field's auto-submit. */
  readonly script?: string;
}

export function page(status: number, title: string, body: string, options: PageOptions = {}): SimResponse {
  const refresh = options.redirect
    ? `<meta http-equiv="refresh" content="${options.redirect.seconds};url=${escape(options.redirect.url)}">`
    : '';
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'same-origin' },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escape(title)} · DANA (dana-sim)</title><style>${STYLE}</style></head>
<body><header>DANA<small>sandbox cashier · dana-sim</small></header><main>
${body}
</main>${options.script ? `<script>${options.script}</script>` : ''}</body></html>`,
  };
}

export const redirect = (url: string): SimResponse => ({ status: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' });
