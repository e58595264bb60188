import type { RequestListener, Server } from 'node:http';
import { ensureTlsMaterial } from './ca.ts';
import { certificateHosts, danaHosts } from './hosts.ts';
import { closeListener, createHttpListener, createHttpsListener, listen } from './listeners.ts';
import { markDropIn } from './drop-in.ts';
import { createProxy } from './proxy.ts';

// `dana-sim start --tls`: HTTPS for DANA's hosts, optionally a plain-HTTP listener, and the CONNECT
// proxy, all in front of the main listener's express app.

export interface TlsOptions {
  readonly dataDir: string;
  readonly host: string;
  /** HTTPS listener's port (8443 by default in the CLI; 443 needs privileges). */
  readonly tlsPort: number;
  /** An extra plain-HTTP listener (80 with /etc/hosts); without it port-80 tunnels reach `mainServer`. */
  readonly httpPort?: number;
  readonly proxyPort: number;
  /** Hosts of products' pages and own APIs, as URLs (Simulator.pageHosts()). */
  readonly pageHosts: readonly string[];
  readonly app: RequestListener;
  readonly mainServer: Server;
}

export interface RunningTls {
  readonly caPath: string;
  /** The hosts this stands in for (the proxy reaches these and nothing else). */
  readonly hosts: readonly string[];
  readonly httpsUrl: string;
  readonly httpUrl?: string;
  readonly proxyUrl: string;
  close(): Promise<void>;
}

export async function startTls(options: TlsOptions): Promise<RunningTls> {
  const material = await ensureTlsMaterial(options.dataDir, certificateHosts(options.pageHosts));
  const hosts = danaHosts(options.pageHosts);
  // Every request these listeners and the proxy hand on is the drop-in's (see drop-in.ts).
  const app: RequestListener = (request, response) => {
    markDropIn(request);
    options.app(request, response);
  };
  const shown = options.host === '0.0.0.0' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  const started: Server[] = [];
  const close = async () => {
    for (const server of started.reverse()) await closeListener(server);
  };
  try {
    const https = createHttpsListener(app, material);
    started.push(https);
    const httpsPort = await listen(https, options.tlsPort, options.host, 'HTTPS');
    let http = options.mainServer;
    let httpUrl: string | undefined;
    if (options.httpPort !== undefined) {
      http = createHttpListener(app);
      started.push(http);
      httpUrl = `http://${shown}:${await listen(http, options.httpPort, options.host, 'plain HTTP')}`;
    }
    const proxy = createProxy({ hosts, https, http, app });
    started.push(proxy);
    const proxyPort = await listen(proxy, options.proxyPort, options.host, 'the proxy');
    return {
      caPath: material.caPath,
      hosts,
      httpsUrl: `https://${shown}:${httpsPort}`,
      httpUrl,
      proxyUrl: `http://${shown}:${proxyPort}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
