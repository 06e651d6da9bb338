/** What the API benches share: the server in its own process, and autocannon's clients over a set of paths. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

/**
 * Starts scripts/bench-api-server.ts on `db` (through tsx, with the bench's diagnostics), or with `built` the installed
 * command, `quipu serve` from the built bundle (dist/; its own web build), whose memory is what a user's server holds;
 * resolves with its URL once it listens.
 */
export async function startServer(root: string, db: string, staticDir: string, built = false): Promise<{ url: string; child: ChildProcess }> {
  const command = built ? [join(root, 'bin', 'quipu.js'), 'serve', '--db', db, '--port', '0'] : ['--import', 'tsx', join(root, 'scripts', 'bench-api-server.ts'), db, staticDir];
  const child = spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (built) {
        const served = / at (http:\/\/\S+?)\/?\n/.exec(out)?.[1];
        if (served) resolve(served);
        return;
      }
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return { url, child };
}

/**
 * The CPU time a process has used so far, in ms (Linux /proc: user and system, in clock ticks of 10 ms). A server's CPU
 * time per request does not depend on what else the machine runs, where its latencies do.
 */
export function processCpuMs(pid: number): number {
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `connections` clients for `seconds` against the paths in turn: every response's latency (sorted), the failures, and the bytes answered. */
export async function loadPaths(url: string, paths: string[], connections: number, seconds: number): Promise<{ latencies: Float64Array; non200: number; bytes: number; result: autocannon.Result }> {
  const latencies: number[] = [];
  let non200 = 0;
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests: paths.map((path) => ({ method: 'GET', path })) }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, size, ms) => {
      if (status !== 200) non200++;
      bytes += size;
      latencies.push(ms);
    });
  });
  return { latencies: Float64Array.from(latencies).sort(), non200, bytes, result };
}
