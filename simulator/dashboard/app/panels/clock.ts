import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson } from '../api.ts';
import { wib } from '../format.ts';
import { html } from '../html.ts';
import { useAction, useLoad } from '../load.ts';

// Clock: the simulator's time in WIB and how far it has been moved, and moving it on. Whatever became
// due meanwhile (transfers completing, orders and VAs expiring, notification retries) happens before
// the advance call answers, so the other panels show its effects when they next load.

interface Clock {
  readonly now: string;
  readonly offsetMs?: number;
}

const QUICK = ['1m', '10m', '1h', '1d'];

/** 90061000 → "1d 1h 1m 1s"; 0 → "none". */
function span(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  return parts.join(' ') || (ms > 0 ? `${ms}ms` : 'none');
}

export function ClockPanel() {
  const clock = useLoad(() => getJson<Clock>('/clock'));
  // A running clock moves on by itself (a frozen one only when advanced): read it again now and then.
  useEffect(() => {
    const timer = setInterval(clock.reload, 5_000);
    return () => clearInterval(timer);
  }, [clock.reload]);
  const [duration, setDuration] = useState('');
  const [error, act, busy] = useAction();
  const advance = (by: string) => act(() => postJson('/clock/advance', { duration: by }), clock.reload);
  return html`
    <section class="card clock">
      <h2>Simulator clock</h2>
      ${clock.error && html`<p class="error">${clock.error}</p>`}
      <p>Now: <strong class="clock-now">${clock.value ? wib(clock.value.now) : '…'}</strong></p>
      ${clock.value?.offsetMs !== undefined && html`<p>Moved on by: <span class="clock-offset">${span(clock.value.offsetMs)}</span></p>`}
      <form
        class="clock-advance inline"
        onSubmit=${(event: Event) => {
          event.preventDefault();
          void advance(duration.trim());
        }}
      >
        <span>Advance by</span>
        ${QUICK.map((by) => html`<button type="button" class="clock-quick" disabled=${busy} onClick=${() => advance(by)}>${by}</button>`)}
        <input
          name="duration"
          placeholder="90s, 5m, 1h30m"
          value=${duration}
          onInput=${(e: Event) => setDuration((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled=${busy}>Advance</button>
      </form>
      ${error && html`<p class="error">${error}</p>`}
    </section>
  `;
}
