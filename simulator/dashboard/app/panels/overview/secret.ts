import { useState } from 'preact/hooks';
import { html } from '../../html.ts';

// A secret (private key, client secret) stays hidden until asked for, so a screen share or a
// screenshot of the dashboard does not leak it by accident. Until then the page does not hold it
// at all (nothing to select or for a screen reader to read out); the button is reachable by keyboard.

export function Secret({ value, label, reveal = false }: { value: string; label: string; reveal?: boolean }) {
  const [shown, setShown] = useState(false);
  if (shown || reveal) return html`<span class="secret shown" data-secret=${label}>${value}</span>`;
  return html`<button type="button" class="secret" data-secret=${label} aria-label=${`show ${label}`} onClick=${() => setShown(true)}>
    ${'•'.repeat(12)} show
  </button>`;
}
