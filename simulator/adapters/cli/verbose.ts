import { wibTime } from '../../clock/clock.ts';
import type { LogEntry, RequestLog } from '../../core/request-log.ts';

// `dana-sim start --verbose`: one block per failed request, printed from the request log's
// subscription, so the console says exactly what `dana-sim log` and GET /__sim/log keep.

const row = (label: string, value: string) => `  ${label.padEnd(15)} ${value}`;

/** The block for a failed request (one with a reason); undefined for a request that went through. */
function failureBlock(entry: LogEntry): string | undefined {
  if (!entry.reason) return undefined;
  const lines = [
    `✗ ${wibTime(entry.atMs)}  ${entry.method} ${entry.path}${entry.endpoint ? ` (${entry.endpoint})` : ''}  HTTP ${entry.httpStatus} ${entry.code}${entry.partnerId ? `  partner ${entry.partnerId}` : ''}`,
  ];
  const diagnosis = entry.diagnosis;
  if (diagnosis) {
    lines.push(row('reason', `invalid ${diagnosis.scheme} signature`));
    lines.push(
      row('string to sign', diagnosis.stringToSign.length > 400 ? `${diagnosis.stringToSign.slice(0, 400)}…` : diagnosis.stringToSign),
    );
    lines.push(row('checked with', `partner ${diagnosis.verifiedWith.partnerId}'s ${diagnosis.verifiedWith.key}`));
    lines.push(row('likely mistake', diagnosis.mistake.detail));
  } else {
    lines.push(row('reason', entry.reason));
  }
  return lines.join('\n');
}

/** Writes a block for every failed request from now on; returns the unsubscribe. */
export function printFailures(log: RequestLog, write: (text: string) => void): () => void {
  return log.subscribe((entry) => {
    const block = failureBlock(entry);
    if (block) write(block);
  });
}
