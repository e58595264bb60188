// A promise rejected with nobody listening ends a Node process by default. In a serving simulator that
// is the wrong trade: every change is one synchronous transaction (applied whole or not at all), and a
// failed write is undone and answered by the store itself, so a stray rejection (a bug in follow-up
// work such as a notification) cannot leave state half changed. It is reported as a bug and serving
// goes on. Uncaught exceptions are left to Node: a throw from a callback may have stopped midway.

export function reportStrayRejections(report: (message: string, reason: unknown) => void = console.error): () => void {
  const listener = (reason: unknown) => report('dana-sim bug: a promise was rejected with nobody handling it (still serving):', reason);
  process.on('unhandledRejection', listener);
  return () => process.off('unhandledRejection', listener);
}
