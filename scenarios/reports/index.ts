import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../types.ts';
import { htmlReport } from './html.ts';
import { jsonReport } from './json.ts';
import { junitXml } from './junit.ts';

export { portalSummary, mandatoryPassed } from './summary.ts';
export { junitXml } from './junit.ts';
export { jsonReport } from './json.ts';
export { htmlReport } from './html.ts';
export { redact } from '../../simulator/core/redact.ts';

export type ReportFormat = 'junit' | 'json' | 'html';

export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = {
  junit: 'uat-report.xml',
  json: 'uat-report.json',
  html: 'uat-report.html',
};

const RENDER: Readonly<Record<ReportFormat, (run: RunResult) => string>> = {
  junit: junitXml,
  json: jsonReport,
  html: htmlReport,
};

/** Writes the chosen reports into outDir (created if missing); returns their paths in the order asked, each once. */
export async function writeReports(run: RunResult, formats: readonly ReportFormat[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const paths: string[] = [];
  for (const format of [...new Set(formats)]) {
    const render = RENDER[format];
    if (!render) throw new Error(`unknown report format: ${String(format)} (junit, json or html)`);
    const path = join(outDir, REPORT_FILES[format]);
    await writeFile(path, render(run), 'utf8');
    paths.push(path);
  }
  return paths;
}
