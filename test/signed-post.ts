import { request, type Agent } from 'node:http';
import type { SignedRequest } from '../simulator/signature/client.ts';

// One keep-alive POST of a pre-signed request over an explicit agent, so a test or the bench controls
// exactly how many connections exist (fetch pools them out of sight). A cut reply rejects: the caller
// counts it as "no answer", which is what a crashed server gives a real client.

export function postSignedText(
  url: string,
  signed: SignedRequest,
  agent: Agent,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url + signed.path, { method: 'POST', headers: signed.headers, agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('reply cut')));
    });
    call.on('timeout', () => call.destroy(new Error(`no reply to ${signed.path} within ${timeoutMs} ms`)));
    call.on('error', reject);
    call.end(signed.body);
  });
}

/** The same, with the reply parsed; a reply that is not JSON rejects. */
export async function postSigned(
  url: string,
  signed: SignedRequest,
  agent: Agent,
  timeoutMs: number,
): Promise<{ status: number; body: any }> {
  const { status, text } = await postSignedText(url, signed, agent, timeoutMs);
  return { status, body: JSON.parse(text) };
}
