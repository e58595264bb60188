import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

// Child-process servers for the bench: dana-sim, the express+verify baseline, and Prism. Each prints
// "listening on <url>" (Prism: its own banner), which is how start-up time is measured.

export interface Running {
  readonly url: string;
  readonly pid: number;
  readonly startMs: number;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..', '..');

function launch(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Running> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let output = '';
    const onData = async (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      const url = match[1];
      // Start-up ends when the first request is served.
      for (let i = 0; i < 100; i++) {
        try {
          await fetch(`${url}/__bench-probe`, { method: 'POST', body: '{}' });
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      let stopping = false;
      child.once('exit', (code, signal) => {
        if (!stopping) console.error(`bench: ${command} died (${code ?? signal}) under load; its last output:\n${output.slice(-3000)}`);
      });
      resolveStart({
        url,
        pid: child.pid!,
        startMs: performance.now() - started,
        stop: () =>
          new Promise((done) => {
            stopping = true;
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output.slice(-2000)}`)));
  });
}

/** BENCH_SIM_NODE_ARGS passes flags to the simulator's node, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it. */
export function startDanaSim(dataDir: string, extraArgs: string[] = []): Promise<Running> {
  const nodeArgs = (process.env.BENCH_SIM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return launch(
    process.execPath,
    [...nodeArgs, 'scenarios/bin/dana-sim.mjs', 'start', '--port', '0', '--data', dataDir, ...extraArgs],
    {},
    /listening on (http:\/\/\S+)/,
  );
}

export function startExpressBaseline(publicKeyPem: string): Promise<Running> {
  return launch(
    process.execPath,
    // tsx as a loader in this very process (its CLI would run a second one), so pid, RSS and CPU time are the server's.
    ['--import', 'tsx', 'test/bench/baseline-express.ts'],
    { BENCH_PUBLIC_KEY: publicKeyPem },
    /listening on (http:\/\/\S+)/,
  );
}

/** Prism 5.14 is installed on first use into a cache folder, not into the project's dependencies. */
export async function startPrism(cacheDir: string, port: number): Promise<Running> {
  const bin = join(cacheDir, 'node_modules', '.bin', 'prism');
  if (!existsSync(bin)) {
    console.error('bench: installing @stoplight/prism-cli@5.14 into', cacheDir, '(once)');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', cacheDir, '@stoplight/prism-cli@5.14'], { stdio: 'ignore' });
  }
  const spec = join(cacheDir, 'topup.yaml');
  writeFileSync(spec, readFileSync(join(ROOT, 'test/bench/prism-topup.yaml')));
  return launch(bin, ['mock', spec, '-h', '127.0.0.1', '-p', String(port)], {}, new RegExp(`(http://127\\.0\\.0\\.1:${port})`));
}

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time (user + system) a process has used so far, in ms (Linux; 10 ms clock ticks). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
