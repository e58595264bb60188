import { UsageError, type CommandOptions, type Flags, type Product } from '../../core/product.ts';
import type { ControlTarget } from '../control-client.ts';

// What a CLI command is, and the helpers commands share to reach the simulator's state.

export { UsageError, type Command, type Flags } from '../../core/product.ts';

export const STATE_OPTIONS: CommandOptions = {
  // No default: an unset --data lets DANA_SIM_URL and the default port be found first (control-client.ts).
  data: { type: 'string' },
  url: { type: 'string' },
  'control-token': { type: 'string' },
  json: { type: 'boolean', default: false },
};

export const STATE_HELP = {
  '--data DIR': 'the simulator serving DIR, else DIR itself (default: DANA_SIM_URL, .dana-sim, then 127.0.0.1:8787)',
  '--url URL': 'talk to the simulator at URL',
  '--control-token T': 'bearer token of the control API (or DANA_SIM_CONTROL_TOKEN)',
  '--json': 'print JSON',
};

export async function withTarget(
  flags: Flags,
  work: (target: ControlTarget) => Promise<number>,
  needsRunning = false,
  extensions: readonly Product[] = [],
): Promise<number> {
  // Loaded on demand: `--help` and usage errors should not pay for the simulator's modules.
  const { connect } = await import('../control-client.ts');
  const target = await connect({
    dataDir: flags.data as string | undefined,
    url: flags.url as string | undefined,
    controlToken: flags['control-token'] as string | undefined,
    extensions,
  });
  try {
    if (needsRunning && !target.running) {
      console.error(
        'dana-sim: no simulator is running on this data directory. Rules and the request log live in a running simulator: `npm start` (or `dana-sim start --faults rules.json`), then try again.',
      );
      return 1;
    }
    // Which simulator answered, on stderr so that --json output stays pure JSON (and quiet with --json).
    if (!flags.json) console.error(`dana-sim: ${target.description}`);
    return await work(target);
  } finally {
    await target.close();
  }
}

export async function control(
  flags: Flags,
  method: string,
  path: string,
  body: unknown,
  show: (value: any) => string,
  needsRunning = false,
  extensions: readonly Product[] = [],
): Promise<number> {
  return withTarget(
    flags,
    async (target) => {
      const reply = await target.call(method, path, body);
      const error = (reply.body as { error?: string } | undefined)?.error;
      // 400 (a value the simulator refused) and 404 (nothing by that name) are the user's to fix: exit 2
      // with the command's usage. Anything else (storage, a bug) is ours: exit 1.
      if ((reply.status === 400 || reply.status === 404) && error) throw new UsageError(error);
      if (reply.status !== 200) {
        console.error(`dana-sim: ${error ?? `control call failed (${reply.status})`}`);
        return 1;
      }
      console.log(flags.json ? JSON.stringify(reply.body, null, 2) : show(reply.body));
      return 0;
    },
    needsRunning,
    extensions,
  );
}

export function integer(value: unknown, name: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(String(value)) || number < min || number > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return number;
}
