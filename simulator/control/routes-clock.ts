import { wibIso } from '../clock/clock.ts';
import { text } from '../core/control-input.ts';
import { ControlError } from '../core/product.ts';
import type { ControlHost, HostRoutes } from './host.ts';

// Clock snapshots: the simulator clock only moves forward, except back to an offset a snapshot took.
// A UAT run against a running simulator moves the clock (expiry and retry cases) and must leave it as
// it found it: it takes a snapshot first and restores it when it ends. A snapshot can be restored
// once; nothing else can move the clock back, so a script cannot rewind time by accident.

interface Snapshots {
  next: number;
  readonly offsets: Map<string, number>;
}

// Per simulator, like its other state; gone with it.
const snapshotsBy = new WeakMap<ControlHost['runtime'], Snapshots>();

function snapshotsOf(host: ControlHost): Snapshots {
  let snapshots = snapshotsBy.get(host.runtime);
  if (!snapshots) snapshotsBy.set(host.runtime, (snapshots = { next: 1, offsets: new Map() }));
  return snapshots;
}

export const CLOCK_ROUTES: HostRoutes = {
  'POST /clock/snapshot': (host) => {
    const snapshots = snapshotsOf(host);
    const snapshot = `clock-${snapshots.next++}`;
    const offsetMs = host.clockOffsetMs();
    snapshots.offsets.set(snapshot, offsetMs);
    return { snapshot, offsetMs };
  },
  'POST /clock/restore': async (host, request) => {
    const snapshot = text(request.body.snapshot, 'snapshot');
    const { offsets } = snapshotsOf(host);
    const offsetMs = offsets.get(snapshot);
    if (offsetMs === undefined) throw new ControlError(`no clock snapshot ${snapshot} (each can be restored once)`);
    offsets.delete(snapshot);
    // Moved back only: a clock that someone else set earlier than the snapshot stays where it is.
    if (host.clockOffsetMs() > offsetMs) await host.restoreClock(offsetMs);
    return { now: wibIso(host.runtime.clock.now()), offsetMs: host.clockOffsetMs() };
  },
};
