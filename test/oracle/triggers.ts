import { readdirSync } from 'node:fs';
import type { Provocations } from './provoke.ts';

// How the catalogue test provokes every code of every endpoint, by contract key and result key: each
// product's triggers/<product>.ts (`triggers`), found by listing the folder.

const DIR = new URL('./triggers/', import.meta.url);
const products = await Promise.all(
  readdirSync(DIR)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => import(new URL(name, DIR).href) as Promise<{ triggers: Record<string, Provocations> }>),
);

export const TRIGGERS: Readonly<Record<string, Provocations>> = Object.assign({}, ...products.map((product) => product.triggers));
