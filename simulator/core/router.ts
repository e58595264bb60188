import type { Route } from './route.ts';

// The route table, built from every product's routes.ts. Paths are data; both adapters (express
// and msw) read this table, and every path variant of an endpoint maps to the same route.

export class Router {
  private readonly byPath = new Map<string, Route>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      for (const path of route.contract.paths) {
        if (this.byPath.has(path)) throw new Error(`two routes claim ${path}`);
        this.byPath.set(path, route);
      }
    }
  }

  match(method: string, path: string): Route | undefined {
    return method.toUpperCase() === 'POST' ? this.byPath.get(path) : undefined;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  routes(): Route[] {
    return [...new Set(this.byPath.values())];
  }
}
