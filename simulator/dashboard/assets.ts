import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The dashboard's files, found once per process: the package ships them prebuilt in dist/dashboard/
// (next to the bundled module, or one folder up from a split chunk); from the sources there is no
// such folder, so build.mjs bundles simulator/dashboard/app/ in memory with esbuild (a
// devDependency, present in any checkout), and the page is always the sources' own.

export interface DashboardFile {
  readonly name: string;
  readonly contents: Uint8Array;
}

const here = dirname(fileURLToPath(import.meta.url));

function prebuilt(): DashboardFile[] | undefined {
  for (const dir of [join(here, 'dashboard'), join(here, '..', 'dashboard')]) {
    if (!existsSync(join(dir, 'index.html'))) continue;
    return readdirSync(dir).map((name) => ({ name, contents: new Uint8Array(readFileSync(join(dir, name))) }));
  }
  return undefined;
}

async function fromSources(): Promise<DashboardFile[]> {
  // A computed specifier: the package bundle must not pull esbuild (or this builder) into dist/.
  const builder = pathToFileURL(join(here, 'build.mjs')).href;
  const { buildDashboard } = (await import(builder)) as { buildDashboard(): Promise<DashboardFile[]> };
  return buildDashboard();
}

let loading: Promise<ReadonlyMap<string, DashboardFile>> | undefined;

/** The dashboard's files by name (`index.html`, `app-<hash>.js`, `app-<hash>.css`). */
export function dashboardFiles(): Promise<ReadonlyMap<string, DashboardFile>> {
  loading ??= (async () => {
    const files = prebuilt() ?? (await fromSources());
    return new Map(files.map((file) => [file.name, file]));
  })();
  // A failed build is tried again on the next request rather than remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}
