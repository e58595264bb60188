#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npm start` and `npx dana-sim` need no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../adapters/cli.ts');
process.exitCode = await main(process.argv.slice(2));
