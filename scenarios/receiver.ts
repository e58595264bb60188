import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

// The runner's notification receiver: a local HTTP server that stands in for the merchant's
// endpoints. Each case gets its own path (/notify/<caseId>) so notifications are attributed, and its
// own scripted replies (the last repeats). Default reply: 200 with 2005600 Successful.

export interface Delivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
}

export interface ScriptedReply {
  readonly status: number;
  readonly body?: unknown;
}

const DEFAULT_REPLY: ScriptedReply = { status: 200, body: { responseCode: '2005600', responseMessage: 'Successful' } };

export class NotificationReceiver {
  readonly deliveries: Delivery[] = [];
  private readonly scripts = new Map<string, readonly ScriptedReply[]>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const seen = this.deliveries.filter((d) => d.path === path).length;
        const scripted = this.scripts.get(path);
        const script = scripted?.length ? scripted : [DEFAULT_REPLY];
        const reply = script[Math.min(seen, script.length - 1)];
        this.deliveries.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status: reply.status });
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  script(path: string, replies: readonly ScriptedReply[]): void {
    this.scripts.set(path, replies);
  }

  at(path: string): Delivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
