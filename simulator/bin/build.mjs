// Builds what the package runs and ships, into dist/:
//   - esbuild bundles the entry points (code-split, packages left external) into plain ESM, so the CLI
//     and the library run in Node without transforming TypeScript: cli.js (the bin), index.js
//     (`dana-sim`), msw.js (`dana-sim/msw`), forward.js (`dana-sim/forward`), verify.js (`dana-sim/verify`).
//     Split chunks keep one copy of each module, so the Simulator class msw.js uses is index.js's.
//   - with --types, tsc (tsconfig.build.json, declarations only) writes dist/types/; the sources import
//     with .ts extensions, which declarations keep, so they are rewritten to .js as the JS output has them.
//   - index.cjs: what `require('dana-sim')` gets (see below).
//   - dashboard/: the dashboard's page and hashed files (simulator/dashboard/build.mjs).
// `npm install` (prepare) and `npm pack` build everything; `npm start` (prestart) only the JavaScript,
// and the bin falls back to tsx when dist/cli.js is missing or older than the sources.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDashboard } from '../dashboard/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// `--outdir <dir>` builds elsewhere (the bundle test); the default is what the bin runs.
const flag = process.argv.indexOf('--outdir');
const outdir = flag > 0 ? process.argv[flag + 1] : join(root, 'dist');
const withTypes = process.argv.includes('--types');
const typesDir = join(outdir, 'types');

// A JavaScript-only build keeps the declarations of the last full one (they change with the API only).
for (const name of existsSync(outdir) ? readdirSync(outdir) : []) {
  if (withTypes || name !== 'types') rmSync(join(outdir, name), { recursive: true, force: true });
}

await build({
  entryPoints: {
    cli: join(root, 'scenarios/cli.ts'),
    index: join(root, 'simulator/index.ts'),
    msw: join(root, 'simulator/adapters/msw.ts'),
    forward: join(root, 'simulator/adapters/forward-preload.ts'),
    verify: join(root, 'simulator/verify.ts'),
  },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

mkdirSync(join(outdir, 'dashboard'));
for (const file of await buildDashboard()) writeFileSync(join(outdir, 'dashboard', file.name), file.contents);

// Node 20.19+ loads an ES module through require() when it has no top-level await, so require() is
// tried; where it cannot work (older Node, Jest's own module loader) the error says what to do instead.
writeFileSync(
  join(outdir, 'index.cjs'),
  `'use strict';
try {
  module.exports = require('./index.js');
} catch (error) {
  throw new Error(
    "dana-sim is an ES module package: use import (or await import('dana-sim')) instead of require(). " +
      'Under Jest, run it with native ESM (NODE_OPTIONS=--experimental-vm-modules) or use Vitest.',
    { cause: error },
  );
}
`,
);

if (withTypes) {
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', typesDir], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  for (const name of readdirSync(typesDir, { recursive: true })) {
    if (typeof name !== 'string' || !name.endsWith('.d.ts')) continue;
    const file = join(typesDir, name);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/((?:from|import|declare module)\s*\(?\s*['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2'));
  }
}

writeFileSync(join(outdir, 'built-at.json'), JSON.stringify({ builtAt: Date.now() }));
