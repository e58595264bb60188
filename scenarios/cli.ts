import { main as runCommandLine } from '../simulator/adapters/cli.ts';
import { uatProgress } from './progress.ts';

// The dana-sim executable: the simulator's command line plus what the harness adds to it (live UAT
// progress and the `uat` commands). It lives with the harness because the harness depends on the
// simulator, never the other way round.

export function main(argv: string[]): Promise<number> {
  return runCommandLine(argv, [uatProgress()]);
}
