import { parseArgs } from 'node:util';
import type { CommandOptions, Product } from '../core/product.ts';
import { PRODUCTS } from '../products/index.ts';
import { STATE_HELP, STATE_OPTIONS, UsageError, control, type Command, type Flags } from './cli/command.ts';
import { CORE_COMMANDS } from './cli/commands.ts';

// The `dana-sim` command line: finds the command, parses its flags strictly, prints help.
// Unknown flags and bad values print a clear message and exit 2. Commands are the simulator's own
// plus every product's; a product command reaches state through the control API, so it takes the
// flags that say which simulator (--data, --url, --control-token, --json).

let COMMANDS: readonly Command[] = CORE_COMMANDS;

function commandsOf(products: readonly Product[]): Command[] {
  return products
    .flatMap((product) => product.commands ?? [])
    .map((command) => ({
      ...command,
      options: { ...STATE_OPTIONS, ...command.options },
      help: Object.assign({ ...command.help }, STATE_HELP, command.help),
    }));
}

function helpText(command?: Command): string {
  if (!command) {
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    return [
      "dana-sim: a local simulator of DANA's sandbox API",
      '',
      'usage: dana-sim <command> [flags]',
      '',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run `dana-sim <command> --help` for its flags.',
    ].join('\n');
  }
  const width = Math.max(...Object.keys(command.help).map((flag) => flag.length), 6);
  return [
    `${command.summary}`,
    '',
    `usage: ${command.usage}`,
    '',
    ...Object.entries(command.help).map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    `  ${'--help'.padEnd(width)}  show this help`,
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command | undefined; rest: string[] } {
  const two = COMMANDS.find((c) => c.name === argv.slice(0, 2).join(' '));
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === argv[0]);
  return { command: one, rest: argv.slice(1) };
}

const NEGATIVE = /^-\d/;

/**
 * node's parseArgs reads `-5` as a flag, so `--amount -5` and `clock advance -5s` failed with node's own
 * wording. A negative number after a string flag becomes `--flag=-5`, and one standing alone goes after
 * `--` as a positional; the command's validator then says what it accepts.
 */
export function withNegativeNumbers(args: readonly string[], options: CommandOptions): string[] {
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    const next = args[index + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && NEGATIVE.test(next)) {
      flags.push(`${arg}=${next}`);
      index += 1;
    } else if (NEGATIVE.test(arg)) positionals.push(arg);
    else flags.push(arg);
  }
  return positionals.length ? [...flags, '--', ...positionals] : flags;
}

/** Runs one command line; `extensions` are products served besides the built-in ones (UAT progress). */
export async function main(argv: string[], extensions: readonly Product[] = []): Promise<number> {
  COMMANDS = [...CORE_COMMANDS, ...commandsOf([...PRODUCTS, ...extensions])];
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const { command } = findCommand(argv.slice(argv[0] === 'help' ? 1 : 0));
    console.log(helpText(argv[0] === 'help' ? command : undefined));
    return 0;
  }
  const { command, rest } = findCommand(argv);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    // `dana-sim trigger --help`: a group's help is its commands' usages, not an error.
    if (group.length && (argv[1] === '--help' || argv[1] === '-h')) {
      console.log(group.map((c) => `dana-sim ${c.usage.replace(/^dana-sim /, '')}`).join('\n'));
      return 0;
    }
    console.error(
      group.length
        ? `dana-sim ${argv[0]}: choose one of ${group.map((c) => c.name).join(', ')}`
        : `dana-sim: unknown command "${argv[0]}"\n\n${helpText()}`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(helpText(command));
    return 0;
  }
  try {
    const args = withNegativeNumbers(rest, command.options);
    const { values, positionals } = parseArgs({ args, options: command.options, strict: true, allowPositionals: true });
    const allowed = command.argument ? 1 : 0;
    if (positionals.length > allowed) throw new UsageError(`unexpected argument "${positionals[allowed]}"`);
    if (command.argument && positionals.length === 0) throw new UsageError(`<${command.argument}> is required`);
    const tools = {
      extensions,
      control: (flags: Flags, method: string, path: string, body: unknown, show: (value: any) => string, needsRunning = false) =>
        control(flags, method, path, body, show, needsRunning, extensions),
    };
    return await command.run({ ...(values as Flags), _: positionals[0] }, tools);
  } catch (error) {
    const message = parseArgsMessage(error as Error & { code?: string }, command.options) ?? (error as Error).message;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`dana-sim ${command.name}: ${message}\nusage: ${command.usage}\nRun \`dana-sim ${command.name} --help\` for details.`);
      return 2;
    }
    console.error(`dana-sim ${command.name}: ${message}`);
    return 1;
  }
}

/** node:util's parseArgs wording ("argument is ambiguous", "To specify a positional argument…") in ours. */
function parseArgsMessage(error: Error & { code?: string }, options: Record<string, { type: string }>): string | undefined {
  const names = () =>
    Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
  const option = /'(?:-\w, )?(-{1,2}[\w-]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}; options: ${names()}`.replace('  ', ' ');
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return options[option.replace(/^-+/, '')]?.type === 'boolean' ? `${option} takes no value` : `${option} needs a value`;
  }
  return undefined;
}
