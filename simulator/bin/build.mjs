// Bundles the CLI with esbuild into dist/ (code-split, packages left external), so the simulator starts
// in plain Node without transforming TypeScript at start-up. Runs on `npm install` (prepare) and
// before `npm start`; the bin falls back to tsx when dist/ is missing or older than the sources.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// `--outdir <dir>` builds elsewhere (the bundle test); the default is what the bin runs.
const flag = process.argv.indexOf('--outdir');
const outdir = flag > 0 ? process.argv[flag + 1] : join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'scenarios/cli.ts')],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  entryNames: 'cli',
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'built-at.json'), JSON.stringify({ builtAt: Date.now() }));
