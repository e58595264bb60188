import { danaNodeClient } from '../scenarios/clients/dana-node.ts';
import { rawClient } from '../scenarios/clients/raw.ts';
import { runCases } from '../scenarios/runner.ts';
import { remoteSimTarget } from '../scenarios/targets/http.ts';
import { simTarget } from '../scenarios/targets/sim.ts';
import type { CaseFile, RunResult } from '../scenarios/types.ts';
import { testKeys } from './helpers.ts';
import { uatServer } from './uat-servers.ts';

// The two ways the per-product UAT tests run their cases: in-process with a named client, and with
// the raw client against a running dana-sim (the caller stops servers with stopServers).

export async function runInProcess(cases: readonly CaseFile[], name: string): Promise<RunResult> {
  const { dana, merchant } = testKeys();
  const target = await simTarget({ danaKeys: dana, merchant: { privateKeyPem: merchant.privateKeyPem } });
  try {
    const adapter =
      name === 'raw' ? rawClient(target.baseUrl, target.merchant) : danaNodeClient({ baseUrl: target.baseUrl, merchant: target.merchant });
    return await runCases({ target, client: { name, adapter }, cases });
  } finally {
    await target.close();
  }
}

export async function runOverHttp(cases: readonly CaseFile[], label: string): Promise<RunResult> {
  const { running, dataDir } = await uatServer(label);
  const target = await remoteSimTarget(running.url, dataDir, {});
  try {
    return await runCases({ target, client: { name: 'raw', adapter: rawClient(target.baseUrl, target.merchant) }, cases });
  } finally {
    await target.close();
  }
}
