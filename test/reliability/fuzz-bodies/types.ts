// What a product's fuzz fixture file (fuzz-bodies/<product>.ts) gets, and gives: a valid body per
// endpoint, whose reference numbers come from the task's seeded source.

export type Random = () => number;

export interface FixtureContext {
  readonly merchantId: string;
  readonly partnerServiceId: string;
  /** A fresh reference from the seeded source, e.g. `ref-3k9x…`. */
  readonly id: (random: Random, prefix: string) => string;
}

export type Bodies = Readonly<Record<string, (random: Random) => Record<string, unknown>>>;
