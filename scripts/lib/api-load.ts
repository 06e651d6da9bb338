/** What the API benches share: the server in its own process, and autocannon's clients over a set of paths. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** Starts scripts/bench-api-server.ts on `db`; resolves with its URL once it listens. */
export async function startServer(root: string, db: string, staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-api-server.ts'), db, staticDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return { url, child };
}

/** `connections` clients for `seconds` against the paths in turn: every response's latency (sorted) and the failures. */
export async function loadPaths(url: string, paths: string[], connections: number, seconds: number): Promise<{ latencies: Float64Array; non200: number; result: autocannon.Result }> {
  const latencies: number[] = [];
  let non200 = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests: paths.map((path) => ({ method: 'GET', path })) }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status !== 200) non200++;
      latencies.push(ms);
    });
  });
  return { latencies: Float64Array.from(latencies).sort(), non200, result };
}
