import { createRequire } from 'node:module';

type Faker = (typeof import('@faker-js/faker/locale/id_ID'))['faker'];

// Generated Indonesian names for made-up customers and bank accounts, stable under a numeric seed.
// faker is loaded on first use (or by loadFakeNames, once a server is idle): its Indonesian locale
// and the English one it falls back to are about 500 KB of JavaScript, some 25 ms of every start,
// and a restart serves nothing that needs a name before its first top up or inquiry.

let loaded: Faker | undefined;

/** Loads faker now, so no request waits for it later. */
export function loadFakeNames(): Faker {
  loaded ??= (createRequire(import.meta.url)('@faker-js/faker/locale/id_ID') as { faker: Faker }).faker;
  return loaded;
}

/** A full name, the same for the same seed. */
export function fakeFullName(seed: number): string {
  const faker = loadFakeNames();
  faker.seed(seed);
  return faker.person.fullName();
}
