#!/usr/bin/env node
// Runs the CLI from dist/ (built by `npm install`) when it is newer than every source file, else the
// TypeScript sources directly through tsx, so an edited checkout never runs stale code. The installed
// package ships dist/ without the sources, so there it always runs dist/ on plain Node.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'dist', 'cli.js');

function newestSource() {
  let newest = 0;
  for (const dir of ['simulator', 'contracts', 'scenarios']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir), { recursive: true })) {
      // Tests and fixtures are not in the bundle: editing one must not send the CLI through tsx.
      if (typeof name === 'string' && name.endsWith('.ts') && !/\.(test|fixture)\.ts$/.test(name))
        newest = Math.max(newest, statSync(join(root, dir, name)).mtimeMs);
    }
  }
  return newest;
}

let cli;
if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) {
  cli = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
// A failed command has printed its error: whatever handle might still be open (a listener a failed
// start did not close), the process must not live on and serve. Unref'd, so a clean exit is not delayed.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 2000).unref();
