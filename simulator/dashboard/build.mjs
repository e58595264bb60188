// The dashboard's browser bundle: simulator/dashboard/app/ (Preact + htm) bundled by esbuild into one
// script and one stylesheet with content hashes in their names, plus the page that loads them. The
// package build writes it to dist/dashboard/ (simulator/bin/build.mjs); a simulator running from the
// sources builds it in memory on first request instead (assets.ts), so the page always matches them.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the page loads its hashed files from; served by the simulator, never by a CDN. */
export const ASSET_PREFIX = '/__sim/ui/';

function page(script, style) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dana-sim</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PREFIX}${style}">
<script type="module" src="${ASSET_PREFIX}${script}"></script>
</head>
<body><div id="app"><p class="loading">dana-sim dashboard: loading…</p></div></body>
</html>
`;
}

/** The page and its files: [{ name, contents: Uint8Array }], `index.html` first. */
export async function buildDashboard() {
  const result = await build({
    entryPoints: { app: join(here, 'app', 'main.ts') },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    entryNames: '[name]-[hash]',
    outdir: join(here, 'out'),
    logLevel: 'silent',
  });
  const files = result.outputFiles.map((file) => ({ name: file.path.slice(file.path.lastIndexOf('/') + 1), contents: file.contents }));
  const script = files.find((file) => file.name.endsWith('.js'));
  const style = files.find((file) => file.name.endsWith('.css'));
  if (!script || !style) throw new Error('the dashboard build gave no script or no stylesheet');
  return [{ name: 'index.html', contents: new TextEncoder().encode(page(script.name, style.name)) }, ...files];
}
