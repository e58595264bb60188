import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { notificationSignatureProblem, type PublicKeyInput } from './oracle/dana-signature.ts';

// A real HTTP endpoint on loopback standing in for a merchant's (or bank's) server: records what it
// receives and answers from a script of replies.

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly body?: string;
  /** Wait this long before answering (to exceed the sender's timeout). */
  readonly delayMs?: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Replies used in order; the last one repeats. */
  answers: Answer[];
  close(): Promise<void>;
}

export async function startReceiver(
  answers: Answer[] = [{ status: 200, body: '{"responseCode":"2004300","responseMessage":"Successful"}' }],
): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Partial<Receiver> & { answers: Answer[] } = { answers };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = receiver.answers[Math.min(received.length - 1, receiver.answers.length - 1)];
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as Receiver;
}

/** A loopback port with nothing listening: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = await startReceiver();
  const url = probe.url;
  await probe.close();
  return url;
}

/**
 * The receivers a test file opens for calls from DANA (notifications, callbacks to the bank). Each is
 * tied to the DANA public key of the simulator that calls it; closing them all returns every call
 * they got whose signature the independent oracle rejects, so a test file's afterEach can require none.
 */
export function danaCallReceivers() {
  const open: { receiver: Receiver; danaPublicKey: PublicKeyInput }[] = [];
  return {
    async start(danaPublicKey: PublicKeyInput, answers?: Answer[]): Promise<Receiver> {
      const receiver = await startReceiver(answers);
      open.push({ receiver, danaPublicKey });
      return receiver;
    },
    async closeAll(): Promise<string[]> {
      const problems: string[] = [];
      for (const { receiver, danaPublicKey } of open.splice(0)) {
        await receiver.close();
        for (const call of receiver.received) {
          const problem = notificationSignatureProblem(call, danaPublicKey);
          if (problem) problems.push(`${call.method} ${call.path}: ${problem}`);
        }
      }
      return problems;
    },
  };
}
