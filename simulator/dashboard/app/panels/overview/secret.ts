import { useState } from 'preact/hooks';
import { html } from '../../html.ts';

// A secret (private key, client secret) stays blurred until clicked, so a screen share or a
// screenshot of the dashboard does not leak it by accident.

export function Secret({ value, label }: { value: string; label: string }) {
  const [shown, setShown] = useState(false);
  return html`<span
    class=${shown ? 'secret shown' : 'secret'}
    data-secret=${label}
    title=${shown ? label : `${label}: click to show`}
    onClick=${() => setShown(true)}
    >${value}</span
  >`;
}
