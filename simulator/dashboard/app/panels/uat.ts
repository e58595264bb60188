import { html } from '../html.ts';

// Placeholder until this panel is built (issue 19).
export function UatPanel() {
  return html`<p class="empty">Not built yet.</p>`;
}
