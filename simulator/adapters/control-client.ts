import { join, resolve } from 'node:path';
import type { Product } from '../core/product.ts';
import { Simulator } from '../index.ts';
import { FileStore } from '../ledger/file-store.ts';
import { readLock } from './server-lock.ts';

// How CLI commands reach state: through the control API of the simulator that serves the data
// directory, or, when none is running, by opening the directory themselves. Both paths run the
// same control handlers, so a command behaves the same either way.

export interface ControlReply {
  readonly status: number;
  readonly body: unknown;
}

export interface ControlTarget {
  readonly description: string;
  /** False when the command opened the data directory itself (no simulator is running). */
  readonly running: boolean;
  call(method: string, path: string, body?: unknown): Promise<ControlReply>;
  close(): Promise<void>;
}

export interface TargetOptions {
  readonly dataDir: string;
  readonly url?: string;
  readonly controlToken?: string;
  /** Products besides the built-in ones (UAT progress) when the data directory is opened directly. */
  readonly extensions?: readonly Product[];
}

function remote(url: string, token: string | undefined): ControlTarget {
  return {
    description: `simulator at ${url}`,
    running: true,
    async call(method, path, body) {
      const response = await fetch(new URL(`/__sim${path}`, url), {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {},
  };
}

async function local(dataDir: string, extensions: readonly Product[]): Promise<ControlTarget> {
  const simulator = await Simulator.create({ store: new FileStore(join(dataDir, 'state')), extensions });
  return {
    description: `data directory ${dataDir}`,
    running: false,
    async call(method, path, body) {
      const reply = await simulator.fetch(
        new Request(`http://dana-sim/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      return { status: reply.status, body: await reply.json() };
    },
    close: () => simulator.close(),
  };
}

export async function connect(options: TargetOptions): Promise<ControlTarget> {
  const token = options.controlToken ?? process.env.DANA_SIM_CONTROL_TOKEN;
  if (options.url) return remote(options.url, token);
  const dataDir = resolve(options.dataDir);
  const lock = await readLock(dataDir);
  return lock ? remote(lock.url, token) : local(dataDir, options.extensions ?? []);
}
