import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { createRequestListener } from '../../simulator/adapters/node-http.ts';
import type { Simulator } from '../../simulator/index.ts';

// What the browser tests share: Debian's Chromium driven by playwright-core (no browser download),
// launched with the flags this project uses everywhere, and the simulator served on an ephemeral
// loopback port for it to open.

const CHROMIUM = '/usr/bin/chromium';

/**
 * Locally a missing browser only skips the file (with a message); in CI the launch must run, and
 * fails loudly (`.ci/run` installs chromium).
 */
export function skipWithoutChromium(file: string): boolean {
  const skip = !existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`${file} skipped: ${CHROMIUM} is missing (apt-get install -y chromium); CI installs it.`);
  return skip;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The simulator on node:http at 127.0.0.1 and an ephemeral port, as `dana-sim start` serves it. */
export async function serveOnLoopback(sim: Simulator): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createServer(createRequestListener(sim));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
