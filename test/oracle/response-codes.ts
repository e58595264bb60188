import { readdirSync } from 'node:fs';
import type { BniRow, OpenApiRow, SnapRow } from './rows.ts';

// The independent oracle of the catalogue test: every code each endpoint can answer, keyed by the
// endpoint's contract key, as literal values written from ../shared/dana-api/. Each product brings
// its rows in products/<product>.ts (`oracle`) and how to provoke them in triggers/<product>.ts, both
// found by listing their folder, so a new product adds two files. Nothing here (or in the files it gathers) imports
// contracts/ or simulator/, so a change to the product's catalogue cannot change what the test expects.

export type { BniRow, OpenApiRow, SnapRow } from './rows.ts';

export type OracleEntry =
  | { readonly envelope: 'snap'; readonly rows: readonly SnapRow[] }
  | { readonly envelope: 'open-api'; readonly rows: readonly OpenApiRow[] }
  | { readonly envelope: 'bni'; readonly rows: readonly BniRow[] };

const DIR = new URL('./products/', import.meta.url);
const products = await Promise.all(
  readdirSync(DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => import(new URL(name, DIR).href) as Promise<{ oracle: Record<string, OracleEntry> }>),
);

/** Every endpoint's rows, by contract key. */
export const RESPONSE_CODE_ORACLE: Readonly<Record<string, OracleEntry>> = Object.assign({}, ...products.map((product) => product.oracle));
