// The catalogue of DANA's response codes and the contract types. Which endpoints exist is the
// products' business: simulator/products/index.ts lists them.

export * from './response-codes.ts';
export type * from './common/endpoint.ts';
