import { request, type Agent } from 'node:http';
import type { SignedRequest } from '../../simulator/signature/client.ts';

// One keep-alive POST of a pre-signed request over an explicit agent, so a test controls exactly how
// many connections exist (fetch pools them out of sight). A cut reply rejects: the caller counts it
// as "no answer", which is what a crashed server gives a real client.

export function postSigned(url: string, signed: SignedRequest, agent: Agent, timeoutMs: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const call = request(url + signed.path, { method: 'POST', headers: signed.headers, agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('reply cut')));
    });
    call.on('timeout', () => call.destroy(new Error(`no reply to ${signed.path} within ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end(signed.body);
  });
}
