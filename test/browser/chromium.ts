import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createRequestListener } from '../../simulator/adapters/node-http.ts';
import { SimulatorClock } from '../../simulator/clock/clock.ts';
import type { Simulator, SimulatorOptions } from '../../simulator/index.ts';
import { createTestSimulator, type TestSimulator } from '../helpers.ts';

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

/** What a browser test file gets from `browserSuite`: ready once vitest's beforeAll has run. */
export interface BrowserSuite {
  /** Chromium is missing outside CI: the file's tests are skipped (`describe.skipIf(suite.skip)`). */
  readonly skip: boolean;
  readonly browser: Browser;
  readonly baseUrl: string;
  readonly t: TestSimulator;
  /** A fresh context's page; a missing element fails within 5 s, well inside a test's timeout, with its selector named. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** A full-page screenshot under test-artifacts/<folder>/ (ignored by git). */
  shot(page: Page, name: string): Promise<Buffer>;
}

/**
 * Chromium and a simulator on a frozen clock served on loopback, whose pages (webRedirectUrl, binding
 * links) name that server, for the whole test file; closed after it. Call at the file's top level.
 * `options` are added to the simulator's (extensions such as uatProgress()).
 */
export function browserSuite(file: string, folder: string, options: SimulatorOptions = {}): BrowserSuite {
  const skip = skipWithoutChromium(file);
  const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts', folder);
  let browser: Browser | undefined;
  let served: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
  let t: TestSimulator | undefined;
  let baseUrl = '';
  beforeAll(async () => {
    if (skip) return;
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    t = await createTestSimulator({ background: false, clock: SimulatorClock.frozen(), pagesUrl: () => baseUrl, ...options });
    served = await serveOnLoopback(t.sim);
    baseUrl = served.url;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    skip,
    get browser() {
      return browser!;
    },
    get baseUrl() {
      return baseUrl;
    },
    get t() {
      return t!;
    },
    async open(options = {}) {
      const context = await browser!.newContext(options);
      context.setDefaultTimeout(5_000);
      return context.newPage();
    },
    shot: (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true }),
  };
}
