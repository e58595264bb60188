import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { Simulator, type SimulatorOptions } from '../index.ts';
import { FileStore, type Durability } from '../storage/file-store.ts';
import { addRules, readRuleFile } from '../faults/rule-file.ts';
import { bankCredentialsEnv, credentialsEnv, writeCredentialsFile } from './credentials-file.ts';
import { createRequestListener } from './node-http.ts';
import { ProductCredentialFiles, type ProductEnvFile } from './product-credentials.ts';
import { acquireDataDir, DataDirBusyError, describeHolder, type DataDirLock } from './data-dir-lock.ts';
import { lockPath, readLock, type ServerLock } from './server-lock.ts';
import type { RunningTls } from './tls/index.ts';
import { listenError } from './tls/listen-error.ts';

// Runs the simulator as an HTTP server on a data directory: the embedded default of `npm start`.

const WARM_MS = 200;

export interface ServeOptions extends Omit<SimulatorOptions, 'store'> {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly envFile?: string;
  /** When a reply may go out relative to the disk (FileStore's Durability; default `background`). */
  readonly fsync?: Durability | boolean;
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
  /** Products' own credentials files (Product.credentialsFile), as written at start. */
  readonly productEnvFiles: readonly ProductEnvFile[];
  /** With `tls`: the HTTPS, plain-HTTP and proxy URLs and the CA to trust. */
  readonly tls?: RunningTls;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // Before anything is loaded: a second process on this directory would write a second journal.
  let lock: DataDirLock;
  try {
    lock = await acquireDataDir(dataDir, 'server', { waitForCommandMs: 3000 });
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    const record = await readLock(dataDir);
    const url = record?.pid === error.holder.pid ? record.url : undefined;
    throw new Error(`${dataDir} is already in use by ${describeHolder(error.holder, url)}; one simulator per data directory`);
  }
  // Undone in reverse on any failure before the server is up, so a failed start leaves no port open,
  // nothing loaded and no lock held.
  const undo: Array<() => Promise<unknown>> = [() => lock.release()];
  try {
    return await start(options, dataDir, lock, undo);
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw error;
  }
}

async function start(
  options: ServeOptions,
  dataDir: string,
  lock: DataDirLock,
  undo: Array<() => Promise<unknown>>,
): Promise<RunningServer> {
  const store = new FileStore(join(dataDir, 'state'), { fsync: options.fsync });
  // The cashier URL is only known once listening; webRedirectUrl reads it per request.
  const cashier = { url: 'http://127.0.0.1' };
  const simulator = await Simulator.create({ ...options, store, pagesUrl: () => cashier.url });
  undo.push(() => simulator.close());
  for (const file of options.faultFiles ?? []) addRules(simulator.rules, await readRuleFile(file), file);
  const app = createRequestListener(simulator, { maxBodyBytes: options.maxBodyBytes });
  // Not app.listen: Express 5 calls its callback with a listen error too (EADDRINUSE would look like success).
  const server = createServer(app);
  await new Promise<void>((listening, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, 'the simulator', options.port));
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      listening();
    });
  });
  // Express and generated names load while the server is idle, after the first calls a client makes
  // at once are served (a load in their way would hold them up as long as it takes), and before most
  // control calls and top ups. A load that fails here fails again, reported, for the request needing it.
  const warming = setTimeout(() => {
    void app.warm().catch(() => {});
    try {
      simulator.warm();
    } catch {}
  }, WARM_MS).unref();
  const closeServer = () =>
    new Promise<void>((done) => {
      clearTimeout(warming);
      server.close(() => done());
      server.closeAllConnections();
    });
  undo.push(closeServer);
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
    const running = tls;
    undo.push(() => running.close());
  }
  const envFile = resolve(options.envFile ?? join(dataDir, 'merchant.env'));
  await writeCredentialsFile(envFile, credentialsEnv(simulator, simulator.parties.defaultMerchant(), url));
  const bankEnvFile = join(dirname(envFile), 'bank.env');
  await writeCredentialsFile(bankEnvFile, bankCredentialsEnv(simulator, simulator.parties.defaultBank(), url));
  const productFiles = new ProductCredentialFiles(simulator, dirname(envFile));
  const productEnvFiles = await productFiles.refresh();
  // After each request: what it changed may be a credential (a webhook secret created just now).
  const unsubscribe = simulator.log.subscribe(() => void productFiles.refresh().catch(() => {}));
  undo.push(async () => {
    unsubscribe();
    await productFiles.idle();
  });
  simulator.useCredentials({
    dataDir,
    url,
    proxyUrl: tls?.proxyUrl ?? `http://127.0.0.1:${options.proxyPort ?? 8788}`,
    envFile,
    envFilePartnerId: simulator.parties.defaultMerchant().partnerId,
  });
  // The server record tells CLI commands where to talk to this simulator instead of opening the directory.
  const removeRecord = () => rm(lockPath(dataDir), { force: true });
  undo.push(removeRecord);
  await writeFile(lockPath(dataDir), JSON.stringify({ pid: process.pid, url } satisfies ServerLock));
  let stopping: Promise<void> | undefined;
  return {
    simulator,
    server,
    url,
    envFile,
    bankEnvFile,
    productEnvFiles,
    tls,
    stop() {
      stopping ??= (async () => {
        try {
          unsubscribe();
          await productFiles.idle();
          await tls?.close();
          await closeServer();
          await simulator.close();
          await removeRecord();
        } finally {
          await lock.release();
        }
      })();
      return stopping;
    },
  };
}
