import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Product } from '../core/product.ts';
import { acquireDataDir, DataDirBusyError } from './data-dir-lock.ts';
import { lockPath, readLock } from './server-lock.ts';

// How CLI commands reach state: through the control API of a running simulator, or, when none is
// running, by opening the data directory themselves. Both paths run the same control handlers, so a
// command behaves the same either way. Which simulator is found, in order: --url; an explicit
// --data (its server record, else the directory itself); DANA_SIM_URL; the server record in
// .dana-sim; a simulator answering on the default port; .dana-sim itself if it exists. A data
// directory is never created here: a command run from the wrong folder while a simulator serves
// elsewhere must not start a second, empty one (issue 13).

export const DEFAULT_DATA_DIR = '.dana-sim';
/** Where `dana-sim start` listens unless told otherwise. */
export const DEFAULT_URL = 'http://127.0.0.1:8787';

export interface ControlReply {
  readonly status: number;
  readonly body: unknown;
}

export interface ControlTarget {
  /** One line naming the simulator and why it was chosen, e.g. `simulator at URL (from DANA_SIM_URL)`. */
  readonly description: string;
  /** False when the command opened the data directory itself (no simulator is running). */
  readonly running: boolean;
  call(method: string, path: string, body?: unknown): Promise<ControlReply>;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** The --data flag; undefined when not given (then .dana-sim, after the environment and the default port). */
  readonly dataDir?: string;
  readonly url?: string;
  readonly controlToken?: string;
  /** Products besides the built-in ones (UAT progress) when the data directory is opened directly. */
  readonly extensions?: readonly Product[];
  /** The default simulator probed when nothing names one (tests point it elsewhere). */
  readonly defaultUrl?: string;
  /** Never open the data directory itself: `dana-sim log --follow` waits for a simulator instead. */
  readonly runningOnly?: boolean;
}

/** Where a command's simulator is: a URL to call, or a data directory to open. */
export type Location =
  | { readonly kind: 'remote'; readonly url: string; readonly source: string }
  | { readonly kind: 'local'; readonly dataDir: string; readonly source: string };

class NoSimulatorError extends Error {}

async function answersHealth(url: string, token: string | undefined): Promise<boolean> {
  try {
    const response = await fetch(new URL('/__sim/health', url), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(1500),
    });
    // A simulator started with --control-token answers 401 without one: still the simulator.
    if (response.status === 401) return true;
    return response.ok && ((await response.json()) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

export async function locate(options: TargetOptions): Promise<Location> {
  if (options.url) return { kind: 'remote', url: options.url, source: '--url' };
  const explicit = options.dataDir !== undefined;
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const tried: string[] = [];
  const fromEnvironment = process.env.DANA_SIM_URL;
  if (!explicit && fromEnvironment) return { kind: 'remote', url: fromEnvironment, source: 'DANA_SIM_URL' };
  if (!explicit) tried.push('DANA_SIM_URL (not set)');
  const lock = await readLock(dataDir);
  if (lock) return { kind: 'remote', url: lock.url, source: `server record ${lockPath(dataDir)}` };
  tried.push(`a server record in ${dataDir} (none)`);
  if (!explicit) {
    const defaultUrl = options.defaultUrl ?? DEFAULT_URL;
    if (await answersHealth(defaultUrl, options.controlToken ?? process.env.DANA_SIM_CONTROL_TOKEN))
      return { kind: 'remote', url: defaultUrl, source: 'default port' };
    tried.push(`${defaultUrl}/__sim/health (no answer)`);
  }
  if (existsSync(dataDir)) return { kind: 'local', dataDir, source: explicit ? '--data' : 'default data directory' };
  tried.push(`the data directory ${dataDir} (does not exist)`);
  throw new NoSimulatorError(
    `no simulator found. Tried ${tried.join(', ')}. Start one with \`dana-sim start\` (it creates ${dataDir}), ` +
      'or name one with --url, DANA_SIM_URL or --data.',
  );
}

function remote(url: string, source: string, token: string | undefined): ControlTarget {
  const description = `simulator at ${url} (from ${source})`;
  return {
    description,
    running: true,
    async call(method, path, body) {
      let response: Response;
      try {
        response = await fetch(new URL(`/__sim${path}`, url), {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new NoSimulatorError(`no answer from the ${description}: ${cause}. Is it running?`);
      }
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {},
  };
}

async function local(dataDir: string, source: string, extensions: readonly Product[]): Promise<ControlTarget> {
  // Loaded here only: commands that talk to a running simulator never load the simulator itself.
  const [{ Simulator }, { FileStore }] = await Promise.all([import('../index.ts'), import('../storage/file-store.ts')]);
  // Held for the whole command: a simulator started meanwhile must not load the directory too.
  const lock = await acquireDataDir(dataDir, 'command', { waitForCommandMs: 5000 }).catch((error: unknown) => {
    if (!(error instanceof DataDirBusyError)) throw error;
    const hint = error.holder.role === 'server' ? 'it is still starting; try again in a moment' : 'try again when it has finished';
    throw new NoSimulatorError(`${error.message}; ${hint}`);
  });
  const simulator = await Simulator.create({ store: new FileStore(join(dataDir, 'state')), extensions }).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
  return {
    description: `data directory ${dataDir} (from ${source}; no simulator serves it, opened directly)`,
    running: false,
    async call(method, path, body) {
      const reply = await simulator.fetch(
        new Request(`http://dana-sim/__sim${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      return { status: reply.status, body: await reply.json() };
    },
    close: () => simulator.close().finally(() => lock.release()),
  };
}

export async function connect(options: TargetOptions): Promise<ControlTarget> {
  const location = await locate(options);
  if (location.kind === 'local' && options.runningOnly) throw new NoSimulatorError(`no simulator serves ${location.dataDir}`);
  if (location.kind === 'local') return local(location.dataDir, location.source, options.extensions ?? []);
  return remote(location.url, location.source, options.controlToken ?? process.env.DANA_SIM_CONTROL_TOKEN);
}
