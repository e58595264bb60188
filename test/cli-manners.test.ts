import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';
import { withNegativeNumbers } from '../simulator/adapters/cli.ts';
import { runCli } from './run-cli.ts';

// Every user error on the command line exits 2 with a message that names what would have been
// accepted, in the user's words: no node parser wording, no "request, rule 1:" prefixes, no internal
// field names. One running simulator (in this process, loopback, ephemeral port) serves the table.

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-cli-manners-'));
  server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Command line, then what the message must say (the accepted values). */
const BAD_VALUES: ReadonlyArray<readonly [string[], RegExp]> = [
  [['fault', 'add', '--endpoint', 'nope', '--result', 'SYSTEM_ERROR'], /unknown endpoint "nope".*transferToDana/],
  [
    ['fault', 'add', '--endpoint', 'transferToDana', '--result', 'NOPE'],
    /"NOPE" is not a failure of transferToDana; one of: .*GENERAL_ERROR/,
  ],
  [
    ['fault', 'add', '--endpoint', 'transferToDana', '--delay', '-5'],
    /--delay must be milliseconds, a range like 200-800, or client-timeout; got "-5"/,
  ],
  [
    ['fault', 'add', '--endpoint', 'transferToDana', '--result', 'GENERAL_ERROR', '--times', '-1'],
    /--times must be a whole number >= 1, got "-1"/,
  ],
  [['fault', 'add', '--endpoint', 'transferToDana', '--result', 'GENERAL_ERROR', '--probability', '2'], /between 0 and 1/],
  [['fault', 'clear', '--id', 'nope'], /no rule "nope"; rule ids: /],
  [['balance', 'topup', '--amount', '-5'], /--amount must look like 1000000\.00, got "-5"/],
  [['balance', 'topup', '--amount', 'abc'], /1000000\.00/],
  [['log', '--limit', '-1'], /--limit must be a whole number >= 1, got "-1"/],
  [['clock', 'advance', '-5s'], /90s, 5m, 1h30m.*got "-5s"/],
  [['clock', 'advance', '5x'], /90s, 5m, 1h30m.*got "5x"/],
  [
    ['bank-account', 'add', '--bank-code', '999', '--account-number', '1234567890'],
    /unknown bank code "999"; one of 002 \(BRI\).*014 \(BCA\)/,
  ],
  [['bank-account', 'add', '--bank-code', '014', '--account-number', '12'], /5-20 digits, got "12"/],
  [['bank-account', 'add', '--bank-code', '014', '--account-number', '1234567890', '--status', 'NOPE'], /ACTIVE, INACTIVE, INVALID, FRAUD/],
  [['user', '123'], /phone number, 5-32 digits such as 62811742234; got "123"/],
  [['merchant', 'set-notify-url', 'notaurl'], /http or https URL such as http:\/\/localhost:3000, got "notaurl"/],
  [['transfer', 'complete', 'nope'], /no transfer in progress with partnerReferenceNo "nope"; in progress: none yet/],
  [['order', 'pay', 'nope'], /no order "nope"; orders: none yet/],
  [['webhooks', 'resend', 'nope'], /no notification "nope"; ids: none yet/],
  [['va', 'create', '--customer', '62811742234', '--amount', '-5'], /50000\.00, got "-5"/],
  [['va', 'create', '--customer', '62811742234', '--amount', '1.00', '--expires-in', '-5'], /positive number of minutes, got "-5"/],
  [
    ['va', 'create', '--customer', '62811742234', '--amount', '1.00', '--bank', 'nope'],
    /no bank partner nope; partners \(id and service id\): \S+ \("/,
  ],
  [['partner', 'set-callback', 'http://127.0.0.1:9', '--partner', 'nope'], /no bank partner nope; partners/],
  [['va', 'status-check', 'nope'], /no inquiry has been made on VA nope \(and no such dynamic VA\); VAs inquired: none yet/],
  [['trigger', 'transfer', 'nope'], /no transfer with partnerReferenceNo "nope"; partnerReferenceNos known: none yet/],
  [['trigger', 'order', 'nope'], /no order with partnerReferenceNo "nope"; partnerReferenceNos known: none yet/],
  [['trigger', 'va', 'nope'], /no va with virtualAccountNo "nope"; virtualAccountNos known: none yet/],
  [['trigger', 'nope', 'x'], /choose one of trigger transfer, trigger order, trigger va/],
  [['trigger', 'order', 'x', '--set', 'no equals sign'], /should look like field=value/],
  [
    ['trigger', 'order', 'x', '--to', 'notaurl'],
    /--to must be an http or https URL such as http:\/\/localhost:3000\/notify, got "notaurl"/,
  ],
  [['webhooks', 'resend', 'x', '--to', 'notaurl'], /--to must be an http or https URL/],
  [['trigger', 'order', 'x', '--merchant', 'nope'], /no merchant nope; merchants: \d{21} \(partner /],
  [['start', '--port', '-1'], /--port must be a whole number from 0 to 65535, got "-1"/],
  [['uat', '--retries', '-1'], /--retries must be a whole number/],
  [['uat', '--product', 'nope'], /--product must be one of/],
  [['log', '--reference'], /--reference needs a value/],
  [['log', '--follow=1'], /--follow takes no value/],
  [['log', '--bogus'], /unknown option --bogus; options: .*--reference/],
  [['uat', '--target', 'foo'], /--target must be sim, sandbox or a base URL such as http:\/\/127\.0\.0\.1:8787, got "foo"/],
  [['uat', '--only', 'NoSuchCase'], /no case matches --only NoSuchCase; case ids: /],
  [['uat', '--only', 'TopUp'], /no case matches --only TopUp; close: .*TopUp/],
  [['uat', '--client', './missing.mjs'], /--client must be raw, dana-node or the path of an adapter module.*no file .*missing\.mjs/],
];

const INTERNAL = /request, rule \d|ControlError|Option '--|Unknown option|customer must|argument is ambiguous|\bat .*\.ts:\d/;

describe('dana-sim exits 2 for every user error, naming what it accepts', () => {
  it.each(BAD_VALUES.map(([args, says]) => [args.join(' '), args, says] as const))('%s', async (_name, args, says) => {
    const ran = await runCli(...args, ...(args[0] === 'start' || args[0] === 'uat' ? [] : ['--data', dir]));
    expect(ran.code, ran.stderr).toBe(2);
    expect(ran.stderr).toMatch(says);
    expect(ran.stderr).not.toMatch(INTERNAL);
  });

  it("shows a command group's usages for --help and exits 0", async () => {
    const ran = await runCli('trigger', '--help');
    expect(ran.code).toBe(0);
    expect(ran.stdout.split('\n')).toEqual([
      expect.stringMatching(/^dana-sim trigger transfer <partnerReferenceNo>/),
      expect.stringMatching(/^dana-sim trigger order <partnerReferenceNo>/),
      expect.stringMatching(/^dana-sim trigger va <virtualAccountNo>/),
    ]);
  });

  it('refuses to trigger a notification with nowhere to go, naming --to', async () => {
    const created = await runCli('va', 'create', '--customer', '62811742234', '--amount', '1.00', '--json', '--data', dir);
    const ran = await runCli('trigger', 'va', JSON.parse(created.stdout).virtualAccountNo, '--data', dir);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/no URL to send the va notification to: none is configured for \S+; give one \(dana-sim trigger --to URL\)/);
  });

  it('keeps the rule number for a rule file (the prefix names the file), and drops it for one rule from the CLI', async () => {
    const ran = await runCli('fault', 'add', '--endpoint', 'nope', '--result', 'SYSTEM_ERROR', '--data', dir);
    expect(ran.stderr).toMatch(/^dana-sim fault add: unknown endpoint "nope"/m);
    // A list posted to the control API: which rule, without the word "request".
    const reply = await fetch(`${server.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [
          { endpoint: 'transferToDana', effect: 'result=GENERAL_ERROR' },
          { endpoint: 'nope', effect: 'delay=1' },
        ],
      }),
    });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: string }).error).toMatch(/^rule 2: unknown endpoint "nope"; /);
  });

  it('exits 1 when no simulator answers (not the user typing a wrong value)', async () => {
    const ran = await runCli('clock', '--url', 'http://127.0.0.1:1');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/no answer from the simulator/);
  });
});

describe('negative numbers reach the validators', () => {
  const options = { amount: { type: 'string' as const }, json: { type: 'boolean' as const } };

  it('joins a negative value to its string flag and moves a negative positional after --', () => {
    expect(withNegativeNumbers(['--amount', '-5', '--json'], options)).toEqual(['--amount=-5', '--json']);
    expect(withNegativeNumbers(['-5s', '--json'], options)).toEqual(['--json', '--', '-5s']);
    expect(withNegativeNumbers(['--amount', '5', 'x', '--', '-y'], options)).toEqual(['--amount', '5', 'x', '--', '-y']);
    // A boolean flag takes no value: the negative number after it is a positional.
    expect(withNegativeNumbers(['--json', '-1'], options)).toEqual(['--json', '--', '-1']);
  });
});
