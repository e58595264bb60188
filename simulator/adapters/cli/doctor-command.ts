import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from './command.ts';

// `dana-sim doctor [--data DIR] [--repair]`: checks a data directory the simulator refuses to load
// (or any other), and with --repair backs it up and recovers what can be recovered. It takes the data
// directory's lock, so it never runs beside a simulator serving the same directory.

export const DOCTOR_COMMAND: Command = {
  name: 'doctor',
  summary: 'verify the stored state (journal, snapshots, ledger); --repair backs up, then recovers',
  usage: 'dana-sim doctor [--data .dana-sim] [--repair] [--json]',
  options: {
    data: { type: 'string', default: '.dana-sim' },
    repair: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  help: {
    '--data DIR': 'the data directory to check (default .dana-sim); no simulator may be serving it',
    '--repair': 'back the state up to DIR/backups/, then cut a torn final entry or rebuild from the last good snapshot plus journal',
    '--json': 'print the diagnosis (and repair) as JSON',
  },
  async run(flags) {
    const dataDir = resolve(String(flags.data));
    const stateDir = join(dataDir, 'state');
    if (!existsSync(stateDir)) {
      console.error(`dana-sim doctor: ${dataDir} holds no stored state (no ${stateDir})`);
      return 1;
    }
    const [{ acquireDataDir, DataDirBusyError }, { diagnose, repair }, { storedLedgerProblems }] = await Promise.all([
      import('../data-dir-lock.ts'),
      import('../../storage/doctor.ts'),
      import('../../parties/ledger-check.ts'),
    ]);
    let lock;
    try {
      lock = await acquireDataDir(dataDir, 'command');
    } catch (error) {
      if (!(error instanceof DataDirBusyError)) throw error;
      console.error(`dana-sim doctor: ${error.message}; stop it first`);
      return 1;
    }
    try {
      const diagnosis = await diagnose(stateDir, storedLedgerProblems);
      const repaired = flags.repair ? await repair(diagnosis, join(dataDir, 'backups'), storedLedgerProblems) : undefined;
      const { inspection, ...rest } = diagnosis;
      if (flags.json) {
        const files = { snapshot: inspection.snapshotFile, segments: inspection.segments, torn: inspection.torn, fresh: inspection.fresh };
        console.log(JSON.stringify({ stateDir, ...rest, files, ...(repaired ? { repair: repaired } : {}) }, null, 2));
      } else {
        console.log(report(stateDir, diagnosis, repaired));
      }
      if (repaired) return repaired.action === 'refused' || diagnosis.unrecovered.length > 0 ? 1 : 0;
      return diagnosis.healthy ? 0 : 1;
    } finally {
      await lock.release();
    }
  },
};

type Diagnosis = Awaited<ReturnType<typeof import('../../storage/doctor.ts').diagnose>>;
type Repair = Awaited<ReturnType<typeof import('../../storage/doctor.ts').repair>>;

function report(stateDir: string, diagnosis: Diagnosis, repaired: Repair | undefined): string {
  const { inspection } = diagnosis;
  const lines = [`dana-sim doctor: ${stateDir}`];
  const files = inspection.segments.length + inspection.snapshots.length + (inspection.manifest ? 1 : 0);
  lines.push(
    `  ${files} file(s); snapshot: ${inspection.snapshotFile ?? 'none'} (entry ${inspection.snapshot.seq}); journal entries after it: ${inspection.entries.length}`,
  );
  if (inspection.torn)
    lines.push(`  torn final entry at ${inspection.torn.file} byte ${inspection.torn.offset}: never acknowledged, safe to drop`);
  lines.push(...(diagnosis.problems.length === 0 ? ['  files: ok'] : ['  file problems:', ...diagnosis.problems.map((p) => `    ${p}`)]));
  lines.push(...(diagnosis.ledger.length === 0 ? ['  ledger: ok'] : ['  ledger problems:', ...diagnosis.ledger.map((p) => `    ${p}`)]));
  if (!diagnosis.healthy) {
    lines.push(`  recoverable: every entry up to ${diagnosis.recoverableSeq}`);
    if (diagnosis.unrecovered.length === 0) lines.push('  nothing acknowledged is lost');
    else {
      lines.push('  acknowledged entries that cannot be recovered:');
      for (const lost of diagnosis.unrecovered)
        lines.push(`    ${lost.seq ?? '?'}  ${lost.where}${lost.touched ? ` (${lost.touched})` : ''}`);
    }
  }
  if (!repaired) {
    if (!diagnosis.healthy || inspection.torn) lines.push('Run again with --repair to back up and recover.');
    return lines.join('\n');
  }
  if (repaired.backup) lines.push(`Backed up to ${repaired.backup}`);
  const outcome = {
    none: 'Nothing to repair.',
    truncated: 'Repaired: cut the torn final entry.',
    rebuilt: `Repaired: rebuilt from the last good snapshot and journal; the state now ends at entry ${diagnosis.recoverableSeq}.`,
    refused: `Not repaired: ${repaired.why}`,
  }[repaired.action];
  lines.push(outcome);
  return lines.join('\n');
}
