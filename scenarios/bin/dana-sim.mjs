#!/usr/bin/env node
// Runs the CLI from dist/ (built by `npm install`) when it is newer than every source file, else the
// TypeScript sources directly through tsx, so an edited checkout never runs stale code. The installed
// package ships dist/ without the sources, so there it always runs dist/ on plain Node.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'dist', 'cli.js');

// A walk of its own: Node 20's readdirSync({ recursive: true }) took 2 to 3 times as long (15 to 40 ms
// of every start in a checkout).
function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    // Tests and fixtures are not in the bundle: editing one must not send the CLI through tsx.
    else if (entry.name.endsWith('.ts') && !/\.(test|fixture)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function newestSource() {
  let newest = 0;
  for (const dir of ['simulator', 'contracts', 'scenarios'])
    if (existsSync(join(root, dir))) newest = Math.max(newest, newestIn(join(root, dir)));
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
