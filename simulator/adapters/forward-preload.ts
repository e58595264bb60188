import { startForwarding } from './forward.ts';

// The preload itself (`node --import dana-sim/forward app.js`, or simulator/bin/forward.mjs in a
// checkout): importing it starts forwarding DANA's hosts to DANA_SIM_URL (default http://127.0.0.1:8787).

const target = process.env.DANA_SIM_URL ?? 'http://127.0.0.1:8787';
startForwarding(target);
if (process.env.DANA_SIM_QUIET !== '1') console.error(`dana-sim: forwarding api.sandbox.dana.id and api.saas.dana.id to ${target}`);
