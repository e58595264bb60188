import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productsOf, sameProduct, type CaseFile, type Product } from './types.ts';

// Reads the case files. Order: mandatory cases first, in the Merchant Portal's order of scenarios,
// then the additional ones; within a scenario, by file name.

/** Beside this file in the sources; from a bundle (dist/, used by npm start), under the package root above it. */
function casesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'cases'))) return join(here, 'cases');
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scenarios', 'cases'))) return join(dir, 'scenarios', 'cases');
  }
  return join(here, 'cases');
}

const CASES_DIR = casesDir();

const PORTAL_ORDER = [
  'Dana Disbursement TopUp',
  'Dana Disbursement Bank Top Up',
  'Payment Gateway Payment',
  'General Payment finish notify',
  'Payment Gateway Consult Pay',
  'Payment Gateway Debit Status',
  'Payment Gateway Refund Order',
  'Payment Gateway Cancel Order',
];

export function loadCases(dir = CASES_DIR): CaseFile[] {
  const cases = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CaseFile);
  const rank = (c: CaseFile) =>
    (c.mandatory ? 0 : 1) * 100 + (PORTAL_ORDER.includes(c.scenario) ? PORTAL_ORDER.indexOf(c.scenario) : PORTAL_ORDER.length);
  return cases
    .map((c, index) => ({ c, index }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.index - b.index)
    .map(({ c }) => c);
}

export interface Selection {
  readonly product?: Product | 'all';
  readonly only?: readonly string[];
}

export function selectCases(cases: readonly CaseFile[], selection: Selection): CaseFile[] {
  return cases.filter(
    (c) =>
      (selection.product === undefined ||
        selection.product === 'all' ||
        productsOf(c).some((product) => sameProduct(product, selection.product!))) &&
      (!selection.only?.length || selection.only.includes(c.id)),
  );
}

/** The --product values the case files name, sorted, then `all`. */
export function productNames(cases: readonly CaseFile[]): string[] {
  return [...new Set(cases.flatMap(productsOf))].sort().concat('all');
}
