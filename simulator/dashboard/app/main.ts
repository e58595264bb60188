import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.ts';
import { startLiveStream, useLiveState } from './live.ts';
import { PANELS } from './panels.ts';
import './style.css';

// The dashboard's shell: a tab per panel (kept in the address as #/<id>, so a reload or a shared
// link opens the same one) and the live stream every panel listens to.

function currentTab(): string {
  const id = /^#\/([\w-]+)/.exec(location.hash)?.[1];
  return PANELS.some((panel) => panel.id === id) ? id! : PANELS[0].id;
}

function App() {
  const [tab, setTab] = useState(currentTab);
  const live = useLiveState();
  useEffect(() => {
    const onHash = () => setTab(currentTab());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const panel = PANELS.find((entry) => entry.id === tab)!;
  return html`
    <header class="top">
      <h1>dana-sim</h1>
      <nav class="tabs" role="tablist">
        ${PANELS.map(
          (entry) =>
            html`<a role="tab" href=${`#/${entry.id}`} class=${entry.id === tab ? 'tab active' : 'tab'} aria-selected=${entry.id === tab}
              >${entry.title}</a
            >`,
        )}
      </nav>
      <span class=${live ? 'live on' : 'live off'} title="the live event stream">${live ? 'live' : 'offline'}</span>
    </header>
    <main class="panel" data-panel=${panel.id}><${panel.component} /></main>
  `;
}

const controller = new AbortController();
startLiveStream(controller.signal);
const root = document.getElementById('app')!;
// Preact diffs against what is there: the page's "loading…" line would otherwise stay below the app.
root.replaceChildren();
render(html`<${App} />`, root);
