// Preload for an unmodified Node app from a checkout: `node --import ./simulator/bin/forward.mjs app.js`
// (the installed package's is `dana-sim/forward`). Calls to DANA's hosts go to DANA_SIM_URL.
import { register } from 'tsx/esm/api';

register();
await import('../adapters/forward-preload.ts');
