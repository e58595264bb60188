// Virtual Account's knobs, added to the simulator's options (SimulatorOptions accepts ProductSettings).

declare module '../../core/route.ts' {
  interface ProductSettings {
    /** The VA inquiry-to-payment window, on the simulator clock (default DANA's 5 minutes). */
    readonly vaWindowMs?: number;
  }
}

export {};
