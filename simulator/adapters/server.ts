import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { Simulator, type SimulatorOptions } from '../index.ts';
import { FileStore } from '../ledger/file-store.ts';
import { addRules, readRuleFile } from '../faults/rule-file.ts';
import { bankCredentialsEnv, credentialsEnv, writeCredentialsFile } from './credentials-file.ts';
import { createExpressApp } from './express.ts';
import { lockPath, readLock, type ServerLock } from './server-lock.ts';
import type { RunningTls } from './tls/index.ts';

// Runs the simulator as an HTTP server on a data directory: the embedded default of `npm start`.

export interface ServeOptions extends Omit<SimulatorOptions, 'store'> {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly envFile?: string;
  readonly fsync?: boolean;
  /** Rule files (JSON or YAML) loaded before the first request. */
  readonly faultFiles?: readonly string[];
  /** Also serve DANA's hosts over HTTPS (a local CA in <dataDir>/tls) and a CONNECT proxy to them. */
  readonly tls?: boolean;
  /** With tls: the HTTPS port (default 8443), an extra plain-HTTP port (none by default) and the proxy port (default 8788). */
  readonly tlsPort?: number;
  readonly httpPort?: number;
  readonly proxyPort?: number;
}

export interface RunningServer {
  readonly simulator: Simulator;
  readonly server: Server;
  readonly url: string;
  readonly envFile: string;
  readonly bankEnvFile: string;
  /** With `tls`: the HTTPS, plain-HTTP and proxy URLs and the CA to trust. */
  readonly tls?: RunningTls;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir);
  const running = await readLock(dataDir);
  if (running && running.pid !== process.pid)
    throw new Error(`a simulator (pid ${running.pid}) already serves ${dataDir} at ${running.url}`);
  const store = new FileStore(join(dataDir, 'state'), { fsync: options.fsync });
  // The cashier URL is only known once listening; webRedirectUrl reads it per request.
  const cashier = { url: 'http://127.0.0.1' };
  const simulator = await Simulator.create({ ...options, store, pagesUrl: () => cashier.url });
  try {
    for (const file of options.faultFiles ?? []) addRules(simulator.rules, await readRuleFile(file), file);
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const app = createExpressApp(simulator, { maxBodyBytes: options.maxBodyBytes });
  const server = await new Promise<Server>((resolveListen, reject) => {
    const listening = app.listen(options.port, options.host, () => resolveListen(listening));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  cashier.url = url;
  let tls: RunningTls | undefined;
  if (options.tls) {
    // Loaded only when asked: node-forge and the listeners cost nothing on a plain start.
    const { startTls } = await import('./tls/index.ts');
    try {
      tls = await startTls({
        dataDir,
        host: options.host,
        tlsPort: options.tlsPort ?? 8443,
        httpPort: options.httpPort,
        proxyPort: options.proxyPort ?? 8788,
        pageHosts: simulator.pageHosts(),
        app,
        mainServer: server,
      });
    } catch (error) {
      server.close();
      await simulator.close();
      throw error;
    }
  }
  const envFile = resolve(options.envFile ?? join(dataDir, 'merchant.env'));
  await writeCredentialsFile(envFile, credentialsEnv(simulator, simulator.parties.defaultMerchant(), url));
  const bankEnvFile = join(dirname(envFile), 'bank.env');
  await writeCredentialsFile(bankEnvFile, bankCredentialsEnv(simulator, simulator.parties.defaultBank(), url));
  await writeFile(lockPath(dataDir), JSON.stringify({ pid: process.pid, url } satisfies ServerLock));
  let stopping: Promise<void> | undefined;
  return {
    simulator,
    server,
    url,
    envFile,
    bankEnvFile,
    tls,
    stop() {
      stopping ??= (async () => {
        await tls?.close();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await simulator.close();
        if (existsSync(lockPath(dataDir))) await rm(lockPath(dataDir), { force: true });
      })();
      return stopping;
    },
  };
}
