import type { ChildProcess } from 'node:child_process';

// A simulator started as a real process announces itself with "listening on <url>"; tests that spawn
// one wait for that line (and, when they need the whole banner, for more of it) before calling it.

export function listeningUrl(child: ChildProcess, bannerDone: (output: string) => boolean = () => true): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && bannerDone(output)) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}
