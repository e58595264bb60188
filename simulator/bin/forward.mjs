// Preload for an unmodified Node app: `node --import dana-sim/simulator/bin/forward.mjs app.js`.
// Calls to DANA's hosts go to DANA_SIM_URL (default http://127.0.0.1:8787).
import { register } from 'tsx/esm/api';

register();
const { startForwarding } = await import('../adapters/forward.ts');
const target = process.env.DANA_SIM_URL ?? 'http://127.0.0.1:8787';
startForwarding(target);
if (process.env.DANA_SIM_QUIET !== '1') console.error(`dana-sim: forwarding api.sandbox.dana.id and api.saas.dana.id to ${target}`);
