import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError, type Command, type Flags } from './command.ts';
import { credentialVariables, dotenvBlock } from '../../control/env-block.ts';
import { LANGUAGES, guideFor, guideInputFor, type Guide, type Language } from '../../control/env-guides.ts';

// `dana-sim env --lang L`: what to set so an app in language L reaches the simulator unchanged, read
// from the data directory (merchant.env, the TLS helper's CA) and printed as text, shell or dotenv.

const FORMATS = ['text', 'shell', 'dotenv'] as const;
const DEFAULT_PROXY_PORT = '8788';

/** merchant.env as written by credentials-file.ts: NAME="value" with \n, \" and \\ escaped. */
export function parseDotenv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"$/.exec(line.trim());
    if (match) variables[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return variables;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
const shown = (value: string) => (value.includes('\n') ? `(${value.split('\n')[0]} ... from merchant.env)` : value);

interface Resolved {
  readonly dataDir: string;
  readonly url: string;
  readonly source: string;
  readonly credentials: Record<string, string> | undefined;
}

async function resolveTarget(flags: Flags): Promise<Resolved> {
  const { DEFAULT_DATA_DIR, DEFAULT_URL } = await import('../control-client.ts');
  const { lockPath, readLock } = await import('../server-lock.ts');
  const explicitData = flags.data !== undefined;
  const dataDir = resolve(String(flags.data ?? DEFAULT_DATA_DIR));
  const envFile = join(dataDir, 'merchant.env');
  const credentials = existsSync(envFile) ? parseDotenv(await readFile(envFile, 'utf8')) : undefined;
  const lock = await readLock(dataDir);
  const candidates: Array<[string | undefined, string]> = [
    [flags.url as string | undefined, '--url'],
    [explicitData ? lock?.url : undefined, `server record ${lockPath(dataDir)}`],
    [process.env.DANA_SIM_URL, 'DANA_SIM_URL'],
    [lock?.url, `server record ${lockPath(dataDir)}`],
    [credentials?.DANA_SIM_URL, envFile],
  ];
  const [url, source] = candidates.find(([candidate]) => candidate) ?? [DEFAULT_URL, 'the default: nothing else names one'];
  return { dataDir, url: url!, source, credentials };
}

function renderText(language: Language, resolved: Resolved, guide: Guide, caFile: string): string {
  const out = [
    `dana-sim for ${language} (${guide.sdk})`,
    `  simulator       ${resolved.url} (from ${resolved.source})`,
    `  data directory  ${resolved.dataDir}`,
    `  CA certificate  ${caFile}${existsSync(caFile) ? '' : '  (not created yet: start with `dana-sim start --tls`)'}`,
    '',
    'Set:',
  ];
  if (!resolved.credentials)
    out.push(`  (no credentials: ${join(resolved.dataDir, 'merchant.env')} is written by \`dana-sim start\`; pass --data DIR)`);
  const variables = [...(resolved.credentials ? credentialVariables(resolved.credentials, resolved.url) : []), ...guide.variables];
  const width = Math.max(...variables.map((v) => v.name.length));
  for (const v of variables)
    out.push(
      `  ${v.name.padEnd(width)}  ${shown(v.value)}`,
      ...(v.why.startsWith('merchant') ? [] : [`  ${''.padEnd(width)}  ^ ${v.why}`]),
    );
  for (const step of guide.steps)
    out.push('', `${step.title}:`, ...step.lines.map((l) => `  ${l}`), ...(step.command ? [`  ${step.command}`] : []));
  out.push(
    '',
    `Or, with no proxy and no CA (plain HTTP to ${resolved.url}), ${guide.baseUrl.title}:`,
    ...guide.baseUrl.lines.map((l) => `  ${l}`),
  );
  out.push('', "The proxy refuses every host but DANA's: run package installs from a shell without these variables.");
  out.push(`As shell exports: eval "$(dana-sim env --lang ${language} --format shell)"`);
  return out.join('\n');
}

function renderShell(resolved: Resolved, guide: Guide): string {
  const variables = [...(resolved.credentials ? credentialVariables(resolved.credentials, resolved.url) : []), ...guide.variables];
  const out = variables.map((v) => `export ${v.name}=${shellQuote(v.value)}`);
  for (const step of guide.steps) {
    out.push(`# ${step.title}`, ...step.lines.map((l) => `#   ${l}`));
    // The one step that is a command (Java's trust store) runs once, and only when there is a CA to import.
    if (step.command)
      out.push(`if [ -f ${shellQuote(caOf(resolved))} ] && [ ! -f ${shellQuote(storeOf(resolved))} ]; then ${step.command} >&2; fi`);
  }
  out.push(`# or, with no proxy and no CA: ${guide.baseUrl.title}`, ...guide.baseUrl.lines.map((l) => `#   ${l}`));
  return out.join('\n');
}

const caOf = (resolved: Resolved) => join(resolved.dataDir, 'tls', 'ca.pem');
const storeOf = (resolved: Resolved) => join(resolved.dataDir, 'tls', 'truststore.p12');

export const ENV_COMMAND: Command = {
  name: 'env',
  summary: 'what to set so an app in your language reaches the simulator (credentials, proxy, CA, base URL)',
  usage: 'dana-sim env --lang node|python|go|php|java [--format text|shell|dotenv] [--data DIR | --url URL] [--proxy-port 8788]',
  options: {
    lang: { type: 'string' },
    format: { type: 'string', default: 'text' },
    data: { type: 'string' },
    url: { type: 'string' },
    'proxy-port': { type: 'string', default: DEFAULT_PROXY_PORT },
  },
  help: {
    '--lang L': `the app's language: ${LANGUAGES.join(', ')}`,
    '--format F': 'text (default), shell (export lines for eval) or dotenv',
    '--data DIR': 'the data directory with merchant.env and tls/ca.pem (default .dana-sim)',
    '--url URL': "the simulator's URL for base-URL overrides (default: the one serving --data, DANA_SIM_URL, 127.0.0.1:8787)",
    '--proxy-port N': 'the CONNECT proxy of `dana-sim start --tls` (default 8788)',
  },
  async run(flags) {
    const language = flags.lang as Language | undefined;
    if (!language) throw new UsageError(`--lang is required: one of ${LANGUAGES.join(', ')}`);
    if (!LANGUAGES.includes(language)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}; got "${language}"`);
    const format = String(flags.format) as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);
    const proxyPort = String(flags['proxy-port']);
    if (!/^\d{1,5}$/.test(proxyPort) || Number(proxyPort) > 65535)
      throw new UsageError(`--proxy-port must be a whole number from 0 to 65535, got "${proxyPort}"`);
    const resolved = await resolveTarget(flags);
    const caFile = caOf(resolved);
    const guide = guideFor(language, guideInputFor(resolved.dataDir, resolved.url, `http://127.0.0.1:${proxyPort}`));
    // Stdout is for eval or a .env file; where things come from goes to stderr.
    if (format !== 'text') {
      console.error(`dana-sim: simulator at ${resolved.url} (from ${resolved.source}), data directory ${resolved.dataDir}`);
      if (!resolved.credentials) console.error(`dana-sim: no ${join(resolved.dataDir, 'merchant.env')} yet: start the simulator first`);
      if (!existsSync(caFile)) console.error(`dana-sim: no ${caFile} yet: start with \`dana-sim start --tls\``);
    }
    console.log(
      format === 'shell'
        ? renderShell(resolved, guide)
        : format === 'dotenv'
          ? dotenvBlock(resolved.credentials, resolved.url, guide)
          : renderText(language, resolved, guide, caFile),
    );
    return 0;
  },
};
