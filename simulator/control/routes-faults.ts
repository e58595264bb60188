import type { RuleSpec } from '../../contracts/common/rule.ts';
import { addRules } from '../faults/rule-file.ts';
import { RuleError } from '../faults/rules.ts';
import { namesOf, optionalText, text } from '../core/control-input.ts';
import { ControlError } from '../core/product.ts';
import type { ControlHost, HostRoutes } from './host.ts';

// Control routes for the rule table and the request log. Rules added here live until cleared or
// until the simulator stops; sandbox defaults come back at every start.

function adding<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RuleError) throw new ControlError(error.message);
    throw error;
  }
}

function sandboxState(sim: ControlHost) {
  const rules = sim.rules.list('sandbox').length;
  return { enabled: rules > 0, rules };
}

export const FAULT_ROUTES: HostRoutes = {
  'GET /faults': (sim, request) => {
    const source = request.query.get('source');
    if (source !== null && source !== 'user' && source !== 'sandbox') throw new ControlError('source must be user or sandbox');
    return sim.rules.list(source ?? undefined);
  },
  'POST /faults': (sim, request) => {
    // `first` is the call's, not the rule's: the rule itself is checked field by field.
    const { first: _first, ...single } = request.body;
    const rules = Array.isArray(request.body.rules) ? (request.body.rules as RuleSpec[]) : [single as unknown as RuleSpec];
    return adding(() => {
      addRules(sim.rules, rules);
      const added = sim.rules.list('user').slice(-rules.length);
      // `first: true` (the UAT runner): ahead of the rules already there, so those cannot change its cases.
      if (request.body.first === true) sim.rules.putFirst(added.map((rule) => rule.id));
      return added;
    });
  },
  // Edits a user rule in place: the same id and the same place in the order (a remove and add would change both).
  'POST /faults/update': (sim, request) => {
    const id = text(request.body.id, 'id');
    const rule = request.body.rule;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      throw new ControlError('rule must be a rule object, as POST /faults takes');
    return adding(() => sim.rules.replace(id, rule as unknown as RuleSpec));
  },
  // DANA's sandbox magic values as a set: off and back on (the same rules, ids and order) without a restart.
  'GET /faults/sandbox': (sim) => sandboxState(sim),
  'POST /faults/sandbox': (sim, request) => {
    if (typeof request.body.enabled !== 'boolean') throw new ControlError('enabled must be true or false');
    sim.rules.setSandbox(request.body.enabled);
    return sandboxState(sim);
  },
  'POST /faults/clear': (sim, request) => {
    // Only an absent id clears them all: a wrong one (5, {}) must not pass for "no id".
    if (request.body.id !== undefined && typeof request.body.id !== 'string')
      throw new ControlError(`id must be a rule id (text), got ${JSON.stringify(request.body.id)}; leave it out to clear every user rule`);
    const id = optionalText(request.body.id);
    if (id) {
      if (!sim.rules.remove(id))
        throw new ControlError(
          `no rule "${id}"; rule ids: ${namesOf(
            sim.rules.list().map((rule) => rule.id),
            20,
          )}`,
        );
      return { removed: 1 };
    }
    // Clearing removes the rules users added; the sandbox defaults stay unless asked for by name.
    return { removed: sim.rules.clear(request.body.source === 'sandbox' ? 'sandbox' : 'user') };
  },
  // Filters combine (all must match); `reference` matches any reference an entry carries. The
  // bootId tells a follower (`dana-sim log --follow`) that the simulator restarted with a new log.
  'GET /log': (sim, request) => {
    const after = Number(request.query.get('after') ?? 0);
    const limit = Number(request.query.get('limit') ?? 200);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1)
      throw new ControlError('after and limit must be whole numbers');
    const filter = (name: string): string | undefined => {
      const value = request.query.get(name);
      if (value === '') throw new ControlError(`${name} must not be empty`);
      return value ?? undefined;
    };
    const endpoint = filter('endpoint');
    // A misspelt name would silently match nothing; a path (`/…`) is taken as given.
    const known = sim.products.flatMap((product) => product.routes ?? []).map((route) => route.contract.key);
    if (endpoint !== undefined && !endpoint.startsWith('/') && !known.includes(endpoint))
      throw new ControlError(
        `unknown endpoint "${endpoint}"; one of: ${[...new Set(known)].join(', ')}, or a path such as /v1.0/emoney/topup.htm`,
      );
    const entries = sim.log.query({
      after,
      limit,
      endpoint,
      code: filter('code'),
      partner: filter('partner'),
      reference: filter('reference'),
    });
    return { bootId: sim.log.bootId, entries };
  },
};
