import { wibTime } from '../../clock/clock.ts';
import { cycleStarts, type NotificationRecord } from '../../notifications/outbox.ts';
import { STATE_HELP, STATE_OPTIONS, UsageError, control, type Command, type Flags } from './command.ts';

// The outbox from the command line: what was sent (every attempt, by delivery cycle), sending one
// again, and triggering a notification about an existing transfer, order or VA with fields changed.

const REPLY_START = 120;

function showAttempt(attempt: NotificationRecord['attempts'][number]): string {
  const outcome = attempt.httpStatus !== undefined ? `HTTP ${attempt.httpStatus}` : `error: ${attempt.error ?? 'none recorded'}`;
  const reply = attempt.response?.replace(/\s+/g, ' ').trim();
  const start = reply ? `  ${reply.length > REPLY_START ? `${reply.slice(0, REPLY_START)}...` : reply}` : '';
  return `    ${wibTime(attempt.at)}  ${outcome}  ${attempt.latencyMs} ms  ${attempt.acknowledged ? 'acknowledged' : 'not acknowledged'}${start}`;
}

/** One notification: a header line, then its attempts grouped by delivery cycle (first send, each resend). */
function showNotification(record: NotificationRecord): string {
  const starts = cycleStarts(record);
  const lines = [
    `${record.id}  ${record.kind}  ${record.status}${record.triggered ? '  (triggered)' : ''}  -> ${record.url ?? '(no URL)'}`,
  ];
  starts.forEach((start, cycle) => {
    const attempts = record.attempts.slice(start, starts[cycle + 1] ?? record.attempts.length);
    lines.push(`  ${cycle === 0 ? 'first send' : `resend ${cycle}`}: ${attempts.length} attempt(s)`);
    lines.push(...attempts.map(showAttempt));
  });
  if (record.status === 'pending' && record.nextAttemptAt !== undefined) lines.push(`  next attempt ${wibTime(record.nextAttemptAt)}`);
  return lines.join('\n');
}

const showOutcome = (n: NotificationRecord) => `${n.id}: ${n.status} after ${n.attempts.length} attempt(s)`;
const showTriggered = (n: NotificationRecord) => `${showOutcome(n)}${n.url ? ` to ${n.url}` : ' (no URL configured; give --to URL)'}`;

/** `--set path=value`: the field grammar of `fault add --when`; the value is text, or JSON when it is null, an object, a list or quoted. */
function parseSetting(text: string): [string, unknown] {
  const match = /^([\w-]+(?:\.[\w-]+)*)=(.*)$/s.exec(text);
  if (!match) throw new UsageError(`--set "${text}" should look like field=value, e.g. latestTransactionStatus=06 or amount.value=1.00`);
  const [, path, raw] = match;
  if (raw === 'null' || /^[[{"]/.test(raw)) {
    try {
      return [path, JSON.parse(raw)];
    } catch {
      throw new UsageError(`--set "${text}": ${raw} is not valid JSON (text needs no quotes)`);
    }
  }
  return [path, raw];
}

/** `--to` in the user's words (the control API would name its own field). */
function destination(flags: Flags): string | undefined {
  const to = flags.to as string | undefined;
  if (to !== undefined && !/^https?:\/\/\S+$/.test(to))
    throw new UsageError(`--to must be an http or https URL such as http://localhost:3000/notify, got "${to}"`);
  return to;
}

const TRIGGERS = [
  { subject: 'transfer', reference: 'partnerReferenceNo', sends: 'Transfer to Bank Notify to the merchant' },
  { subject: 'order', reference: 'partnerReferenceNo', sends: 'Payment Gateway Finish Notify to the merchant (paid, else closed)' },
  { subject: 'va', reference: 'virtualAccountNo', sends: 'the Create VA callback to the bank' },
] as const;

function triggerCommand({ subject, reference, sends }: (typeof TRIGGERS)[number]): Command {
  return {
    name: `trigger ${subject}`,
    summary: `send ${sends} again for an existing ${subject}, with fields changed (--set); signed, never changes its state`,
    usage: `dana-sim trigger ${subject} <${reference}> [--set field=value]... [--to URL]${subject === 'va' ? '' : ' [--merchant ID]'}`,
    argument: reference,
    options: { ...STATE_OPTIONS, set: { type: 'string', multiple: true }, to: { type: 'string' }, merchant: { type: 'string' } },
    help: {
      '--set F=V': 'override a body field by dotted path (repeatable); V is text, or JSON when null, {...}, [...] or "quoted"',
      '--to URL': 'deliver to this URL instead of the configured one',
      ...(subject === 'va' ? {} : { '--merchant ID': `merchant or partner id whose ${subject} it is (default: any)` }),
      ...STATE_HELP,
    },
    run(flags) {
      const set = Object.fromEntries(((flags.set as unknown as string[] | undefined) ?? []).map(parseSetting));
      const body = { subject, reference: flags._, set, url: destination(flags), merchant: flags.merchant };
      return control(flags, 'POST', '/notifications/trigger', body, showTriggered);
    },
  };
}

export const WEBHOOK_COMMANDS: readonly Command[] = [
  {
    name: 'webhooks list',
    summary: 'notifications sent to merchants and banks, with every delivery attempt (times in WIB)',
    usage: 'dana-sim webhooks list [--json]',
    options: STATE_OPTIONS,
    help: STATE_HELP,
    run: (flags) =>
      control(flags, 'GET', '/webhooks', undefined, (list: NotificationRecord[]) =>
        list.length === 0 ? 'no notifications yet' : list.map(showNotification).join('\n'),
      ),
  },
  {
    name: 'webhooks resend',
    summary: 'send a notification again (same body, new signature), optionally to another URL',
    usage: 'dana-sim webhooks resend <id> [--to URL]',
    argument: 'id',
    options: { ...STATE_OPTIONS, to: { type: 'string' } },
    help: { '--to URL': 'deliver to this URL instead', ...STATE_HELP },
    run: (flags) => control(flags, 'POST', '/webhooks/resend', { id: flags._, url: destination(flags) }, showOutcome),
  },
  ...TRIGGERS.map(triggerCommand),
];
