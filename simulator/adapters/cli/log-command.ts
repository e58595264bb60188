import { wibTime } from '../../clock/clock.ts';
import { toValue } from '../../ledger/money.ts';
import type { LogEntry } from '../../core/request-log.ts';
import type { ControlTarget } from '../control-client.ts';
import { UsageError, withTarget, type Flags } from './command.ts';

// `dana-sim log`: reads the request log through the control API and prints it, one line per request
// or (--details) one block. --follow outlives the simulator: while none answers it waits, and when a
// new one answers (a new bootId) it starts from that process's first entry, so nothing is skipped or
// printed twice.

/** The log keeps 2,000 entries: a follower asks for all of them, so a burst between polls is never cut. */
const FOLLOW_LIMIT = 2000;
const POLL_MS = 500;
const RETRY_MS = 1000;

interface LogPage {
  readonly bootId: string;
  readonly entries: readonly LogEntry[];
}

/** The control query for the filters given on the command line. */
function logQuery(flags: Flags, after: number, limit: number): string {
  const query = new URLSearchParams({ after: String(after), limit: String(limit) });
  for (const name of ['endpoint', 'code', 'partner', 'reference'] as const) {
    const value = flags[name];
    if (typeof value === 'string') query.set(name, value);
  }
  return `/log?${query}`;
}

const signed = (minor: number): string => (minor > 0 ? `+${toValue(minor)}` : toValue(minor));

/** One line: time (WIB), status, code, endpoint, rule, money, duration; then partner and reference. */
export function logLine(entry: LogEntry): string {
  const reference = entry.references.partnerReferenceNo ?? entry.references.referenceNo;
  return [
    `${wibTime(entry.atMs)}  ${String(entry.httpStatus).padStart(3)} ${String(entry.code).padEnd(8)} ${String(entry.endpoint ?? entry.path).padEnd(28)}`,
    entry.rule ? ` rule ${entry.rule} (${entry.effect})` : ' no rule',
    entry.ledgerChanged ? '  ledger changed' : '',
    `  ${entry.durationMs} ms`,
    entry.partnerId ? `  partner ${entry.partnerId}` : '',
    reference ? `  ref ${reference}` : '',
  ].join('');
}

function indented(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** A block per request: what was sent and answered (redacted), why, the rule, the money, the time taken. */
export function logDetails(entry: LogEntry & { reason?: unknown }): string {
  const lines = [
    `#${entry.seq}  ${wibTime(entry.atMs)}  ${entry.method} ${entry.path}${entry.endpoint ? `  (${entry.endpoint})` : ''}`,
    `  partner     ${entry.partnerId ?? '-'}`,
    `  reply       HTTP ${entry.httpStatus}, ${entry.code}`,
  ];
  if (entry.reason !== undefined)
    lines.push(`  reason      ${typeof entry.reason === 'string' ? entry.reason : JSON.stringify(entry.reason)}`);
  if (entry.diagnosis)
    lines.push(
      `  signed      ${entry.diagnosis.stringToSign}`,
      `  checked     partner ${entry.diagnosis.verifiedWith.partnerId}'s ${entry.diagnosis.verifiedWith.key}`,
    );
  lines.push(`  rule        ${entry.rule ? `${entry.rule} (${entry.effect})` : 'none'}`);
  const references = Object.entries(entry.references).map(([name, value]) => `${name}=${value}`);
  lines.push(`  references  ${references.length ? references.join(', ') : 'none'}`);
  lines.push(
    `  postings    ${entry.postings.length ? entry.postings.map((p) => `${p.account} ${signed(p.amountMinor)}`).join(', ') : 'none'}`,
  );
  lines.push(`  elapsed     ${entry.durationMs} ms`);
  lines.push('  request headers');
  for (const [name, value] of Object.entries(entry.request.headers)) lines.push(`    ${name}: ${value}`);
  lines.push('  request body', entry.request.body === undefined ? '    (empty)' : indented(entry.request.body));
  lines.push('  reply body', entry.reply.body === undefined ? '    (empty)' : indented(entry.reply.body));
  return lines.join('\n');
}

function show(flags: Flags, entry: LogEntry): void {
  console.log(flags.json ? JSON.stringify(entry) : flags.details ? `${logDetails(entry)}\n` : logLine(entry));
}

async function readPage(target: ControlTarget, path: string): Promise<LogPage> {
  const reply = await target.call('GET', path);
  // A 4xx is the user's to fix (a bad filter, a missing control token): --follow must not wait it out.
  if (reply.status >= 400 && reply.status < 500)
    throw new UsageError((reply.body as { error?: string } | undefined)?.error ?? `cannot read the log (${reply.status})`);
  if (reply.status !== 200) throw new Error(`cannot read the log (${reply.status})`);
  return reply.body as LogPage;
}

/** Prints the newest `limit` entries that pass the filters, once. */
export function printLog(flags: Flags, limit: number): Promise<number> {
  return withTarget(
    flags,
    async (target) => {
      for (const entry of (await readPage(target, logQuery(flags, 0, limit))).entries) show(flags, entry);
      return 0;
    },
    true,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prints the newest `limit` entries, then every new one, across restarts of the simulator; until killed. */
export async function followLog(flags: Flags, limit: number): Promise<number> {
  const { connect } = await import('../control-client.ts');
  let target: ControlTarget | undefined;
  let bootId: string | undefined;
  let after = 0;
  let waiting = false;
  for (;;) {
    let page: LogPage;
    try {
      if (!target) {
        target = await connect({
          dataDir: flags.data as string | undefined,
          url: flags.url as string | undefined,
          controlToken: flags['control-token'] as string | undefined,
          runningOnly: true,
        });
        if (!flags.json) console.error(`dana-sim: ${target.description}`);
      }
      page = await readPage(target, logQuery(flags, after, bootId === undefined ? limit : FOLLOW_LIMIT));
      if (bootId !== undefined && page.bootId !== bootId) {
        // A new process: its seq numbers start again at 1, so read it from its first entry.
        console.error('dana-sim: the simulator restarted; following its new log');
        after = 0;
        page = await readPage(target, logQuery(flags, 0, FOLLOW_LIMIT));
      }
    } catch (error) {
      // Anything but a 4xx is the simulator going away: no answer, a reply cut off mid-way, a 5xx as it stops.
      if (error instanceof UsageError) throw error;
      await target?.close();
      target = undefined;
      if (!waiting) console.error('dana-sim: waiting for the simulator… (it is not answering; retrying every second)');
      waiting = true;
      await sleep(RETRY_MS);
      continue;
    }
    bootId = page.bootId;
    waiting = false;
    for (const entry of page.entries) {
      after = entry.seq;
      show(flags, entry);
    }
    await sleep(POLL_MS);
  }
}
