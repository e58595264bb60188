import { randomUUID } from 'node:crypto';
import { jakartaTimestamp } from '../simulator/clock/clock.ts';
import { parseDuration } from '../simulator/clock/clock.ts';

// Fills {{...}} placeholders in a case's request: fresh ids, the target's identities, times relative
// to the target's clock, and values saved by earlier steps. A string that is exactly one placeholder
// takes the value's type; inside a longer string it is inserted as text.

export interface TemplateContext {
  readonly vars: Readonly<Record<string, unknown>>;
  /** The target's current time (the simulator clock may run ahead of the wall clock). */
  readonly now: number;
}

const PLACEHOLDER = /\{\{([^}]+)\}\}/g;

function resolve(name: string, context: TemplateContext): unknown {
  const key = name.trim();
  if (key === 'uuid') return randomUUID();
  const relative = /^(validUpTo|now)([+-])(\w+)$/.exec(key);
  if (relative) {
    const ms = parseDuration(relative[3]);
    if (ms === undefined) throw new Error(`bad duration in {{${key}}}`);
    return jakartaTimestamp(context.now + (relative[2] === '+' ? ms : -ms));
  }
  if (!(key in context.vars)) throw new Error(`{{${key}}} is not known here (known: ${Object.keys(context.vars).join(', ')})`);
  return context.vars[key];
}

export function fill(value: unknown, context: TemplateContext): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{([^}]+)\}\}$/.exec(value);
    if (whole) return resolve(whole[1], context);
    return value.replace(PLACEHOLDER, (_, name: string) => String(resolve(name, context)));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, context));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, context)]));
  return value;
}
