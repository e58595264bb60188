import type { Guide, Variable } from './env-guides.ts';

// The dotenv block an app's .env takes: the merchant's credentials, then what its language's SDK needs
// (proxy, CA), steps as comments. `dana-sim env --format dotenv` prints it and GET /__sim/credentials
// answers it, from this one function, so the dashboard shows what the CLI prints.

const dotenvQuote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The credentials file's variables with the simulator's URL as the caller knows it. */
export function credentialVariables(credentials: Record<string, string>, url: string | undefined): Variable[] {
  return Object.entries({ ...credentials, ...(url ? { DANA_SIM_URL: url } : {}) }).map(([name, value]) => ({
    name,
    value,
    why: 'merchant credentials (merchant.env)',
  }));
}

export function dotenvBlock(credentials: Record<string, string> | undefined, url: string | undefined, guide: Guide): string {
  const variables = [...(credentials ? credentialVariables(credentials, url) : []), ...guide.variables];
  const out = variables.map((v) => `${v.name}=${dotenvQuote(v.value)}`);
  for (const step of guide.steps)
    out.push(`# ${step.title}`, ...[...step.lines, ...(step.command ? [step.command] : [])].map((l) => `#   ${l}`));
  out.push(`# or, with no proxy and no CA: ${guide.baseUrl.title}`, ...guide.baseUrl.lines.map((l) => `#   ${l}`));
  return out.join('\n');
}
