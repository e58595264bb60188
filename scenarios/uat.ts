import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { danaNodeClient, danaNodeVersion } from './clients/dana-node.ts';
import { rawClient } from './clients/raw.ts';
import type { ClientFactory, DanaClient } from './clients/types.ts';
import { loadCases, selectCases } from './load.ts';
import { runCases } from './runner.ts';
import { remoteSimTarget, sandboxTarget } from './targets/http.ts';
import { simTarget } from './targets/sim.ts';
import type { Target } from './targets/types.ts';
import { UsageError } from '../simulator/core/product.ts';
import type { CaseFile, CaseResult, Product, RunResult } from './types.ts';

// `dana-sim uat`: choose cases, a target and a client, run, print portal-style progress, write reports.

export interface UatOptions {
  readonly product?: Product | 'all';
  readonly only?: readonly string[];
  readonly target?: string;
  readonly client?: string;
  readonly reports?: readonly ('junit' | 'json' | 'html')[];
  readonly outDir?: string;
  readonly retries?: number;
  readonly dataDir?: string;
  readonly out?: NodeJS.WritableStream & { isTTY?: boolean };
}

async function openTarget(spec: string, dataDir?: string): Promise<Target> {
  if (spec === 'sim') return simTarget();
  if (spec === 'sandbox') return sandboxTarget();
  if (/^https?:\/\//.test(spec)) return remoteSimTarget(spec, dataDir);
  throw new UsageError(`--target must be sim, sandbox or a base URL such as http://127.0.0.1:8787, got "${spec}"`);
}

export interface OpenedClient {
  readonly name: string;
  readonly adapter: DanaClient;
  readonly version?: string;
  /** An adapter module or an SDK: the reports count the cases it passed as "by your code". */
  readonly isUsers: boolean;
}

export async function openClient(spec: string, target: Target): Promise<OpenedClient> {
  const context = { baseUrl: target.baseUrl, merchant: target.merchant };
  if (spec === 'raw') return { name: 'raw (dana-sim signer)', adapter: rawClient(target.baseUrl, target.merchant), isUsers: false };
  if (spec === 'dana-node')
    return { name: 'dana-node (official SDK)', adapter: danaNodeClient(context), version: danaNodeVersion(), isUsers: true };
  // A missing file is the user's typo, not a crash: say what --client takes.
  if (!existsSync(resolve(spec)))
    throw new UsageError(`--client must be raw, dana-node or the path of an adapter module (.mjs, .js or .ts); no file ${resolve(spec)}`);
  const module = (await importAdapter(pathToFileURL(resolve(spec)).href)) as {
    default?: ClientFactory;
    createClient?: ClientFactory;
    name?: unknown;
    version?: unknown;
  };
  const factory = module.default ?? module.createClient;
  if (typeof factory !== 'function')
    throw new Error(`${spec} must export a default (or named createClient) function returning the adapter`);
  // An adapter may say what it is: `export const name = 'acme-pay'; export const version = '1.4.0'`.
  const name = typeof module.name === 'string' ? `${module.name} (adapter ${spec})` : `adapter ${spec}`;
  const version = typeof module.version === 'string' ? module.version : undefined;
  return { name, adapter: await factory(context), ...(version ? { version } : {}), isUsers: true };
}

/** A TypeScript adapter needs a loader; the bundled CLI runs in plain Node, so tsx is registered on demand. */
async function importAdapter(url: string): Promise<unknown> {
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { register } = await import('tsx/esm/api');
    register();
    // A fresh URL: Node remembers the failed import of the first one.
    return import(`${url}?with-tsx`);
  }
}

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

function progressPrinter(out: UatOptions['out'] & object, clientIsUsers: boolean) {
  const tty = Boolean(out.isTTY);
  return {
    onStart(c: CaseFile, index: number, total: number) {
      if (tty) out.write(`\r\x1b[2K[${index + 1}/${total}] ${c.id} ...`);
    },
    onCase(result: CaseResult, index: number, total: number) {
      // A pass the built-in signer made possible is not the user's code's: say so where it scrolls by.
      const notYours = clientIsUsers && result.status === 'passed' && !result.byClient ? ' [not by your code]' : '';
      const line = `[${index + 1}/${total}] ${MARK[result.status]} ${result.id}${notYours} (${result.durationMs} ms)${result.reason ? ` - ${result.reason}` : ''}`;
      out.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

/** Names the case ids --only could take: those containing a given word first, else the product's. */
function noCaseMatches(options: UatOptions): string {
  const ids = selectCases(loadCases(), { product: options.product }).map((c) => c.id);
  const words = (options.only ?? []).map((word) => word.toLowerCase());
  const near = ids.filter((id) => words.some((word) => id.toLowerCase().includes(word) || word.includes(id.toLowerCase())));
  const shown = near.length ? near : ids;
  const list =
    shown.slice(0, 20).join(', ') + (shown.length > 20 ? ` (and ${shown.length - 20} more; \`dana-sim uat status\` lists them)` : '');
  return `no case matches --only ${(options.only ?? []).join(',')}${options.product && options.product !== 'all' ? ` in --product ${options.product}` : ''}; ${near.length ? 'close' : 'case ids'}: ${list}`;
}

export async function runUat(options: UatOptions): Promise<{ run: RunResult; exitCode: number; reportPaths: string[] }> {
  const out = options.out ?? process.stdout;
  const cases = selectCases(loadCases(), { product: options.product, only: options.only });
  if (cases.length === 0) throw new UsageError(noCaseMatches(options));
  const target = await openTarget(options.target ?? 'sim', options.dataDir);
  try {
    const client = await openClient(options.client ?? 'raw', target);
    const version = client.version ? ` ${client.version}` : '';
    out.write(
      `dana-sim uat: ${cases.length} case(s) against ${target.name} (merchant ${target.merchant.merchantId}) with ${client.name}${version}\n`,
    );
    const run = await runCases({ target, client, cases, retries: options.retries, ...progressPrinter(out, client.isUsers) });
    const { portalSummary, mandatoryPassed } = await import('./reports/summary.ts');
    out.write(`\n${portalSummary(run)}\nin ${(run.durationMs / 1000).toFixed(2)} s\n`);
    let reportPaths: string[] = [];
    if (options.reports?.length) {
      const { writeReports } = await import('./reports/index.ts');
      reportPaths = await writeReports(run, [...options.reports], options.outDir ?? 'uat-report');
      for (const path of reportPaths) out.write(`report: ${path}\n`);
    }
    return { run, exitCode: mandatoryPassed(run) ? 0 : 1, reportPaths };
  } finally {
    await target.close();
  }
}
