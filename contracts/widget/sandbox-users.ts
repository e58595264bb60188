// DANA's Widget sandbox users with fixed behaviour (UAT fixture Widget.json; issue-17 facts section 4),
// by customerNumber. Each logs in on the binding page with its own PIN or the simulator's 181818
// (DANA's own scripts disagree on some PINs). What their tokens answer on Balance Inquiry and Apply OTT
// are rules matched on the customer (contracts/sandbox-rules.ts).

export interface WidgetSandboxUser {
  readonly pins: readonly string[];
}

export const WIDGET_SANDBOX_USERS: Readonly<Record<string, WidgetSandboxUser>> = {
  '628551003634': { pins: ['574008'] },
  '62855100800': { pins: ['146838'] },
  '62815919191': { pins: ['945922', '631642'] },
  '6281298055132': { pins: ['677832'] },
  '628121532586': { pins: ['944279'] },
};
